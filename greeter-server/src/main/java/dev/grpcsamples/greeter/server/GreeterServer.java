package dev.grpcsamples.greeter.server;

import dev.grpcsamples.common.Channels;
import dev.grpcsamples.common.Cli;
import dev.grpcsamples.common.DurationConverter;
import dev.grpcsamples.common.ServerMain;
import dev.grpcsamples.common.ServerOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code java -jar greeter-server/target/greeter-server.jar [--port 50051] [--threads 10] ...}
 *
 * <p>Everything about starting and stopping lives in common's {@link ServerMain}; this class only says
 * which service to serve and how LotsOfReplies behaves.
 */
@Command(name = "greeter-server", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = "Serves helloworld.Greeter: unary, server-streaming, client-streaming and "
        + "bidirectional calls, plus grpc.health.v1 and server reflection.")
public final class GreeterServer implements Callable<Integer> {
  public static final int DEFAULT_PORT = 50051;

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
      description = "SayHelloAgain also calls SayHello on this server, to show how a deadline "
          + "travels with a call that fans out (default: none).")
  String upstream;

  @Override
  public Integer call() throws InterruptedException {
    ManagedChannel upstreamChannel = upstream == null ? null
        : Grpc.newChannelBuilder(upstream, InsecureChannelCredentials.create()).build();
    try {
      return ServerMain.serve("greeter-server", server,
          () -> List.of(new GreeterService(replies, replyInterval, delay, upstreamChannel)));
    } finally {
      if (upstreamChannel != null) {
        Channels.close(upstreamChannel);
      }
    }
  }

  public static void main(String[] args) {
    Cli.main(new GreeterServer(), args);
  }
}
