package dev.grpcsamples.greeter.client;

import static dev.grpcsamples.testing.TestCerts.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.greeter.server.GreeterService;
import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.RunningServer;
import dev.grpcsamples.testing.TestCerts;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS, mutual TLS and bearer tokens: every success and failure a user can meet, through the CLI, with
 * the exact code and the line that says what to do. Certificates are made fresh for the run.
 */
class SecurityTest {
  private static final Path CERTS = TestCerts.trusted();
  private static final Path STRANGER = TestCerts.stranger();

  private static RunningServer plaintext;
  private static RunningServer tls;
  private static RunningServer mutualTls;
  private static RunningServer tokens;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Path tokenFile = dir.resolve("tokens.txt");
    Files.writeString(tokenFile, "# token identity methods\n"
        + "ada-token ada *\n"
        + "bob-token bob helloworld.Greeter/SayHello\n", StandardCharsets.UTF_8);
    plaintext = server();
    tls = server("--tls-cert", file(CERTS, "server.crt"), "--tls-key", file(CERTS, "server.key"));
    mutualTls = server("--tls-cert", file(CERTS, "server.crt"), "--tls-key",
        file(CERTS, "server.key"), "--tls-client-ca", file(CERTS, "client-ca.crt"));
    tokens = server("--tls-cert", file(CERTS, "server.crt"), "--tls-key",
        file(CERTS, "server.key"), "--tokens", tokenFile.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    for (RunningServer s : List.of(plaintext, tls, mutualTls, tokens)) {
      s.close();
    }
  }

  private static RunningServer server(String... flags) {
    // --echo-metadata: the authenticated-as header shows whom the server saw.
    String[] withEcho = java.util.Arrays.copyOf(flags, flags.length + 1);
    withEcho[flags.length] = "--echo-metadata";
    return GreeterCli.greeterServer(withEcho);
  }

  private static CommandResult client(RunningServer server, String... args) {
    return GreeterCli.against(server, args);
  }

