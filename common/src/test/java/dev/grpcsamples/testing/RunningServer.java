package dev.grpcsamples.testing;

import dev.grpcsamples.common.server.ServerBootstrap;
import dev.grpcsamples.common.server.ServerOptions;
import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ServerServiceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * A real server (Netty, a real port, the same {@link ServerBootstrap} as the jars) inside the test
 * JVM, with a plaintext channel to it. For what the in-process transport does not show: thread pools,
 * ports, graceful shutdown.
 */
public final class RunningServer implements AutoCloseable {
  private final ServerBootstrap server;
  private final ManagedChannel channel;
  private final List<String> shutdownLog = new ArrayList<>();

  private RunningServer(ServerBootstrap server) {
    this.server = server;
    this.channel = Grpc.newChannelBuilder(server.target(),
        InsecureChannelCredentials.create()).build();
  }

  /** Starts {@code services} with server command-line flags, e.g. {@code "--threads", "2"}. */
  public static RunningServer start(List<? extends BindableService> services, String... flags) {
    ServerOptions options = new ServerOptions(0);
    new CommandLine(options).parseArgs(flags);
    return start(options, services.stream().map(BindableService::bindService).toList());
  }

  /** Starts service definitions (a service wrapped in interceptors, say) with parsed options. */
  public static RunningServer start(ServerOptions options, List<ServerServiceDefinition> services) {
    return new RunningServer(ServerBootstrap.start("test-server", options, services));
  }

  public ServerBootstrap server() {
    return server;
  }

  public ManagedChannel channel() {
    return channel;
  }

  /** Runs the graceful shutdown (as SIGTERM would) and returns the steps it logged, in order. */
  public synchronized List<String> shutdownGracefully() {
    server.shutdownGracefully(shutdownLog::add);
    return List.copyOf(shutdownLog);
  }

  /** Waits (at most 20 s) until the server has served at least {@code n} calls. */
  public void awaitCallsServed(long n) throws InterruptedException {
    if (!server.awaitCallsServed(n, java.time.Duration.ofSeconds(20))) {
      throw new AssertionError("served only " + server.callsServed() + " calls, not " + n);
    }
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    if (shutdownLog.isEmpty()) {
      shutdownGracefully();
    }
  }
}
