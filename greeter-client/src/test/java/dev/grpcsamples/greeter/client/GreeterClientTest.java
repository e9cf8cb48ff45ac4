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
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
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
    for (CommandResult run : List.of(run(replyThenFail, "greetings"),
        run(replyThenFail, "greetings", "--json"))) {
      assertEquals(1, run.exitCode(), run.toString());
      assertEquals(List.of(), run.stdout(), "nothing on stdout before the error: " + run);
      assertEquals(List.of("NOT_FOUND: no such group"), run.stderr());
    }
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
  void helpExitsZero() {
    CommandResult run = run(grpc, "--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.stdout().get(0).startsWith("Usage: greeter-client"), run.toString());
  }

  private static CommandResult run(InProcessGrpc server, String... args) {
    return CliRun.run(new GreeterClient(options -> server.channelBuilder()), args);
  }
}
