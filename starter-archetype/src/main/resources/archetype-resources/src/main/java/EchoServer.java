package ${package};

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The server: {@link EchoService} on a TCP port, with health checking and reflection next to it, and
 * a graceful shutdown on Ctrl-C or SIGTERM.
 *
 * <pre>
 * java -jar target/${artifactId}.jar [--port 50051]
 * </pre>
 */
public final class EchoServer {
  static {
    // Both settings only count if they are made before the first Logger is created: so, first.
    // One line per event (time, level, message, exception if any), instead of the JDK's two lines:
    // "14:02:11 INFO EchoServer listening on port 50051 (...)".
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %5$s%6$s%n");
    // A LogManager that keeps logging while the JVM exits, so the shutdown steps are not lost
    // (see LogManagerForShutdownHooks at the bottom of this file).
    System.setProperty("java.util.logging.manager", LogManagerForShutdownHooks.class.getName());
  }

  private static final Logger logger = Logger.getLogger(EchoServer.class.getName());

  static final int DEFAULT_PORT = 50051;
  /** Service methods run on this many threads; a call that arrives while all are busy waits. */
  private static final int THREADS = 10;
  /** How long calls in flight may take to finish once shutdown has begun. */
  private static final Duration GRACE = Duration.ofSeconds(10);
  private static final String USAGE =
      "usage: java -jar ${artifactId}.jar [--port N]  (default " + DEFAULT_PORT + "; 0 picks a free port)";

  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();
  private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);

  /**
   * Takes the builder rather than a port, so that a test can hand it an in-process builder and check
   * exactly what {@link #main} serves.
   */
  EchoServer(ServerBuilder<?> builder) {
    server = builder
        // Service methods run here, not on the transport's event loop threads, so a method that
        // blocks (on a database, another service...) only holds one of these threads.
        .executor(executor)
        .addService(new EchoService())
        // grpc.health.v1.Health: load balancers, Kubernetes probes and grpc-health-probe ask it.
        .addService(health.getHealthService())
        // Server reflection: lets grpcurl and other tools list and call the services without the
        // .proto file (`grpcurl -plaintext localhost:50051 list`).
        .addService(ProtoReflectionServiceV1.newInstance())
        .build();
  }

  void start() throws IOException {
    server.start();
    // "" is the server as a whole; each service can also be asked about by its full name.
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(EchoGrpc.SERVICE_NAME, ServingStatus.SERVING);
  }

  /** The port actually bound: the one asked for, or the free one that {@code --port 0} picked. */
  int port() {
    return server.getPort();
  }

  /**
   * The careful stop: tell health checkers first, refuse new calls, give the calls in flight
   * {@code grace} to finish, cancel whatever is left, and only then stop the worker threads.
   * Calling it again once the server is shutting down does nothing.
   */
  void stop(Duration grace) throws InterruptedException {
    if (server.isShutdown()) {
      return;
    }
    logger.info("shutting down: health set to NOT_SERVING");
    // Load balancers and health-checking clients stop sending new calls here.
    health.enterTerminalState();
    server.shutdown();
    logger.info("refusing new calls; waiting up to " + grace.toSeconds()
        + "s for calls in flight to finish");
    if (server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      logger.info("all calls finished");
    } else {
      logger.info("grace period over: cancelling the calls still running");
      server.shutdownNow();
      server.awaitTermination(5, TimeUnit.SECONDS);
    }
    // Last, once no call can be handed to the pool any more.
    executor.shutdown();
    if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
      executor.shutdownNow();
    }
    logger.info("EchoServer stopped");
  }

  void blockUntilShutdown() throws InterruptedException {
    server.awaitTermination();
  }

  public static void main(String[] args) throws InterruptedException {
    int port;
    try {
      port = Flags.parse(args, List.of("--port")).number("--port", DEFAULT_PORT, 0, 65535);
    } catch (Flags.UsageException e) {
      System.err.println("error: " + e.getMessage() + "; " + USAGE);
      System.exit(2);
      return;
    }

    EchoServer echoServer =
        new EchoServer(Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create()));
    try {
      echoServer.start();
    } catch (IOException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      System.err.println("error: cannot listen on port " + port + ": " + cause.getMessage());
      System.exit(1);
      return;
    }
    logger.info("EchoServer listening on port " + echoServer.port()
        + " (" + THREADS + " worker threads; health and reflection on)");

    // Ctrl-C and `kill` (SIGINT, SIGTERM) make the JVM run its shutdown hooks before it exits;
    // `kill -9` does not, and then no shutdown code can run at all.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        echoServer.stop(GRACE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "echo-server-shutdown"));
    echoServer.blockUntilShutdown();
  }

  /**
   * The JDK's LogManager, except that it keeps logging while the JVM exits. The JDK's own version
   * switches every log handler off from a shutdown hook of its own, which runs at the same time as
   * the one above, so the shutdown steps would often be lost. (grpc-java's examples print them on
   * System.err for this reason.) Nothing else changes: reset() is only called at exit, or by code
   * that re-reads the logging configuration, which this program does not do.
   */
  public static final class LogManagerForShutdownHooks extends LogManager {
    @Override
    public void reset() {
      // Keep the handlers: the process is about to end, and ConsoleHandler flushes every record.
    }
  }
}
