package dev.grpcsamples.common.server;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.common.cli.ConsoleLogging;
import dev.grpcsamples.common.operations.PrometheusMetrics;
import dev.grpcsamples.common.security.Authentication;
import dev.grpcsamples.common.security.CertificateReload;
import dev.grpcsamples.common.security.ServerSecurity;
import dev.grpcsamples.common.security.TokenTable;
import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.services.AdminInterface;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts a gRPC server the way every server in this repository starts: a fixed pool of worker threads,
 * the health service (grpc.health.v1) and server reflection, and a graceful shutdown on
 * SIGINT/SIGTERM. A server's {@code main} only says which services to serve:
 *
 * <pre>{@code
 * return ServerBootstrap.serve("greeter-server", options,
 *     () -> List.of(new GreeterService().bindService()));
 * }</pre>
 *
 * <p>Lean by default: a call pays only for what every production server keeps (in-flight counting for
 * the graceful shutdown, turning an uncaught exception into a clean INTERNAL). Each other interceptor
 * (tokens, per-call logging, compression) is added only when its flag is given.
 */
public final class ServerBootstrap {
  private static final Logger logger = Logger.getLogger(ServerBootstrap.class.getName());

  /** Infrastructure, not the application: needs no token, and is not waited for at shutdown. */
  private static final Set<String> BUILT_IN = Set.of(HealthGrpc.SERVICE_NAME,
      "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");

  /**
   * grpc-java's own loggers that report, at WARNING, a request a client got wrong (a malformed
   * header, a message over the size limit). The client is told with a status; logged per call, any
   * client could flood the server's log. Held here: java.util.logging forgets unreferenced loggers.
   */
  private static final List<Logger> CLIENT_ERROR_LOGGERS = List.of(
      Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler"),
      Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerStream"),
      Logger.getLogger("io.grpc.internal.SerializingExecutor"));

  private final String name;
  private final Server server;
  private final HealthStatusManager health;
  private final InFlightCalls inFlight;
  private final List<ExecutorService> executors;
  private final List<AutoCloseable> resources;
  private final Duration grace;
  private final String target;

  private ServerBootstrap(String name, Server server, HealthStatusManager health,
      InFlightCalls inFlight, List<ExecutorService> executors, List<AutoCloseable> resources,
      Duration grace, String target) {
    this.name = name;
    this.server = server;
    this.health = health;
    this.inFlight = inFlight;
    this.executors = executors;
    this.resources = resources;
    this.grace = grace;
    this.target = target;
  }

  /**
   * What a server's picocli {@code call()} does: set up logging, start, stop gracefully on a signal,
   * and wait. Returns the exit code: 0 after a shutdown, 1 if the server could not start.
   *
   * @param services makes the services once logging is set up, so what they log while starting
   *     (loading data, say) is shown; a {@link Cli.InputError} thrown here stops the server with exit 2
   */
  public static int serve(String name, ServerOptions options,
      Supplier<List<ServerServiceDefinition>> services) throws InterruptedException {
    return serve(name, options, services, () -> null);
  }

  /**
   * As above, and logs {@code report} (what the server did, say) as the shutdown begins.
   *
   * @param report a line for the log at shutdown, or null for none
   */
  public static int serve(String name, ServerOptions options,
      Supplier<List<ServerServiceDefinition>> services, Supplier<String> report)
      throws InterruptedException {
    ConsoleLogging.install(options.verbose());
    ServerBootstrap server;
    try {
      server = start(name, options, services.get());
    } catch (StartupException e) {
      logger.severe(e.getMessage());
      return 1;
    }
    server.stopOnSignal(report).blockUntilShutdown();
    return 0;
  }

