package dev.grpcsamples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.RunningJar;
import dev.grpcsamples.testing.TestCerts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Java clients (greeter-client.jar, recommend-client.jar) against the Python, Node and Go
 * servers: every call kind, the small UserRecommend each of them has, its rich errors, metadata,
 * gzip, deadlines and TLS, asserted on what the Java clients print.
 */
class JavaClientsIT {
  private static final Path CERTS = TestCerts.trusted();
  private static final Map<Peer, Peer.Started> servers = new EnumMap<>(Peer.class);

  /** This language's server, with its metadata echo on, started once for the whole class. */
  private static synchronized String target(Peer peer) throws Exception {
    peer.assumeInstalled();
    if (!servers.containsKey(peer)) {
      servers.put(peer, peer.startServer("--echo-metadata"));
    }
    return servers.get(peer).target();
  }

  @AfterAll
  static void stopServers() throws Exception {
    for (Peer.Started server : servers.values()) {
      server.close();
    }
  }

  private static CommandResult greeterClient(String... args) throws Exception {
    return RunningJar.run(Peer.TIMEOUT, RunningJar.jar("greeter-client.jar"), args);
  }

  private static CommandResult recommendClient(String... args) throws Exception {
    return RunningJar.run(Peer.TIMEOUT, RunningJar.jar("recommend-client.jar"), args);
  }

  @ParameterizedTest
  @EnumSource(Peer.class)
  void greeterClientAllFiveCalls(Peer peer) throws Exception {
    CommandResult r = greeterClient("all", "--target", target(peer));
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(Expected.ALL, r.stdout(), r.toString());
  }

  @ParameterizedTest
  @EnumSource(Peer.class)
  void theGoodbyeEndsTheClientStreamEarly(Peer peer) throws Exception {
    CommandResult r = greeterClient("greetings", "--target", target(peer),
        "--name", "Ada", "--name", "后会有期", "--name", "Alan");
    assertEquals(List.of("后会有期! Goodbye after 1 name: Ada"), r.stdout(), r.toString());
  }

  @ParameterizedTest
  @EnumSource(Peer.class)
  void recommendClientPrintsTheTableAndDecodesTheExposure(Peer peer) throws Exception {
    CommandResult r = recommendClient("--target", target(peer), "--user", "2", "--count", "3");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("Top 3 of 5 articles for user 2", r.stdout().get(0));
    assertEquals(List.of(3, 5, 2), articleIds(r), r.toString());
    assertTrue(r.stdout().get(r.stdout().size() - 1).matches(
        "exposure: user 2 at \\S+ was shown articles 3, 5, 2"), r.toString());
  }

  /** The oneof: only one category. */
  @ParameterizedTest
  @EnumSource(Peer.class)
  void recommendClientOneCategory(Peer peer) throws Exception {
    CommandResult r = recommendClient("--target", target(peer), "--user", "7", "--count", "5",
        "--category", "tech");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("Top 2 of 5 articles for user 7", r.stdout().get(0));
    assertEquals(List.of(5, 1), articleIds(r), r.toString());
  }

  /** A google.rpc.BadRequest built in Python, JavaScript or Go, printed by the Java client. */
  @ParameterizedTest
  @EnumSource(Peer.class)
  void badRequestDetailsFromTheForeignServer(Peer peer) throws Exception {
    CommandResult r = recommendClient("--target", target(peer), "--user", "0", "--count", "500");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(List.of("INVALID_ARGUMENT: invalid UserRequest: user_id, article_num",
        "  user_id: must be a positive number, not 0",
        "  article_num: must be at most 100, not 500"), r.stderr().subList(0, 3), r.toString());
  }

  @ParameterizedTest
  @EnumSource(Peer.class)
  void headersIncludingBinaryOnesComeBackAsTrailers(Peer peer) throws Exception {
    List<String> args = new ArrayList<>(List.of("hello", "--target", target(peer), "--show-metadata"));
    args.addAll(List.of(Expected.HEADERS));
    CommandResult r = greeterClient(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stderr().contains("header served-by: " + peer.serverName()), r.toString());
    assertTrue(r.stderr().containsAll(Expected.ECHO_TRAILERS), r.toString());
    // No --deadline, so no deadline-remaining: grpcio reports "no deadline" as 2**63 seconds left.
    assertTrue(r.stderr().stream().noneMatch(l -> l.startsWith("header deadline-remaining")),
        r.toString());
  }

  /** The Java client's deadline, as the foreign server sees it on the call. */
  @ParameterizedTest
  @EnumSource(Peer.class)
  void theForeignServerSeesTheDeadline(Peer peer) throws Exception {
    CommandResult r = greeterClient("hello", "--target", target(peer), "--deadline", "10s",
        "--show-metadata");
    assertEquals(0, r.exitCode(), r.toString());
    int left = Expected.deadlineRemainingMillis(r);
    assertTrue(left > 0 && left <= 10_000, r.toString());
  }

  @ParameterizedTest
  @EnumSource(Peer.class)
  void gzipRequestsAreAccepted(Peer peer) throws Exception {
    CommandResult r = greeterClient("hello", "--target", target(peer), "--compression", "gzip");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(List.of("Hello, world!"), r.stdout());
  }

  /** The foreign server sees the deadline that came with the call, and stops working at it. */
  @ParameterizedTest
  @EnumSource(Peer.class)
  void aDeadlineThatExpiresStopsTheForeignServer(Peer peer) throws Exception {
    peer.assumeInstalled();
    try (Peer.Started slow = peer.startServer("--delay", "30s")) {
      CommandResult r = greeterClient("hello", "--target", slow.target(), "--name", "Dora",
          "--deadline", "3s");
      assertEquals(1, r.exitCode(), r.toString());
      assertTrue(r.stderr().get(0).startsWith("DEADLINE_EXCEEDED: "), r.toString());
      slow.process().awaitLine("SayHello\\(Dora\\) stopped before answering", Peer.TIMEOUT);
    }
  }

  @ParameterizedTest
  @EnumSource(Peer.class)
  void tlsWithTheDevCa(Peer peer) throws Exception {
    peer.assumeInstalled();
    try (Peer.Started tls = peer.startServer("--tls-cert", TestCerts.file(CERTS, "server.crt"),
        "--tls-key", TestCerts.file(CERTS, "server.key"))) {
      CommandResult r = greeterClient("all", "--target", tls.target(),
          "--tls-ca", TestCerts.file(CERTS, "ca.crt"));
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(Expected.ALL, r.stdout(), r.toString());
    }
  }

  /** The ID column of recommend-client's table. */
  private static List<Integer> articleIds(CommandResult r) {
    return r.stdout().stream().filter(l -> l.matches("\\s+\\d+\\s+\\d+  .*"))
        .map(l -> Integer.parseInt(l.trim().split("\\s+")[1])).toList();
  }
}
