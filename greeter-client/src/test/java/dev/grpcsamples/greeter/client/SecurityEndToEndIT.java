package dev.grpcsamples.greeter.client;

import static dev.grpcsamples.testing.TestCerts.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.RunningJar;
import dev.grpcsamples.testing.ServerJar;
import dev.grpcsamples.testing.TestCerts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security flags with the real jars: plaintext, TLS and mutual TLS, right and wrong credentials. */
class SecurityEndToEndIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Path CERTS = TestCerts.trusted();

  private static ServerJar.Started plaintext;
  private static ServerJar.Started tlsWithTokens;
  private static ServerJar.Started mutualTls;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Path tokens = dir.resolve("tokens.txt");
    Files.writeString(tokens, "ada-token ada\nbob-token bob helloworld.Greeter/SayHello\n",
        StandardCharsets.UTF_8);
    Path jar = RunningJar.jar("greeter-server.jar");
    plaintext = ServerJar.start(jar);
    tlsWithTokens = ServerJar.start(jar, "--tls-cert", file(CERTS, "server.crt"),
        "--tls-key", file(CERTS, "server.key"), "--tokens", tokens.toString(), "--echo-metadata");
    mutualTls = ServerJar.start(jar, "--tls-cert", file(CERTS, "server.crt"),
        "--tls-key", file(CERTS, "server.key"), "--tls-client-ca", file(CERTS, "client-ca.crt"),
        "--echo-metadata");
  }

  @AfterAll
  static void stop() {
    for (ServerJar.Started s : List.of(plaintext, tlsWithTokens, mutualTls)) {
      s.process().terminate();
      s.process().close();
    }
  }

  private static CommandResult hello(ServerJar.Started server, String... flags) throws Exception {
    List<String> args = new ArrayList<>(List.of("hello", "--target", server.target()));
    args.addAll(List.of(flags));
    return RunningJar.run(TIMEOUT, RunningJar.jar("greeter-client.jar"), args.toArray(String[]::new));
  }

  @Test
  void theListeningLineSaysHowTheServerIsSecured() throws Exception {
    tlsWithTokens.process().awaitLine("; TLS, bearer tokens required;", TIMEOUT);
    mutualTls.process().awaitLine("; mutual TLS;", TIMEOUT);
    plaintext.process().awaitLine("; plaintext;", TIMEOUT);
  }

  @Test
  void plaintextRightAndWrong() throws Exception {
    assertEquals(List.of("Hello, world!"), hello(plaintext).stdout());
    CommandResult tlsAtPlaintext = hello(plaintext, "--tls-ca", file(CERTS, "ca.crt"));
    assertEquals(1, tlsAtPlaintext.exitCode(), tlsAtPlaintext.toString());
    assertTrue(tlsAtPlaintext.stderr().get(1).contains("the server does not use TLS"),
        tlsAtPlaintext.toString());
  }

  @Test
  void tlsRightAndWrong() throws Exception {
    CommandResult ok = hello(tlsWithTokens, "--tls-ca", file(CERTS, "ca.crt"), "--token",
        "ada-token", "--show-metadata");
    assertEquals(List.of("Hello, world!"), ok.stdout(), ok.toString());
    assertEquals("header authenticated-as: ada", ok.stderr().get(0));

    CommandResult plaintextAtTls = hello(tlsWithTokens);
    assertEquals(1, plaintextAtTls.exitCode(), plaintextAtTls.toString());
    assertTrue(plaintextAtTls.stderr().get(0).startsWith("UNAVAILABLE: "), plaintextAtTls.toString());

    CommandResult untrusted = hello(tlsWithTokens, "--tls", "--token", "ada-token");
    assertEquals(1, untrusted.exitCode(), untrusted.toString());
    assertTrue(untrusted.stderr().get(1).contains("not signed by a CA this client trusts"),
        untrusted.toString());

    CommandResult noToken = hello(tlsWithTokens, "--tls-ca", file(CERTS, "ca.crt"));
    assertEquals(List.of("UNAUTHENTICATED: this server needs a bearer token: send one with --token"),
        noToken.stderr());

    CommandResult badToken = hello(tlsWithTokens, "--tls-ca", file(CERTS, "ca.crt"),
        "--token", "nope");
    assertEquals(List.of("UNAUTHENTICATED: the bearer token is not valid"), badToken.stderr());

    CommandResult notAllowed = RunningJar.run(TIMEOUT, RunningJar.jar("greeter-client.jar"),
        "again", "--target", tlsWithTokens.target(), "--tls-ca", file(CERTS, "ca.crt"),
        "--token", "bob-token");
    assertEquals(1, notAllowed.exitCode());
    assertEquals(List.of("PERMISSION_DENIED: bob may not call helloworld.Greeter/SayHelloAgain"),
        notAllowed.stderr());
  }

  @Test
  void mutualTlsRightAndWrong() throws Exception {
    CommandResult ok = hello(mutualTls, "--tls-ca", file(CERTS, "ca.crt"),
        "--tls-cert", file(CERTS, "client.crt"), "--tls-key", file(CERTS, "client.key"),
        "--show-metadata");
    assertEquals(List.of("Hello, world!"), ok.stdout(), ok.toString());
    assertEquals("header authenticated-as: CN=Ada,O=grpc-java-samples", ok.stderr().get(0));

    CommandResult noClientCert = hello(mutualTls, "--tls-ca", file(CERTS, "ca.crt"));
    assertEquals(1, noClientCert.exitCode(), noClientCert.toString());
    assertTrue(noClientCert.stderr().get(1).contains("wants a client certificate"),
        noClientCert.toString());

    Path stranger = TestCerts.stranger();
    CommandResult wrongCa = hello(mutualTls, "--tls-ca", file(CERTS, "ca.crt"),
        "--tls-cert", file(stranger, "client.crt"), "--tls-key", file(stranger, "client.key"));
    assertEquals(1, wrongCa.exitCode(), wrongCa.toString());
    assertTrue(wrongCa.stderr().get(1).contains("--tls-client-ca"), wrongCa.toString());
  }

  @Test
  void aMissingCertificateFileStopsTheServerWithExitTwo() throws Exception {
    CommandResult r = RunningJar.run(TIMEOUT, RunningJar.jar("greeter-server.jar"), "--port", "0",
        "--tls-cert", "missing.crt", "--tls-key", file(CERTS, "server.key"));
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(List.of("--tls-cert missing.crt: no such file"), r.stderr());
  }
}
