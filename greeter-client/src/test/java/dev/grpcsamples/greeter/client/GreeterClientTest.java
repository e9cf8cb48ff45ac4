package dev.grpcsamples.greeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.common.Cli;
import dev.grpcsamples.greeter.server.GreeterService;
import dev.grpcsamples.testing.InProcessGrpc;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The greeter CLI, command line to printed output, against the real Greeter service in-process:
 * what a user types and what they see, without a network.
 */
class GreeterClientTest {
  @RegisterExtension
  final InProcessGrpc grpc = InProcessGrpc.serving(() -> new GreeterService(3, Duration.ZERO));

  /** A Greeter whose LotsOfReplies runs until the client stops it. */
  @RegisterExtension
  final InProcessGrpc endless =
      InProcessGrpc.serving(() -> new GreeterService(0, Duration.ofMillis(20)));

  @Test
  void noSubcommandRunsAllFourKinds() {
    Run run = run(grpc);
    assertEquals(0, run.exitCode, run.toString());
    assertEquals(List.of(
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
        "Hello, Alan!"), run.out);
  }

  @Test
  void helloMakesOneCallPerName() {
    Run run = run(grpc, "hello", "--name", "Ada", "--name", "Grace");
    assertEquals(0, run.exitCode, run.toString());
    assertEquals(List.of("Hello, Ada!", "Hello, Grace!"), run.out);
  }

  @Test
  void optionsWorkBeforeOrAfterTheSubcommand() {
    assertEquals(List.of("Hello again, Ada!"), run(grpc, "again", "--name", "Ada").out);
    assertEquals(List.of("Hello again, Ada!"), run(grpc, "--name", "Ada", "again").out);
  }

  @Test
  void repliesPrintsEachReplyUntilTheServerEndsTheStream() {
    Run run = run(grpc, "replies", "--name", "Ada");
    assertEquals(0, run.exitCode, run.toString());
    assertEquals(List.of("Hello, Ada! (reply 1 of 3)", "Hello, Ada! (reply 2 of 3)",
        "Hello, Ada! (reply 3 of 3)"), run.out);
  }

  @Test
  void repliesCancelAfterStopsAnEndlessStream() {
    Run run = run(endless, "replies", "--name", "Ada", "--cancel-after", "2");
    assertEquals(0, run.exitCode, run.toString());
    assertEquals(List.of("Hello, Ada! (reply 1)", "Hello, Ada! (reply 2)"), run.out);
    assertEquals(List.of("cancelled the call after 2 replies"), run.err);
  }

  @Test
  void greetingsSendsTheNamesAsOneStream() {
    Run run = run(grpc, "greetings", "--name", "Ada", "--name", "Grace");
    assertEquals(List.of("Hello to all 2 names: Ada, Grace!"), run.out);
  }

  @Test
  void greetingsGetsAnEarlyAnswerOnGoodbye() {
    Run run = run(grpc, "greetings", "--name", "Ada", "--name", "后会有期", "--name", "Grace");
    assertEquals(0, run.exitCode, run.toString());
    assertEquals(List.of("后会有期! Goodbye after 1 name: Ada"), run.out);
  }

  @Test
  void bidiPrintsOneReplyPerName() {
    Run run = run(grpc, "bidi", "--name", "Ada", "--name", "Grace");
    assertEquals(List.of("Hello, Ada!", "Hello, Grace!"), run.out);
  }

  @Test
  void aFailedCallPrintsCodeAndDescriptionAndExitsOne() {
    Run run = run(grpc, "hello", "--name", "");
    assertEquals(1, run.exitCode);
    assertEquals(List.of(), run.out);
    assertEquals(List.of("INVALID_ARGUMENT: name must not be empty"), run.err);
  }

  @Test
  void aDeadlineEndsAnEndlessStreamWithDeadlineExceeded() {
    Run run = run(endless, "replies", "--deadline", "300ms");
    assertEquals(1, run.exitCode, run.toString());
    assertTrue(run.err.get(0).startsWith("DEADLINE_EXCEEDED: "), run.toString());
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Run run = run(grpc, "hello", "--nmae", "Ada");
    assertEquals(2, run.exitCode);
    assertEquals("Unknown options: '--nmae', 'Ada'", run.err.get(0));
    assertTrue(run.err.get(1).startsWith("Usage: greeter-client hello"), run.toString());
  }

  @Test
  void aBadDurationIsAUsageErrorNamingTheOption() {
    Run run = run(grpc, "hello", "--deadline", "soon");
    assertEquals(2, run.exitCode);
    assertEquals("Invalid value for option '--deadline': 'soon' is not a duration: use a whole "
        + "number with ms, s, m or h, like 500ms or 2s", run.err.get(0));
  }

  @Test
  void helpExitsZero() {
    Run run = run(grpc, "--help");
    assertEquals(0, run.exitCode);
    assertTrue(run.out.get(0).startsWith("Usage: greeter-client"), run.toString());
  }

  private static Run run(InProcessGrpc server, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Cli.run(new GreeterClient(options -> server.newChannel()),
        new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, lines(out), lines(err));
  }

  private static List<String> lines(StringWriter w) {
    String s = w.toString();
    return s.isEmpty() ? List.of() : List.of(s.split("\\R"));
  }

  private record Run(int exitCode, List<String> out, List<String> err) {}
}
