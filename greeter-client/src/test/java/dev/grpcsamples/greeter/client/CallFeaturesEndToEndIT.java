package dev.grpcsamples.greeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.RunningJar;
import dev.grpcsamples.testing.ServerJar;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The call-feature flags (status, metadata, JSON, deadlines, cancellation) with the real jars. */
class CallFeaturesEndToEndIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension
  static final ServerJar server =
      ServerJar.of("greeter-server.jar", "--replies", "0", "--reply-interval", "50ms",
          "--demo-status", "--echo-metadata");

  private static CommandResult client(String... args) throws Exception {
    return RunningJar.run(TIMEOUT, RunningJar.jar("greeter-client.jar"), args);
  }

  @Test
  void statusPrintsTheCodeAndDetailsAndExitsOne() throws Exception {
    CommandResult r = client("status", "RESOURCE_EXHAUSTED", "--target", server.target());
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(List.of(
        "RESOURCE_EXHAUSTED: a quota or limit ran out; slow down (asked for with demo-status)",
        "  reason: RESOURCE_EXHAUSTED (grpcsamples.dev) method=helloworld.Greeter/SayHello",
        "  retry after: 1s"), r.stderr());
  }

  @Test
  void aCrashIsOneCleanLineForTheClientAndAStackTraceInTheServerLog() throws Exception {
    CommandResult r = client("status", "crash", "--target", server.target());
    assertEquals(1, r.exitCode(), r.toString());
    String reference = r.stderr().get(0).replaceFirst(".* error ", "");
    assertEquals("INTERNAL: internal error; the server logged it as error " + reference,
        r.stderr().get(0));
    server.process().awaitLine("WARNING helloworld.Greeter/SayHello failed with an uncaught "
        + "exception, error " + reference, TIMEOUT);
  }

  @Test
  void headersAndMetadataRoundTrip() throws Exception {
    CommandResult r = client("hello", "--target", server.target(), "-H", "trace-id=abc123",
        "--show-metadata");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(List.of("header served-by: greeter-server", "trailer echo-trace-id: abc123"),
        r.stderr());
  }

  @Test
  void compressionIsAnnouncedInTheResponseHeaders() throws Exception {
    ServerJar.Started gzip = ServerJar.start(RunningJar.jar("greeter-server.jar"),
        "--compression", "gzip");
    try (RunningJar process = gzip.process()) {
      CommandResult r = client("hello", "--target", gzip.target(), "--compression", "gzip",
          "--show-metadata");
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(List.of("header grpc-encoding: gzip"), r.stderr());
    }
  }

  @Test
  void aReplyOverTheClientsLimitNeedsTheClientsFlagAndSixtyMebibytesWork() throws Exception {
    ServerJar.Started big = ServerJar.start(RunningJar.jar("greeter-server.jar"),
        "--max-message-size", "60MiB");
    try (RunningJar process = big.process()) {
      CommandResult tooBig = client("hello", "--target", big.target(), "--payload", "5MiB");
      assertEquals(1, tooBig.exitCode(), tooBig.toString());
      assertEquals("  the reply is larger than this client accepts: raise the client's "
          + "--max-message-size (default 4MiB)", tooBig.stderr().get(1));
      CommandResult fits = client("hello", "--target", big.target(), "--payload", "59MiB",
          "--max-message-size", "60MiB");
      assertEquals(List.of("Hello, world! (61865984 bytes of payload received and returned)"),
          fits.stdout(), fits.toString());
    }
  }

  @Test
  @EnabledForJreRange(max = JRE.JAVA_20)
  void virtualThreadsOnJava17AreAClearUsageError() throws Exception {
    CommandResult r = RunningJar.run(TIMEOUT, RunningJar.jar("greeter-server.jar"),
        "--port", "0", "--executor", "virtual");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.stderr().get(0).startsWith("--executor virtual needs Java 21 or newer"),
        r.toString());
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void virtualThreadsOnJava21AndNewerServe() throws Exception {
    ServerJar.Started virtual = ServerJar.start(RunningJar.jar("greeter-server.jar"),
        "--executor", "virtual");
    try (RunningJar process = virtual.process()) {
      process.awaitLine("listening on port \\d+ \\(a virtual thread per call", TIMEOUT);
      assertEquals(List.of("Hello, world!"), client("hello", "--target", virtual.target()).stdout());
    }
  }

  @Test
  void aPayloadOverTheServersLimitIsResourceExhausted() throws Exception {
    CommandResult r = client("hello", "--target", server.target(), "--payload", "5MiB");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals("  the request is larger than the server accepts: start the server with a larger "
        + "--max-message-size (default 4MiB)", r.stderr().get(1));
  }

  @Test
  void jsonRepliesOnePerLine() throws Exception {
    CommandResult r = client("replies", "--target", server.target(), "--cancel-after", "2",
        "--json");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(List.of("{\"message\":\"Hello, world! (reply 1)\"}",
        "{\"message\":\"Hello, world! (reply 2)\"}"), r.stdout());
  }

  @Test
  void ctrlCOnTheClientCancelsTheStreamOnTheServer() throws Exception {
    try (RunningJar client = RunningJar.start(RunningJar.jar("greeter-client.jar"),
        "replies", "--target", server.target(), "--name", "Grace")) {
      client.awaitLine("reply 2\\)", TIMEOUT);
      client.terminate(); // what Ctrl-C does: the JVM exits and its connection closes
      client.waitFor(TIMEOUT);
    }
    server.process().awaitLine("LotsOfReplies\\(Grace\\) stopped after \\d+ replies: "
        + "cancelled by the client", TIMEOUT);
  }

  @Test
  void aDeadlineTravelsWithAFanOutCallAndStopsTheSlowServer() throws Exception {
    ServerJar.Started slow = ServerJar.start(RunningJar.jar("greeter-server.jar"), "--delay", "20s");
    ServerJar.Started front = ServerJar.start(RunningJar.jar("greeter-server.jar"),
        "--upstream", slow.target());
    try (RunningJar slowProcess = slow.process(); RunningJar frontProcess = front.process()) {
      CommandResult r = client("again", "--target", front.target(), "--name", "Ada",
          "--deadline", "3s");
      assertEquals(1, r.exitCode(), r.toString());
      assertTrue(r.stderr().get(0).startsWith("DEADLINE_EXCEEDED: "), r.toString());
      // The slow server (20s of work) stopped after about 3s: the client's deadline reached it through
      // the front server. Which it notices first, its own deadline timer or the front server's
      // cancel, is a race; both end the work at the same moment.
      slowProcess.awaitLine("SayHello\\(Ada\\) stopped before answering: "
          + "(the deadline passed|cancelled by the client)", TIMEOUT);
    }
  }
}