  /**
   * Binds the port, starts serving and logs the "listening" line.
   *
   * @throws StartupException if the port cannot be bound (in use, or not allowed)
   */
  public static ServerBootstrap start(String name, ServerOptions options,
      List<ServerServiceDefinition> services) {
    options.validate();
    CLIENT_ERROR_LOGGERS.forEach(l -> l.setFilter(ServerBootstrap::clientErrorAtFine));
    // Files first (certificates, tokens): a mistake there stops the start before anything runs.
    ServerSecurity.Options security = options.security();
    // What the server owns besides its thread pools, closed after it stops (in this order).
    List<AutoCloseable> resources = new ArrayList<>();
    ServerCredentials credentials;
    if (security.reloadsCertificates()) {
      CertificateReload reload = CertificateReload.start(security);
      resources.add(reload);
      credentials = reload.credentials();
    } else {
      credentials = ServerSecurity.credentials(security);
    }
    TokenTable tokens = ServerSecurity.tokens(security);
    if (tokens != null) {
      tokens.checkMethodsExist(services.stream()
          .flatMap(s -> s.getMethods().stream())
          .map(m -> m.getMethodDescriptor().getFullMethodName())
          .collect(java.util.stream.Collectors.toSet()));
    }
    PrometheusMetrics metrics = null;
    if (options.metricsPort() != null) {
      try {
        metrics = PrometheusMetrics.serve(options.metricsPort());
      } catch (IllegalStateException e) {
        closeAll(resources);
        throw new StartupException(name + " " + e.getMessage(), e);
      }
      resources.add(metrics);
    }
    // Service methods run on a fixed pool of --threads workers, not on Netty's event loop. A method
    // that blocks (a server stream that waits between replies, say) holds its worker until it returns,
    // so with --threads 2 a third such call waits in the queue until one of the first two ends.
    ExecutorService workers = options.virtualThreads()
        ? virtualThreadPerCall()
        : Executors.newFixedThreadPool(options.threads(), namedThreads(name, "worker"));
    // gRPC's own short tasks run on the transport (Netty event-loop) thread that read the request:
    // finding the method for a new call, and cancelling the Context of a call whose client went
    // away. They never wait behind the workers, so a client's cancel reaches a busy pool at once and
    // frees its worker; and a call costs one thread hop (to its worker), not two. Health checks and
    // the methods a service marked as never blocking (see nonBlocking) stay on that thread too, so
    // probes are answered while every worker is busy.
    Set<String> onTransportThread = new java.util.HashSet<>();
    services.forEach(s -> s.getMethods().stream()
        .filter(m -> m.getServerCallHandler() instanceof NonBlocking<?, ?>)
        .forEach(m -> onTransportThread.add(m.getMethodDescriptor().getFullMethodName())));
    HealthStatusManager health = new HealthStatusManager();
    InFlightCalls inFlight = new InFlightCalls();
    ServerBuilder<?> builder = options.unixSocket() == null
        ? Grpc.newServerBuilderForPort(options.port(), credentials)
        : UnixSocketServer.builder(name, options.unixSocket(), credentials, resources);
    builder
        .directExecutor()
        .callExecutor(new ServerCallExecutorSupplier() {
          @Override
          public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata headers) {
            MethodDescriptor<ReqT, RespT> method = call.getMethodDescriptor();
            boolean stay = HealthGrpc.SERVICE_NAME.equals(method.getServiceName())
                || onTransportThread.contains(method.getFullMethodName());
            return stay ? null : workers; // null: stay on the transport thread
          }
        })
        .maxInboundMessageSize(options.maxMessageSize())
        .permitKeepAliveTime(options.permitKeepalive().toNanos(), TimeUnit.NANOSECONDS)
        .addStreamTracerFactory(inFlight);
    // Interceptors: the last one added runs first.
    if (security.identifiesCallers()) {
      builder.intercept(new Authentication(tokens, ServerBootstrap::isBuiltIn));
    }
    // An exception thrown by a service: a StatusRuntimeException is sent as its status, anything else
    // becomes INTERNAL with a reference in the log.
    builder.intercept(new UncaughtExceptions());
    if (options.verbose()) {
      builder.intercept(logEachCall());
    }
    if (options.compression() != null) {
      builder.intercept(compressReplies(options.compression()));
    }
    if (metrics != null) {
      metrics.recordCalls(builder);
    }
    builder
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(reflectionV1Alpha());
    if (options.admin()) {
      // --admin: channelz (and CSDS, when grpc-xds is on the class path), as grpc-services
      // bundles them. Channelz answers from counters grpc-java keeps anyway, so it costs a call
      // nothing; it is off by default because it shows peers' addresses to whoever asks.
      AdminInterface.getStandardServices().forEach(builder::addService);
    }
    services.forEach(builder::addService);

