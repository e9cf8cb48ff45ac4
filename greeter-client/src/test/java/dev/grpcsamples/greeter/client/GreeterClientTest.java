package dev.grpcsamples.greeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.greeter.server.GreeterService;
import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.CliRun;
import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.InProcessGrpc;
import dev.grpcsamples.testing.LogRecorder;
import io.grpc.Metadata;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.TestUtils;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The greeter CLI, command line to printed output, against the real Greeter service in-process:
 * what a user types and what they see, without a network.
 */
class GreeterClientTest {
  /** What `greeter-client all` prints against a server started with --replies 3. */
  static final List<String> ALL_WITH_THREE_REPLIES = List.of(
      "# SayHello (unary)",
      "Hello, world!",
      "# SayHelloAgain (unary)",
      "Hello again, world!",
      "# LotsOfReplies (server streaming)",
      "Hello, world! (reply 1 of 3)",
      "Hello, world! (reply 2 of 3)",
      "Hello, world! (reply 3 of 3)",
      "# LotsOfGreetings (client streaming)",
      "Hello to all 3 names: Ada, Grace, Alan!",
      "# BidiHello (bidirectional streaming)",
      "Hello, Ada!",
      "Hello, Grace!",
      "Hello, Alan!");

  @RegisterExtension
  final InProcessGrpc grpc = InProcessGrpc.serving(() -> new GreeterService(3, Duration.ZERO));

  /** A Greeter whose LotsOfReplies runs until the client stops it. */
  @RegisterExtension
  final InProcessGrpc endless =
      InProcessGrpc.serving(() -> new GreeterService(0, Duration.ofMillis(20)));

