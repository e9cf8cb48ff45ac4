package dev.grpcsamples.greeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.RunningJar;
import dev.grpcsamples.testing.ServerJar;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retry, replicas under load, wait-for-ready and keepalive, with the real jars. */
class ResilienceEndToEndIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static Path serverJar() {
    return RunningJar.jar("greeter-server.jar");
  }

  private static CommandResult client(String... args) throws Exception {
    return RunningJar.run(TIMEOUT, RunningJar.jar("greeter-client.jar"), args);
  }

  @Test
  void retryHidesInjectedFailures() throws Exception {
    ServerJar.Started flaky = ServerJar.start(serverJar(), "--fail-rate", "0.1");
    try (RunningJar process = flaky.process()) {
      CommandResult without = client("load", "--target", flaky.target(), "--calls", "300");
      assertEquals(1, without.exitCode(), without.toString());
      CommandResult with = client("load", "--target", flaky.target(), "--calls", "300",
          "--service-config", "retry");
      assertEquals(0, with.exitCode(), with.toString()); // 0.1^5 per call: none fail
      assertTrue(with.stdout().get(0).startsWith("calls: 300, succeeded: 300, failed: 0"),
          with.toString());
    }
  }

  @Test
  void replicasUnderLoadSurviveAGracefulStopAKillAndARestart() throws Exception {
    ServerJar.Started a = ServerJar.start(serverJar());
    ServerJar.Started b = ServerJar.start(serverJar(), "-v");
    ServerJar.Started c = ServerJar.start(serverJar(), "-v");
    String target = "static:///" + a.target() + "," + b.target() + "," + c.target();
    String[] load = {"load", "--target", target, "--service-config", "round-robin",
        "--calls", "4000", "--concurrency", "8"};
    try (RunningJar pa = a.process(); RunningJar pb = b.process(); RunningJar pc = c.process()) {
      // 1. SIGTERM one replica in the middle of a load: health goes NOT_SERVING, calls move on.
      try (RunningJar client = RunningJar.start(RunningJar.jar("greeter-client.jar"), load)) {
        pb.awaitLine("FINE call helloworld.Greeter/SayHello", TIMEOUT);
        pb.terminate();
        assertEquals(0, client.waitFor(TIMEOUT), client.stdout() + " " + client.stderr());
        assertTrue(client.stdout().get(0).startsWith("calls: 4000, succeeded: 4000, failed: 0"),
            client.stdout().toString());
      }
      pb.awaitLine("greeter-server stopped after serving", TIMEOUT);

      // 2. kill -9 another: its calls in flight fail UNAVAILABLE and are retried elsewhere.
      try (RunningJar client = RunningJar.start(RunningJar.jar("greeter-client.jar"), load)) {
        pc.awaitLine("FINE call helloworld.Greeter/SayHello", TIMEOUT);
        pc.close(); // SIGKILL
        assertEquals(0, client.waitFor(TIMEOUT), client.stdout() + " " + client.stderr());
        assertTrue(client.stdout().get(0).startsWith("calls: 4000, succeeded: 4000, failed: 0"),
            client.stdout().toString());
      }

      // 3. Restart it on its port: the client's round robin picks it up again.
      try (RunningJar restarted = RunningJar.start(serverJar(), "--port",
          String.valueOf(c.port()))) {
        restarted.awaitLine("listening on port " + c.port(), TIMEOUT);
        CommandResult r = client("load", "--target", target, "--service-config", "round-robin",
            "--calls", "300");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().get(3).contains(":" + c.port() + " "), "restarted replica served: " + r);
        assertTrue(!r.stdout().get(3).contains(":" + b.port() + " "), "stopped one did not: " + r);
        restarted.terminate();
      }
    }
  }

  @Test
  void waitForReadyWaitsForAServerThatStartsLater() throws Exception {
    int port;
    try (ServerSocket reserve = new ServerSocket(0)) {
      port = reserve.getLocalPort();
    }
    try (RunningJar client = RunningJar.start(RunningJar.jar("greeter-client.jar"), "hello",
        "--target", "localhost:" + port, "--wait-for-ready", "--deadline", "60s");
         RunningJar server = RunningJar.start(serverJar(), "--port", String.valueOf(port))) {
      assertEquals(0, client.waitFor(TIMEOUT), client.stderr().toString());
      assertEquals(List.of("Hello, world!"), client.stdout());
      server.terminate();
    }
  }

  @Test
  void pingingMoreOftenThanTheServerPermitsGetsTooManyPings() throws Exception {
    // A stream that stays quiet for a minute: the client pings every 10s, the server permits one
    // every 5 minutes (gRPC's default), and after a few pings sends GOAWAY too_many_pings.
    ServerJar.Started quiet = ServerJar.start(serverJar(), "--replies", "0",
        "--reply-interval", "60s");
    try (RunningJar process = quiet.process()) {
      CommandResult r = client("replies", "--target", quiet.target(), "--keepalive", "10s");
      assertEquals(1, r.exitCode(), r.toString());
      String all = String.join("\n", r.stderr());
      assertTrue(all.contains("too_many_pings"), r.toString());
      assertTrue(all.contains("the server thinks this client pings too often"), r.toString());
    }
  }
}
