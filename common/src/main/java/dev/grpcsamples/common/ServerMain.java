package dev.grpcsamples.common;

import io.grpc.BindableService;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What a server's picocli {@code call()} does: set up logging, start, stop gracefully on a signal,
 * and wait. Returns the exit code: 0 after a shutdown, 1 if the server could not start.
 */
public final class ServerMain {
  private static final Logger logger = Logger.getLogger(ServerMain.class.getName());

  private ServerMain() {}

  /**
   * @param services makes the services once logging is set up, so what they log while starting
   *     (loading data, say) is shown; a {@link Cli.InputError} thrown here stops the server with exit 2
   */
  public static int serve(String name, ServerOptions options,
      Supplier<List<? extends BindableService>> services) throws InterruptedException {
    ConsoleLogging.install(options.verbose());
    ServerBootstrap server;
    try {
      server = ServerBootstrap.start(name, options, services.get());
    } catch (ServerBootstrap.StartupException e) {
      logger.severe(e.getMessage());
      return 1;
    }
    server.stopOnSignal().blockUntilShutdown();
    return 0;
  }
}
