package dev.grpcsamples.common;

import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.util.TransmitStatusRuntimeExceptionInterceptor;
import java.io.IOException;
import java.net.BindException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts a gRPC server the way every server in this repository starts: a fixed pool of worker threads,
 * the health service (grpc.health.v1) and server reflection, per-call logging at FINE, and a graceful
 * shutdown on SIGINT/SIGTERM. A server's {@code main} only says which services to serve:
 *
 * <pre>{@code
 * ServerBootstrap server = ServerBootstrap.start("greeter-server", options, List.of(new GreeterService()));
 * server.blockUntilShutdown();
 * }</pre>
 */
public final class ServerBootstrap {
  private static final Logger logger = Logger.getLogger(ServerBootstrap.class.getName());

  private final String name;
  private final Server server;
  private final HealthStatusManager health;
  private final InFlightCalls inFlight;
  private final FaultInjection faults;
  private final List<ExecutorService> executors;
  private final ServerOptions options;

  private ServerBootstrap(String name, Server server, HealthStatusManager health,
      InFlightCalls inFlight, FaultInjection faults, List<ExecutorService> executors,
      ServerOptions options) {
    this.name = name;
    this.server = server;
    this.health = health;
    this.inFlight = inFlight;
    this.faults = faults;
    this.executors = executors;
    this.options = options;
  }

  /**
   * Binds the port, starts serving and logs the "listening" line.
   *
   * @throws StartupException if the port cannot be bound (in use, or not allowed)
   */
  public static ServerBootstrap start(String name, ServerOptions options,
      List<? extends BindableService> services) {
    options.validate();
    // Files first (certificates, tokens): a mistake there stops the start before anything runs.
    ServerSecurityOptions security = options.security();
    ServerCredentials credentials = ServerSecurity.credentials(security);
    TokenTable tokens = security.tokens != null ? TokenTable.load(security.tokens)
        : security.authToken != null ? TokenTable.single(security.authToken) : null;
    // Service methods run on a fixed pool of --threads workers, not on Netty's event loop. A method
    // that blocks (a server stream that waits between replies, say) holds its worker until it returns,
    // so with --threads 2 a third such call waits in the queue until one of the first two ends.
    ExecutorService workers = options.virtualThreads()
        ? VirtualThreads.perTask()
        : Executors.newFixedThreadPool(options.threads(), namedThreads(name, "worker"));
    // gRPC's own short tasks run elsewhere: finding the method for a new call, and cancelling the
    // Context of a call whose client went away. If they shared the workers' queue, a client's cancel
    // could not reach a busy pool, and its worker would never be freed. Health checks run here too,
    // so that probes are answered even while every worker is busy.
    ExecutorService grpcTasks = Executors.newCachedThreadPool(namedThreads(name, "grpc"));
    HealthStatusManager health = new HealthStatusManager();
    InFlightCalls inFlight = new InFlightCalls();
    ServerBuilder<?> builder = Grpc.newServerBuilderForPort(options.port(), credentials)
        .executor(grpcTasks)
        .maxInboundMessageSize(options.maxMessageSize())
        .permitKeepAliveTime(options.permitKeepalive().toNanos(), TimeUnit.NANOSECONDS)
        .callExecutor(new ServerCallExecutorSupplier() {
          @Override
          public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata headers) {
            return BuiltInServices.isHealth(call) ? null : workers; // null: stay on grpcTasks
          }
        })
        // The last interceptor added runs first: log the call, catch what it throws, and so on.
        .intercept(new MetadataEcho(name))
        .intercept(new StatusDemo());
    FaultInjection faults = options.faults.any() ? new FaultInjection(options.faults) : null;
    if (faults != null) {
      builder.intercept(faults);
    }
    builder
        .intercept(new Authentication(tokens))
        // A StatusRuntimeException thrown by a service (say, a failed call it made to another
        // server) is an answer, not a bug: this sends it to the client as its status.
        .intercept(TransmitStatusRuntimeExceptionInterceptor.instance())
        .intercept(new UncaughtExceptions())
        .intercept(new CallLogger())
        .addStreamTracerFactory(inFlight)
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(ReflectionV1Alpha.service());
    if (options.compression() != null) {
      builder.intercept(Compression.forReplies(options.compression()));
    }
    services.forEach(builder::addService);

    Server server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      workers.shutdownNow();
      grpcTasks.shutdownNow();
      throw StartupException.cannotListen(name, options.port(), e);
    }
    // "" is the whole server; each service is also reported by its own name.
    health.setStatus("", ServingStatus.SERVING);
    services.forEach(s -> health.setStatus(
        s.bindService().getServiceDescriptor().getName(), ServingStatus.SERVING));

    logger.info(name + " listening on port " + server.getPort() + " ("
        + (options.virtualThreads() ? "a virtual thread per call" : options.threads()
            + " worker threads") + "; " + ServerSecurity.describe(security)
        + "; health and reflection on)");
    if (faults != null) {
      logger.info("fault injection on: " + options.faults.failRate + " of calls fail with "
          + options.faults.failCode + ", " + options.faults.slowRate + " are slowed by "
          + DurationConverter.format(options.faults.slowDelay));
    }
    return new ServerBootstrap(name, server, health, inFlight, faults,
        List.of(workers, grpcTasks), options);
  }

  /** The port actually bound: the one asked for, or the free one picked for {@code --port 0}. */
  public int port() {
    return server.getPort();
  }

  /** Runs {@link #shutdownGracefully()} when the JVM is asked to exit (Ctrl-C, kill, SIGTERM). */
  public ServerBootstrap stopOnSignal() {
    // The logger may already have been reset by its own JVM shutdown hook when ours runs, so the
    // shutdown steps are printed straight to stderr, in the same one-line shape.
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> shutdownGracefully(step -> System.err.println(ConsoleLogging.line(Level.INFO, step))),
        name + "-shutdown"));
    return this;
  }

  /** Stops serving: NOT_SERVING, no new calls, a grace period for calls in flight, then cancel. */
  public void shutdownGracefully(java.util.function.Consumer<String> log) {
    if (faults != null) {
      log.accept(faults.summary());
    }
    new GracefulShutdown(name, server, health, inFlight, executors, options.grace(), log).run();
  }

  /** Application calls this server has started serving (health checks not counted). */
  public long callsServed() {
    return inFlight.served();
  }

  /** Waits until this server has served {@code n} calls; false if {@code timeout} passed first. */
  public boolean awaitCallsServed(long n, java.time.Duration timeout) throws InterruptedException {
    return inFlight.awaitServed(n, timeout);
  }

  public void blockUntilShutdown() throws InterruptedException {
    server.awaitTermination();
  }

  private static ThreadFactory namedThreads(String name, String kind) {
    AtomicInteger count = new AtomicInteger();
    return r -> new Thread(r, name + "-" + kind + "-" + count.incrementAndGet());
  }

  /** The server could not start; the message says why in one line. */
  public static final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartupException(String message, Throwable cause) {
      super(message, cause);
    }

    static StartupException cannotListen(String name, int port, IOException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      String message = String.valueOf(cause.getMessage());
      // Netty's native transport says "bind(..) failed with error(-98): Address already in use".
      String reason = cause instanceof BindException || message.contains("already in use")
          ? "address already in use (is another server on port " + port + "? try --port 0)"
          : message;
      return new StartupException(name + " cannot listen on port " + port + ": " + reason, e);
    }
  }
}
