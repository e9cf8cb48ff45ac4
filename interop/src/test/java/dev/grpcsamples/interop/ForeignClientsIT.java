package dev.grpcsamples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.ServerJar;
import dev.grpcsamples.testing.TestCerts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Python, Node and Go clients against the Java servers (the real jars): every call kind, TLS,
 * gzip, metadata, deadlines and rich error details, asserted on what each client prints.
 */
class ForeignClientsIT {
  private static final Path CERTS = TestCerts.trusted();

  private static ServerJar.Started greeter;     // plaintext; replies compressed with gzip
  private static ServerJar.Started tlsGreeter;  // TLS, with a certificate from a fresh dev CA
  private static ServerJar.Started slowGreeter; // SayHello takes 30 s, unless the call ends
  private static ServerJar.Started recommend;

  @BeforeAll
  static void startJavaServers() throws Exception {
    greeter = JavaServers.greeter("--compression", "gzip");
    tlsGreeter = JavaServers.greeter("--tls-cert", TestCerts.file(CERTS, "server.crt"),
        "--tls-key", TestCerts.file(CERTS, "server.key"));
    slowGreeter = JavaServers.greeter("--delay", "30s");
    recommend = JavaServers.recommend();
  }

  @AfterAll
  static void stopJavaServers() throws Exception {
    for (ServerJar.Started server : new ServerJar.Started[] {greeter, tlsGreeter, slowGreeter, recommend}) {
      if (server != null) {
        server.process().terminate();
        server.process().waitFor(Duration.ofSeconds(20));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Peer.class)
  void allFiveGreeterCallsGetTheJavaServersReplies(Peer peer) throws Exception {
    peer.assumeInstalled();
    CommandResult r = peer.runClient("all", "--target", greeter.target());
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(Expected.ALL, r.stdout(), r.toString());
  }

  @ParameterizedTest
  @EnumSource(Peer.class)
  void theGoodbyeEndsTheClientStreamEarly(Peer peer) throws Exception {
    peer.assumeInstalled();
    CommandResult r = peer.runClient("greetings", "--target", greeter.target(),
        "--name", "Ada", "--name", "后会有期", "--name", "Alan");
    assertEquals(List.of("后会有期! Goodbye after 1 name: Ada"), r.stdout(), r.toString());
  }

  @ParameterizedTest
  @EnumSource(Peer.class)
  void recommendPrintsTheJavaServersArticles(Peer peer) throws Exception {
    peer.assumeInstalled();
    CommandResult r = peer.runClient("recommend", "--target", recommend.target(),
        "--user", "2", "--count", "2");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("Top 2 of 300 articles for user 2", r.stdout().get(0), r.toString());
    assertEquals("  1   225  Dark Matter: What We Still Don't Know  (views 17601, shares 1027)",
        r.stdout().get(1), r.toString());
    // The exposure token, base64url of an Exposure message, decoded by each client.
    assertTrue(r.stdout().get(3).matches(
        "exposure: user 2 at 20\\d\\d-\\S+Z was shown articles 225, 110"), r.toString());
  }

  /** JSON names: protobuf's JSON mapping (Python, Go) is lowerCamelCase; a Node object is not. */
  @ParameterizedTest
  @EnumSource(Peer.class)
  void recommendAsJsonUsesEachLanguagesFieldNames(Peer peer) throws Exception {
    peer.assumeInstalled();
    CommandResult r = peer.runClient("recommend", "--target", recommend.target(),
        "--user", "2", "--count", "1", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    String json = String.join("\n", r.stdout());
    String id = peer == Peer.NODE ? "article_id" : "articleId";
    String size = peer == Peer.NODE ? "catalog_size" : "catalogSize";
    assertTrue(json.matches("(?s).*\"" + id + "\":\\s+225,.*"), json);
    assertTrue(json.matches("(?s).*\"" + size + "\":\\s+300\\s*}.*"), json);
    assertTrue(json.matches("(?s).*\"views\":\\s+\"17601\".*"), "int64 as a string: " + json);
  }

  @ParameterizedTest
  @EnumSource(Peer.class)
  void tlsWithTheDevCa(Peer peer) throws Exception {
    peer.assumeInstalled();
    CommandResult r = peer.runClient("hello", "--name", "Ada", "--target", tlsGreeter.target(),
        "--tls-ca", TestCerts.file(CERTS, "ca.crt"));
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(List.of("Hello, Ada!"), r.stdout());
  }

  /** The certificate names localhost, 127.0.0.1 and ::1; the client checks the name it asks for. */
  @ParameterizedTest
  @EnumSource(Peer.class)
  void tlsRefusesACertificateForAnotherName(Peer peer) throws Exception {
    peer.assumeInstalled();
    CommandResult r = peer.runClient("hello", "--target", tlsGreeter.target(),
        "--tls-ca", TestCerts.file(CERTS, "ca.crt"), "--authority", "greeter.example.com");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.stderr().get(0).startsWith("UNAVAILABLE: "), r.toString());
  }

  /**
   * A 60 kB name, measured on the wire: the client's --compression gzip shrinks the request, and the
   * reply (which this server compresses for any client that accepts gzip) arrives small and is read.
   * Python, Node and Go keep the reply's grpc-encoding header to themselves: the bytes tell.
   */
  @ParameterizedTest
  @EnumSource(Peer.class)
  void gzipBothWays(Peer peer) throws Exception {
    peer.assumeInstalled();
    String name = "a".repeat(60_000);
    try (ByteCountingProxy proxy = new ByteCountingProxy(greeter.port())) {
      CommandResult r = peer.runClient("hello", "--target", proxy.target(), "--compression", "gzip",
          "--name", name);
      assertEquals(0, r.exitCode(), r.toString().substring(0, 300));
      assertEquals("Hello, " + name + "!", r.stdout().get(0));
      assertTrue(proxy.bytesUp() < 6_000, "request not compressed: " + proxy.bytesUp() + " bytes");
      assertTrue(proxy.bytesDown() < 6_000, "reply not compressed: " + proxy.bytesDown() + " bytes");
    }
  }

  /** The same without --compression: every byte of the name goes over the wire. */
  @ParameterizedTest
  @EnumSource(Peer.class)
  void withoutGzipTheRequestIsFullSize(Peer peer) throws Exception {
    peer.assumeInstalled();
    String name = "a".repeat(60_000);
    try (ByteCountingProxy proxy = new ByteCountingProxy(greeter.port())) {
      CommandResult r = peer.runClient("hello", "--target", proxy.target(), "--name", name);
      assertEquals(0, r.exitCode(), r.toString().substring(0, 300));
      assertTrue(proxy.bytesUp() > 60_000, proxy.bytesUp() + " bytes");
    }
  }

  @ParameterizedTest
  @EnumSource(Peer.class)
  void headersIncludingBinaryOnesComeBackAsTrailers(Peer peer) throws Exception {
    peer.assumeInstalled();
    CommandResult r = peer.runClient("hello", "--target", greeter.target(), Expected.HEADERS[0],
        Expected.HEADERS[1], Expected.HEADERS[2], Expected.HEADERS[3], "--show-metadata");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stderr().contains("header served-by: greeter-server"), r.toString());
    assertTrue(r.stderr().containsAll(Expected.ECHO_TRAILERS), r.toString());
  }

  /** gRPC metadata values are ASCII: every client refuses 北京 before calling, and says so. */
  @ParameterizedTest
  @EnumSource(Peer.class)
  void aNonAsciiHeaderIsAUsageError(Peer peer) throws Exception {
    peer.assumeInstalled();
    CommandResult r = peer.runClient("hello", "--target", greeter.target(), "-H", "city=北京");
    assertEquals(2, r.exitCode(), r.toString());
    String said = String.join("\n", r.stderr());
    assertTrue(peer == Peer.NODE ? said.contains("Metadata string value \"北京\" contains illegal characters")
        : said.contains("--header city-bin=5YyX5Lqs"), said);
  }

  /** The deadline travels with the call: the Java server sees what is left of it. */
  @ParameterizedTest
  @EnumSource(Peer.class)
  void theServerSeesTheClientsDeadline(Peer peer) throws Exception {
    peer.assumeInstalled();
    CommandResult r = peer.runClient("hello", "--target", greeter.target(), "--deadline", "10s",
        "--show-metadata");
    assertEquals(0, r.exitCode(), r.toString());
    int left = Expected.deadlineRemainingMillis(r);
    assertTrue(left > 0 && left <= 10_000, r.toString());
  }

  /** When the deadline passes, the client gives up and the Java server stops working. */
  @ParameterizedTest
  @EnumSource(Peer.class)
  void aDeadlineThatExpires(Peer peer) throws Exception {
    peer.assumeInstalled();
    String name = "Dora-" + peer;
    CommandResult r = peer.runClient("hello", "--target", slowGreeter.target(), "--name", name,
        "--deadline", "3s");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.stderr().get(0).startsWith("DEADLINE_EXCEEDED: "), r.toString());
    slowGreeter.process().awaitLine("SayHello\\(" + name + "\\) stopped before answering: "
        + "(the deadline passed|cancelled by the client)", Peer.TIMEOUT);
  }

  /** recommend-server's google.rpc.Status details, decoded by each language's client. */
  @ParameterizedTest
  @EnumSource(Peer.class)
  void badRequestDetailsAreDecoded(Peer peer) throws Exception {
    peer.assumeInstalled();
    CommandResult r = peer.runClient("recommend", "--target", recommend.target(),
        "--user", "0", "--count", "500");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(List.of("INVALID_ARGUMENT: invalid UserRequest: user_id, article_num",
        "  user_id: must be a positive number, not 0",
        "  article_num: must be at most 100 (this server's --max-articles), not 500"), r.stderr());
  }
}
