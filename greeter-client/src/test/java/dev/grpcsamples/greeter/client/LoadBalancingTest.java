package dev.grpcsamples.greeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.greeter.server.GreeterService;
import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.RunningServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Round robin over three replicas with client-side health checking (the round-robin service config),
 * while one replica is stopped gracefully under load. (A replica that dies, kill -9, is in
 * ResilienceEndToEndIT: only a real process's death looks like one to its clients.)
 */
class LoadBalancingTest {
  private List<RunningServer> replicas;

  @BeforeEach
  void start() {
    replicas = List.of(replica(), replica(), replica());
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (RunningServer r : replicas) {
      r.close();
    }
  }

  private static RunningServer replica() {
    return RunningServer.start(List.of(new GreeterService(3, Duration.ZERO)), "--grace", "10s");
  }

  private String target() {
    return "static:///" + replicas.stream().map(r -> "localhost:" + r.server().port())
        .collect(Collectors.joining(","));
  }

  private CompletableFuture<CommandResult> load(int calls) {
    return CompletableFuture.supplyAsync(() -> GreeterCli.run(
        "load", "--target", target(), "--service-config", "round-robin", "--calls",
        String.valueOf(calls), "--concurrency", "8", "--warmup", "0"));
  }

  /** "attempts per server: 127.0.0.1:5001 100, ..." as port -> attempts. */
  private static Map<Integer, Integer> perServer(CommandResult r) {
    Map<Integer, Integer> counts = new HashMap<>();
    Matcher m = Pattern.compile(":(\\d+) (\\d+)").matcher(r.stdout().get(3));
    while (m.find()) {
      counts.put(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    return counts;
  }

  @Test
  void callsAreSpreadOverEveryReplica() throws Exception {
    CommandResult r = load(300).get();
    assertEquals(0, r.exitCode(), r.toString());
    Map<Integer, Integer> counts = perServer(r);
    assertEquals(3, counts.size(), r.toString());
    for (RunningServer replica : replicas) {
      int n = counts.get(replica.server().port());
      assertTrue(n >= 80 && n <= 120, "round robin: about 100 each, got " + counts);
    }
  }

  @Test
  void aReplicaShutDownGracefullyUnderLoadLosesNoCall() throws Exception {
    CompletableFuture<CommandResult> running = load(3000);
    RunningServer leaving = replicas.get(1);
    int leavingPort = leaving.server().port();
    leaving.awaitCallsServed(100);

    leaving.shutdownGracefully(); // NOT_SERVING first: the client stops picking it

    CommandResult r = running.get();
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stdout().get(0).startsWith("calls: 3000, succeeded: 3000, failed: 0"),
        r.toString());
    int servedByLeaving = perServer(r).get(leavingPort);
    assertTrue(servedByLeaving < 900, "it left early, so it got less than a third: " + r);
  }
}