    Server server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      workers.shutdownNow();
      closeAll(resources);
      throw options.unixSocket() != null
          ? new StartupException(name + " cannot listen on unix://" + options.unixSocket() + ": "
              + rootMessage(e), e)
          : StartupException.cannotListen(name, options.port(), e);
    }
    // "" is the whole server; each service is also reported by its own name.
    health.setStatus("", ServingStatus.SERVING);
    services.forEach(s -> health.setStatus(s.getServiceDescriptor().getName(), ServingStatus.SERVING));

    String where = options.unixSocket() == null
        ? "port " + server.getPort() : "unix://" + options.unixSocket().toAbsolutePath();
    logger.info(name + " listening on " + where + " ("
        + (options.virtualThreads() ? "a virtual thread per call" : options.threads()
            + " worker threads") + "; " + ServerSecurity.describe(security)
        + (options.admin() ? "; health, reflection and channelz on)"
            : "; health and reflection on)"));
    if (metrics != null) {
      logger.info("metrics (Prometheus text format) at " + metrics.url());
    }
    return new ServerBootstrap(name, server, health, inFlight, List.of(workers), resources,
        options.grace(), options.unixSocket() == null ? "localhost:" + server.getPort()
            : "unix://" + options.unixSocket().toAbsolutePath());
  }

  /**
   * Lets grpc-java's records through, except those about one client's malformed request, which are
   * logged again at FINE (shown with --verbose) under this class's name.
   */
  private static boolean clientErrorAtFine(java.util.logging.LogRecord r) {
    // A request message that does not parse fails its call with INTERNAL, and grpc-java then logs
    // that StatusRuntimeException at SEVERE. Our own code's exceptions never get there: they are
    // caught by UncaughtExceptions first.
    boolean unparsable = r.getLevel() == Level.SEVERE
        && r.getThrown() instanceof io.grpc.StatusRuntimeException;
    if (r.getLevel() != Level.WARNING && !unparsable) {
      return true;
    }
    logger.fine(() -> "a client request failed: " + r.getMessage()
        + (r.getThrown() == null ? "" : " (" + r.getThrown().getMessage() + ")"));
    return false;
  }

  /** The services a server adds itself: health and reflection. Full method names or service names. */
  static boolean isBuiltIn(String fullMethodName) {
    int slash = fullMethodName.indexOf('/');
    return BUILT_IN.contains(slash < 0 ? fullMethodName : fullMethodName.substring(0, slash));
  }

  /** How a client on this machine reaches the server: {@code localhost:PORT} or {@code unix:///PATH}. */
  public String target() {
    return target;
  }

  /** The port actually bound: the one asked for, or the free one picked for {@code --port 0}. */
  public int port() {
    return server.getPort();
  }

  /** Runs {@link #shutdownGracefully} (after logging {@code report}, if any) when the JVM is asked to exit (Ctrl-C, kill, SIGTERM). */
  public ServerBootstrap stopOnSignal(Supplier<String> report) {
    // The logger may already have been reset by its own JVM shutdown hook when ours runs, so the
    // shutdown steps are printed straight to stderr, in the same one-line shape.
    Consumer<String> log = step -> System.err.println(ConsoleLogging.line(Level.INFO, step));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      String line = report.get();
      if (line != null) {
        log.accept(line);
      }
      shutdownGracefully(log);
    }, name + "-shutdown"));
    return this;
  }

  /** Stops serving: NOT_SERVING, no new calls, a grace period for calls in flight, then cancel. */
  public void shutdownGracefully(Consumer<String> log) {
    new GracefulShutdown(name, server, health, inFlight, executors, grace, log).run();
    closeAll(resources);
  }

  /** Application calls in flight now (health checks not counted). */
  public int callsInFlight() {
    return inFlight.count();
  }

  /** Application calls this server has started serving (health checks not counted). */
  public long callsServed() {
    return inFlight.served();
  }

  /** Waits until this server has served {@code n} calls; false if {@code timeout} passed first. */
  public boolean awaitCallsServed(long n, Duration timeout) throws InterruptedException {
    return inFlight.awaitServed(n, timeout);
  }

  public void blockUntilShutdown() throws InterruptedException {
    server.awaitTermination();
  }

  /** Services as the bootstrap takes them: {@code ServerBootstrap.definitions(new GreeterService())}. */
  public static List<ServerServiceDefinition> definitions(BindableService... services) {
    return java.util.Arrays.stream(services).map(BindableService::bindService).toList();
  }

  /**
   * Marks methods of {@code service} that never block: no sleep, no lock held for long, no call to
   * another server, no file or database. They run on the transport thread that read the request,
   * with no hop to a worker: the fastest a gRPC server answers, and how grpc-java's own benchmark
   * server runs. A method that might block must stay on the workers: on the transport thread it
   * would stall every other call on the connections that thread serves. The worker pool stays for
   * everything else, streams included, so the --threads lesson holds.
   *
   * @param methodNames method names as in the .proto, e.g. {@code "SayHello"}
   */
  public static ServerServiceDefinition nonBlocking(ServerServiceDefinition service,
      Set<String> methodNames) {
    ServerServiceDefinition.Builder marked = ServerServiceDefinition.builder(
        service.getServiceDescriptor());
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      addMethod(marked, method, methodNames.contains(method.getMethodDescriptor().getBareMethodName()));
    }
    return marked.build();
  }

  private static <ReqT, RespT> void addMethod(ServerServiceDefinition.Builder builder,
      ServerMethodDefinition<ReqT, RespT> method, boolean nonBlocking) {
    builder.addMethod(nonBlocking
        ? method.withServerCallHandler(new NonBlocking<>(method.getServerCallHandler())) : method);
  }

  /** The handler of a method marked by {@link #nonBlocking}: the same handler, recognisably marked. */
  private record NonBlocking<ReqT, RespT>(ServerCallHandler<ReqT, RespT> handler)
      implements ServerCallHandler<ReqT, RespT> {
    @Override
    public ServerCall.Listener<ReqT> startCall(ServerCall<ReqT, RespT> call, Metadata headers) {
      return handler.startCall(call, headers);
    }
  }

  /**
   * {@code --executor virtual}: a virtual thread per call (Java 21+), instead of a fixed pool. A method
   * that blocks then parks its virtual thread rather than holding one of a few platform threads, so
   * the --threads lesson no longer applies: the third stream does not wait. These samples are built
   * for Java 17, so the Java 21 method is looked up at run time.
   */
  private static ExecutorService virtualThreadPerCall() {
    try {
      return (ExecutorService)
          Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (NoSuchMethodException e) {
      throw new Cli.UsageError("--executor virtual needs Java 21 or newer; this is Java "
          + Runtime.version() + " (run with a newer java, or use --executor fixed)");
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot create virtual threads", e);
    }
  }

  /**
   * The older v1alpha reflection service. grpc-java marks it deprecated in favour of v1, but many
   * tools in the field (older grpcurl, grpc_cli, Postman) still only ask for v1alpha, so we serve both.
   */
  @SuppressWarnings("deprecation")
  private static BindableService reflectionV1Alpha() {
    return ProtoReflectionService.newInstance();
  }

  /** {@code --verbose}: one FINE line per call, which method and from where. */
  private static ServerInterceptor logEachCall() {
    return new ServerInterceptor() {
      @Override
      public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
          ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        logger.fine(() -> "call " + call.getMethodDescriptor().getFullMethodName()
            + " from " + call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        return next.startCall(call, headers);
      }
    };
  }

  /**
   * {@code --compression gzip}: every reply is compressed ({@code ServerCall.setCompression}), for a
   * client that announced it accepts gzip. A client can read any encoding the server picks and the
   * other way round, so the two sides choose independently.
   */
  private static ServerInterceptor compressReplies(String compression) {
    return new ServerInterceptor() {
      @Override
      public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
          ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        call.setCompression(compression);
        return next.startCall(call, headers);
      }
    };
  }

  /** Closes what a server owns besides its pools; a failure to close is logged, not thrown. */
  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        logger.log(Level.WARNING, "could not close " + resource, e);
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage());
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
