package dev.grpcsamples.greeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.testing.RunningJar;
import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.ServerJar;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The jars as a user runs them: greeter-server.jar on a free port, greeter-client.jar against it,
 * asserting what each prints and how it exits.
 */
class GreeterEndToEndIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension
  static final ServerJar server =
      ServerJar.of("greeter-server.jar", "--replies", "3", "--reply-interval", "10ms");

  private static CommandResult client(String... args) throws Exception {
    return RunningJar.run(TIMEOUT, RunningJar.jar("greeter-client.jar"), args);
  }

  @Test
  void allRunsTheFourKindsOfCall() throws Exception {
    CommandResult r = client("--target", server.target());
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(GreeterClientTest.ALL_WITH_THREE_REPLIES, r.stdout());
  }

  @Test
  void eachSubcommandPrintsItsReplies() throws Exception {
    assertEquals(List.of("Hello, Ada!"),
        client("hello", "--target", server.target(), "--name", "Ada").stdout());
    assertEquals(List.of("Hello again, Ada!"),
        client("again", "--target", server.target(), "--name", "Ada").stdout());
    assertEquals(List.of("Hello, Ada! (reply 1 of 3)", "Hello, Ada! (reply 2 of 3)",
            "Hello, Ada! (reply 3 of 3)"),
        client("replies", "--target", server.target(), "--name", "Ada").stdout());
    assertEquals(List.of("后会有期! Goodbye after 2 names: Ada, Grace"),
        client("greetings", "--target", server.target(),
            "--name", "Ada", "--name", "Grace", "--name", "后会有期", "--name", "Alan").stdout());
    assertEquals(List.of("Hello, Ada!", "Hello, 世界!"),
        client("bidi", "--target", server.target(), "--name", "Ada", "--name", "世界").stdout());
  }

  @Test
  void aFailedCallPrintsOneLineAndExitsOne() throws Exception {
    CommandResult r = client("hello", "--target", server.target(), "--name", "");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(List.of("INVALID_ARGUMENT: name must not be empty"), r.stderr());
  }

  @Test
  void noServerIsUnavailableWithinSeconds() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    CommandResult r = RunningJar.run(Duration.ofSeconds(15), RunningJar.jar("greeter-client.jar"),
        "hello", "--target", "127.0.0.1:" + closedPort);
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(1, r.stderr().size(), r.toString());
    assertTrue(r.stderr().get(0).startsWith("UNAVAILABLE: "), r.toString());
    assertTrue(r.stderr().get(0).contains("Connection refused"), r.toString());
  }

  @Test
  void aUsageErrorExitsTwo() throws Exception {
    CommandResult r = client("hello", "--deadline", "soon");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.stderr().get(0).startsWith("Invalid value for option '--deadline'"), r.toString());
  }

  @Test
  void versionAndHelpExitZero() throws Exception {
    CommandResult version = client("--version");
    assertEquals(0, version.exitCode(), version.toString());
    assertTrue(version.stdout().get(0).matches("greeter-client \\d+\\.\\d+\\.\\d+.*"),
        version.toString());
    CommandResult help = RunningJar.run(TIMEOUT, RunningJar.jar("greeter-server.jar"), "--help");
    assertEquals(0, help.exitCode(), help.toString());
    assertTrue(help.stdout().get(0).startsWith("Usage: greeter-server"), help.toString());
  }

  @Test
  void aSecondServerOnTheSamePortSaysSoAndExitsOne() throws Exception {
    CommandResult r = RunningJar.run(TIMEOUT, RunningJar.jar("greeter-server.jar"),
        "--port", server.target().substring("localhost:".length()));
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.stderr().get(r.stderr().size() - 1).contains(
        "greeter-server cannot listen on port"), r.toString());
  }

  @Test
  void sigtermDuringAServerStreamLetsTheStreamFinish() throws Exception {
    Path serverJar = RunningJar.jar("greeter-server.jar");
    ServerJar.Started own = ServerJar.start(serverJar,
        "--replies", "10", "--reply-interval", "100ms", "--grace", "20s");
    try (RunningJar greeterServer = own.process();
         RunningJar client = RunningJar.start(RunningJar.jar("greeter-client.jar"),
             "replies", "--target", own.target(), "--name", "Ada")) {
      client.awaitLine("reply 1 of 10", TIMEOUT);

      greeterServer.terminate(); // SIGTERM, as `kill` or a container stop sends

      assertEquals(0, client.waitFor(TIMEOUT), client.stderr().toString());
      assertEquals(10, client.stdout().size());
      assertEquals("Hello, Ada! (reply 10 of 10)", client.stdout().get(9));
      assertEquals(143, greeterServer.waitFor(TIMEOUT)); // 128 + SIGTERM(15)
      List<String> steps = greeterServer.stderr().stream()
          .map(line -> line.replaceFirst("^\\d\\d:\\d\\d:\\d\\d INFO ", ""))
          .filter(line -> !line.contains("listening on port"))
          .toList();
      assertEquals(List.of(
          "greeter-server shutting down: health set to NOT_SERVING",
          "refusing new calls; waiting up to 20s for 1 call in flight to finish",
          "all calls finished",
          "greeter-server stopped after serving 1 call"), steps, greeterServer.stderr().toString());
    }
  }
}