  private static void assertFailsWith(CommandResult r, String code, String hint) {
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.stderr().get(0).startsWith(code + ": "), r.toString());
    assertEquals(2, r.stderr().size(), r.toString());
    assertEquals("  " + hint, r.stderr().get(1), r.toString());
  }

  @Test
  void tlsWithTheRightCaWorks() {
    CommandResult r = client(tls, "hello", "--tls-ca", file(CERTS, "ca.crt"));
    assertEquals(List.of("Hello, world!"), r.stdout(), r.toString());
  }

  @Test
  void aPlaintextClientAtATlsServerIsToldToUseTls() {
    assertFailsWith(client(tls, "hello"), "UNAVAILABLE", "the server closed the connection at "
        + "once: if it uses TLS, add --tls-ca (or --tls)");
  }

  @Test
  void aTlsClientAtAPlaintextServerIsToldItIsNotTls() {
    assertFailsWith(client(plaintext, "hello", "--tls-ca", file(CERTS, "ca.crt")), "UNAVAILABLE",
        "the server does not use TLS: leave out --tls and --tls-*, or start it with --tls-cert and "
            + "--tls-key");
  }

  @Test
  void anUntrustedServerCertificateIsRefused() {
    assertFailsWith(client(tls, "hello", "--tls-ca", file(STRANGER, "ca.crt")), "UNAVAILABLE",
        "the server's certificate is not signed by a CA this client trusts: pass that CA with "
            + "--tls-ca (for these samples, certs/ca.crt)");
  }

  @Test
  void aHostnameMismatchIsRefusedAndAuthorityFixesIt() {
    assertFailsWith(client(tls, "hello", "--tls-ca", file(CERTS, "ca.crt"),
            "--authority", "example.com"), "UNAVAILABLE",
        "the server's certificate is for another name: use a --target host it names (localhost), "
            + "or set --authority to one");
    CommandResult byIp = client(tls, "hello", "--tls-ca", file(CERTS, "ca.crt"),
        "--target", "127.0.0.1:" + tls.server().port(), "--authority", "localhost");
    assertEquals(List.of("Hello, world!"), byIp.stdout(), byIp.toString());
  }

  @Test
  void mutualTlsIdentifiesTheClientToTheService() {
    CommandResult r = client(mutualTls, "hello", "--tls-ca", file(CERTS, "ca.crt"),
        "--tls-cert", file(CERTS, "client.crt"), "--tls-key", file(CERTS, "client.key"),
        "--show-metadata");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("header authenticated-as: CN=Ada,O=grpc-java-samples", r.stderr().get(0));
  }

  @Test
  void mutualTlsWithoutAClientCertificateIsRefused() {
    assertFailsWith(client(mutualTls, "hello", "--tls-ca", file(CERTS, "ca.crt")), "UNAVAILABLE",
        "the server wants a client certificate signed by its --tls-client-ca (mutual TLS): add "
            + "--tls-cert and --tls-key (for these samples, certs/client.crt and client.key)");
  }

  @Test
  void mutualTlsWithAClientCertificateFromAnotherCaIsRefused() {
    CommandResult r = client(mutualTls, "hello", "--tls-ca", file(CERTS, "ca.crt"),
        "--tls-cert", file(STRANGER, "client.crt"), "--tls-key", file(STRANGER, "client.key"));
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.stderr().get(0).startsWith("UNAVAILABLE: "), r.toString());
    assertEquals(2, r.stderr().size(), r.toString());
    assertTrue(r.stderr().get(1).contains("--tls-client-ca"), r.toString());
  }

  @Test
  void noTokenIsUnauthenticated() {
    CommandResult r = client(tokens, "hello", "--tls-ca", file(CERTS, "ca.crt"));
    assertEquals(1, r.exitCode());
    assertEquals(List.of("UNAUTHENTICATED: this server needs a bearer token: send one with --token"),
        r.stderr());
  }

  @Test
  void aWrongTokenIsUnauthenticated() {
    CommandResult r = client(tokens, "hello", "--tls-ca", file(CERTS, "ca.crt"), "--token", "guess");
    assertEquals(List.of("UNAUTHENTICATED: the bearer token is not valid"), r.stderr());
  }

  @Test
  void aValidTokenWithoutTheRightIsPermissionDenied() {
    CommandResult r = client(tokens, "again", "--tls-ca", file(CERTS, "ca.crt"),
        "--token", "bob-token");
    assertEquals(1, r.exitCode());
    assertEquals(List.of("PERMISSION_DENIED: bob may not call helloworld.Greeter/SayHelloAgain"),
        r.stderr());
  }

  @Test
  void aValidTokenIdentifiesTheCaller() {
    CommandResult r = client(tokens, "hello", "--tls-ca", file(CERTS, "ca.crt"),
        "--token", "bob-token", "--show-metadata");
    assertEquals(List.of("Hello, world!"), r.stdout(), r.toString());
    assertEquals("header authenticated-as: bob", r.stderr().get(0));
  }

  @Test
  void healthNeedsNoToken() throws Exception {
    var channel = Grpc.newChannelBuilder("localhost:" + tokens.server().port(),
        io.grpc.TlsChannelCredentials.newBuilder().trustManager(CERTS.resolve("ca.crt").toFile())
            .build()).build();
    try {
      assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus());
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void reflectionNeedsNoTokenEither() throws Exception {
    var channel = Grpc.newChannelBuilder("localhost:" + tokens.server().port(),
        io.grpc.TlsChannelCredentials.newBuilder().trustManager(CERTS.resolve("ca.crt").toFile())
            .build()).build();
    try {
      var responses = new dev.grpcsamples.testing.ReplyRecorder<
          io.grpc.reflection.v1.ServerReflectionResponse>();
      var requests = io.grpc.reflection.v1.ServerReflectionGrpc.newStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS).serverReflectionInfo(responses);
      requests.onNext(io.grpc.reflection.v1.ServerReflectionRequest.newBuilder()
          .setListServices("").build());
      requests.onCompleted();
      assertEquals(io.grpc.Status.Code.OK, responses.awaitClose().getCode());
      assertTrue(responses.messages().get(0).getListServicesResponse().getServiceList().stream()
          .anyMatch(s -> s.getName().equals("helloworld.Greeter")));
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void aTokenIsNotSentOverPlaintextUnlessAllowed() {
    CommandResult refused = client(plaintext, "hello", "--token", "ada-token");
    assertEquals(2, refused.exitCode());
    assertTrue(refused.stderr().get(0).startsWith("refusing to send --token over plaintext"),
        refused.toString());
    CommandResult allowed = client(plaintext, "hello", "--token", "ada-token",
        "--insecure-token-ok");
    assertEquals(List.of("Hello, world!"), allowed.stdout(), allowed.toString());
  }

  @Test
  void missingFilesAreNamed() {
    Cli.InputError e = assertThrows(Cli.InputError.class, () -> server(
        "--tls-cert", "no/such/server.crt", "--tls-key", file(CERTS, "server.key")));
    assertEquals("--tls-cert no/such/server.crt: no such file", e.getMessage());
    CommandResult r = client(tls, "hello", "--tls-ca", "no/such/ca.crt");
    assertEquals(2, r.exitCode());
    assertEquals(List.of("--tls-ca no/such/ca.crt: no such file"), r.stderr());
  }

  @Test
  void healthAlsoAnswersWithoutTokenOnPlaintextProbe() throws Exception {
    var channel = Grpc.newChannelBuilder("localhost:" + plaintext.server().port(),
        InsecureChannelCredentials.create()).build();
    try {
      assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus());
    } finally {
      channel.shutdownNow();
    }
  }
}
