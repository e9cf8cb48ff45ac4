package dev.grpcsamples.greeter.server;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.common.cli.DurationConverter;
import dev.grpcsamples.common.server.ServerBootstrap;
import dev.grpcsamples.common.server.ServerOptions;
import dev.grpcsamples.greeter.server.demo.DemoOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code java -jar greeter-server/target/greeter-server.jar [--port 50051] [--threads 10] ...}
 *
 * <p>Starting, health, reflection and the graceful shutdown live in common's {@link ServerBootstrap};
 * this class says which service to serve, how LotsOfReplies behaves, and which demo switches are on.
 */
@Command(name = "greeter-server", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = "Serves helloworld.Greeter: unary, server-streaming, client-streaming and "
        + "bidirectional calls, plus grpc.health.v1 and server reflection.")
public final class GreeterServer implements Callable<Integer> {
  public static final int DEFAULT_PORT = 50051;
  private static final String NAME = "greeter-server";
  private static final Logger logger = Logger.getLogger(GreeterServer.class.getName());

  @Mixin
  ServerOptions server = new ServerOptions(DEFAULT_PORT);

  @Option(names = "--replies", paramLabel = "N",
      description = "LotsOfReplies ends the stream itself after N replies; 0 = keep going until the "
          + "client cancels (default: ${DEFAULT-VALUE}).")
  int replies = 5;

  @Option(names = "--reply-interval", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Pause between two LotsOfReplies replies (default: 200ms).")
  Duration replyInterval = Duration.ofMillis(200);

  @Option(names = "--delay", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Make SayHello and SayHelloAgain this slow, e.g. 2s, to see a client's "
          + "--deadline expire (default: 0).")
  Duration delay = Duration.ZERO;

  @Option(names = "--upstream", paramLabel = "HOST:PORT",
      description = "SayHelloAgain also calls SayHello on this plaintext server, to show how a "
          + "deadline travels with a call that fans out (default: none).")
  String upstream;

  @Mixin
  DemoOptions demos = new DemoOptions();

  /** Parses greeter-server's flags without running it: for tests that start it in their own JVM. */
  public static GreeterServer parse(String... args) {
    GreeterServer command = new GreeterServer();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  public ServerOptions serverOptions() {
    return server;
  }

  /** The Greeter service, wrapped in the demo interceptors that the flags switch on. */
  public ServerServiceDefinition greeter(io.grpc.Channel upstreamChannel) {
    if (replies < 0) {
      throw new Cli.UsageError("--replies must be 0 (no limit) or more, not " + replies);
    }
    GreeterService service = new GreeterService(replies, replyInterval, delay, upstreamChannel);
    List<ServerInterceptor> demoInterceptors = demos.interceptors(NAME);
    ServerServiceDefinition greeter = ServerInterceptors.intercept(service, demoInterceptors);
    return ServerBootstrap.nonBlocking(greeter,
        neverBlocking(demoInterceptors.isEmpty(), upstreamChannel));
  }

  /**
   * The unary methods that answer at once, which can therefore run on the transport thread with no
   * hop to a worker: SayHello and SayHelloAgain, unless --delay makes them wait, --upstream makes
   * SayHelloAgain call another server, or a demo switch (fault injection can sleep) is on. The
   * streams always run on the workers: LotsOfReplies waits between replies.
   */
  private Set<String> neverBlocking(boolean noDemos, io.grpc.Channel upstreamChannel) {
    if (!delay.isZero() || !noDemos) {
      return Set.of();
    }
    return upstreamChannel == null ? Set.of("SayHello", "SayHelloAgain") : Set.of("SayHello");
  }

  @Override
  public Integer call() throws InterruptedException {
    if (upstream != null && server.security().secured()) {
      // The upstream call would go out in plaintext with no token, whatever this server requires
      // of its own callers: refuse, rather than quietly weaken a secured chain.
      throw new Cli.UsageError("--upstream calls its server in plaintext without a token; it "
          + "cannot be combined with --tls-cert, --auth-token or --tokens");
    }
    ManagedChannel upstreamChannel = upstream == null ? null : upstreamChannel(upstream);
    try {
      return ServerBootstrap.serve(NAME, server, () -> {
        List<ServerServiceDefinition> services = List.of(greeter(upstreamChannel));
        String demosOn = demos.describe();
        if (demosOn != null) {
          logger.info(demosOn);
        }
        return services;
      }, demos::faultReport);
    } finally {
      if (upstreamChannel != null) {
        upstreamChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private static ManagedChannel upstreamChannel(String target) {
    try {
      return Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
    } catch (IllegalArgumentException e) {
      throw new Cli.UsageError("--upstream '" + target + "' is not a target: use HOST:PORT, "
          + "like localhost:50052");
    }
  }

  public static void main(String[] args) {
    Cli.main(new GreeterServer(), args);
  }
}