  /** A foreign-style server whose LotsOfGreetings sends a reply and then fails the call. */
  @RegisterExtension
  final InProcessGrpc replyThenFail = InProcessGrpc.serving(() -> new GreeterGrpc.GreeterImplBase() {
    @Override
    public StreamObserver<HelloRequest> lotsOfGreetings(StreamObserver<HelloReply> reply) {
      return new StreamObserver<>() {
        @Override
        public void onNext(HelloRequest request) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          reply.onNext(HelloReply.getDefaultInstance());
          reply.onError(Status.NOT_FOUND.withDescription("no such group").asRuntimeException());
        }
      };
    }
  });

  @Test
  void aClientStreamThatFailsPrintsOnlyTheFailure() {
    CommandResult text = run(replyThenFail, "greetings");
    assertEquals(1, text.exitCode(), text.toString());
    assertEquals(List.of(), text.stdout(), "nothing on stdout before the error: " + text);
    assertEquals(List.of("NOT_FOUND: no such group"), text.stderr());

    CommandResult json = run(replyThenFail, "greetings", "--json");
    assertEquals(1, json.exitCode(), json.toString());
    assertEquals(List.of(), json.stdout(), "no {} on stdout before the error: " + json);
    assertEquals(List.of("{\"code\":5,\"message\":\"no such group\"}"), json.stderr());
  }

  /**
   * A Greeter behind grpc-testing's header recorder: the server-side interceptor keeps the request
   * headers of the last call, exactly as they arrived.
   */
  private final AtomicReference<Metadata> receivedHeaders = new AtomicReference<>();

  @RegisterExtension
  final InProcessGrpc recording = InProcessGrpc.serving(() -> () -> ServerInterceptors.intercept(
      new GreeterService(3, Duration.ZERO),
      TestUtils.recordRequestHeadersInterceptor(receivedHeaders)));

  /** LotsOfReplies as fast as it can, for ever: --replies 0 --reply-interval 0ms. */
  @RegisterExtension
  final InProcessGrpc flood = InProcessGrpc.serving(() -> new GreeterService(0, Duration.ZERO));

  @RegisterExtension
  final LogRecorder serviceLog = LogRecorder.of(GreeterService.class);

  @Test
  void readDelayAsksForOneReplyAtATimeAndTheServerWaitsForIt() {
    CommandResult run = run(flood, "replies", "--name", "Ada", "--read-delay", "100ms",
        "--cancel-after", "3");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(List.of("Hello, Ada! (reply 1)", "Hello, Ada! (reply 2)",
        "Hello, Ada! (reply 3)"), run.stdout());
    assertTrue(serviceLog.messages().stream().anyMatch(m -> m.contains("waits after 1 replies")),
        serviceLog.messages().toString());
  }

  @Test
  void noSubcommandRunsAllFourKinds() {
    CommandResult run = run(grpc);
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(ALL_WITH_THREE_REPLIES, run.stdout());
  }

  @Test
  void helloMakesOneCallPerName() {
    CommandResult run = run(grpc, "hello", "--name", "Ada", "--name", "Grace");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(List.of("Hello, Ada!", "Hello, Grace!"), run.stdout());
  }

  @Test
  void optionsWorkBeforeOrAfterTheSubcommand() {
    assertEquals(List.of("Hello again, Ada!"), run(grpc, "again", "--name", "Ada").stdout());
    assertEquals(List.of("Hello again, Ada!"), run(grpc, "--name", "Ada", "again").stdout());
  }

  @Test
  void repliesPrintsEachReplyUntilTheServerEndsTheStream() {
    CommandResult run = run(grpc, "replies", "--name", "Ada");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(List.of("Hello, Ada! (reply 1 of 3)", "Hello, Ada! (reply 2 of 3)",
        "Hello, Ada! (reply 3 of 3)"), run.stdout());
  }

  @Test
  void repliesCancelAfterStopsAnEndlessStream() {
    CommandResult run = run(endless, "replies", "--name", "Ada", "--cancel-after", "2");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(List.of("Hello, Ada! (reply 1)", "Hello, Ada! (reply 2)"), run.stdout());
    assertEquals(List.of("cancelled the call after 2 replies"), run.stderr());
  }

  @Test
  void greetingsSendsTheNamesAsOneStream() {
    CommandResult run = run(grpc, "greetings", "--name", "Ada", "--name", "Grace");
    assertEquals(List.of("Hello to all 2 names: Ada, Grace!"), run.stdout());
  }

  @Test
  void greetingsGetsAnEarlyAnswerOnGoodbye() {
    CommandResult run = run(grpc, "greetings", "--name", "Ada", "--name", "后会有期", "--name", "Grace");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(List.of("后会有期! Goodbye after 1 name: Ada"), run.stdout());
  }

  @Test
  void bidiPrintsOneReplyPerName() {
    CommandResult run = run(grpc, "bidi", "--name", "Ada", "--name", "Grace");
    assertEquals(List.of("Hello, Ada!", "Hello, Grace!"), run.stdout());
  }

  @Test
  void aFailedCallPrintsCodeAndDescriptionAndExitsOne() {
    CommandResult run = run(grpc, "hello", "--name", "");
    assertEquals(1, run.exitCode());
    assertEquals(List.of(), run.stdout());
    assertEquals(List.of("INVALID_ARGUMENT: name must not be empty"), run.stderr());
  }

  @Test
  void aDeadlineEndsAnEndlessStreamWithDeadlineExceeded() {
    CommandResult run = run(endless, "replies", "--deadline", "300ms");
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.stderr().get(0).startsWith("DEADLINE_EXCEEDED: "), run.toString());
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    CommandResult run = run(grpc, "hello", "--nmae", "Ada");
    assertEquals(2, run.exitCode());
    assertEquals("Unknown options: '--nmae', 'Ada'", run.stderr().get(0));
    assertEquals(List.of("Unknown options: '--nmae', 'Ada'",
        "Run 'greeter-client hello --help' for the options."), run.stderr());
  }

  @Test
  void aBadDurationIsAUsageErrorNamingTheOption() {
    CommandResult run = run(grpc, "hello", "--deadline", "soon");
    assertEquals(2, run.exitCode());
    assertEquals("Invalid value for option '--deadline': 'soon' is not a duration: use a whole "
        + "number with ms, s, m or h, like 500ms or 2s", run.stderr().get(0));
  }

  @Test
  void eachHeaderFlagArrivesAsRequestMetadata() {
    CommandResult run = run(recording, "hello", "--name", "Ada", "-H", "trace-id=abc123",
        "--header", "city-bin=5YyX5Lqs");
    assertEquals(0, run.exitCode(), run.toString());

    Metadata headers = receivedHeaders.get();
    assertEquals("abc123",
        headers.get(Metadata.Key.of("trace-id", Metadata.ASCII_STRING_MARSHALLER)));
    // A -bin value is base64 on the command line and raw bytes on the wire: here, 北京 in UTF-8.
    byte[] city = headers.get(Metadata.Key.of("city-bin", Metadata.BINARY_BYTE_MARSHALLER));
    assertEquals("北京", new String(city, StandardCharsets.UTF_8));
  }

  @Test
  void helpExitsZero() {
    CommandResult run = run(grpc, "--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.stdout().get(0).startsWith("Usage: greeter-client"), run.toString());
  }

  private static CommandResult run(InProcessGrpc server, String... args) {
    return CliRun.run(new GreeterClient(options -> server.channelBuilder()), args);
  }
}
