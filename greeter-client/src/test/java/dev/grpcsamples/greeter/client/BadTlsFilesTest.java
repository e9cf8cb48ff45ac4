package dev.grpcsamples.greeter.client;

import static dev.grpcsamples.testing.TestCerts.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.TestCerts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TLS files whose contents are wrong: each is refused before anything starts, with one line that
 * names the option and the file, and says what to do. On the server, and on the client.
 */
class BadTlsFilesTest {
  private static final Path CERTS = TestCerts.trusted();
  private static final Path OTHER = TestCerts.stranger();
  private static final Path BROKEN = TestCerts.broken();

  /** A file by name: "ok:server.crt", "other:server.key" or "broken:pkcs1.key". */
  private static String pick(String spec) {
    String[] parts = spec.split(":");
    Path dir = parts[0].equals("ok") ? CERTS : parts[0].equals("other") ? OTHER : BROKEN;
    return file(dir, parts[1]);
  }

  @ParameterizedTest(name = "server --tls-cert {0} --tls-key {1} --tls-client-ca {2}")
  @CsvSource({
      "ok:server.crt, broken:pkcs1.key, , traditional (PKCS#1 or SEC1) format",
      "ok:server.crt, broken:encrypted.key, , the key is encrypted",
      "broken:not-pem.txt, ok:server.key, , not a PEM certificate",
      "ok:server.crt, broken:not-pem.txt, , not a PEM private key",
      "ok:server.crt, other:server.key, , is not the private key of --tls-cert",
      "broken:expired.crt, broken:expired.key, , the certificate expired on 2020-01-31",
      "broken:future.crt, broken:future.key, , the certificate is not valid before",
      "ok:server.crt, ok:server.key, broken:garbage.crt, --tls-client-ca",
  })
  void theServerRefusesToStart(String cert, String key, String clientCa, String says) {
    List<String> flags = new java.util.ArrayList<>(List.of("--tls-cert", pick(cert),
        "--tls-key", pick(key)));
    if (clientCa != null) {
      flags.addAll(List.of("--tls-client-ca", pick(clientCa)));
    }
    Cli.InputError e = assertThrows(Cli.InputError.class,
        () -> GreeterCli.greeterServer(flags.toArray(String[]::new)).close());
    assertTrue(e.getMessage().contains(says), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @ParameterizedTest(name = "client {0} {1}")
  @CsvSource({
      "--tls-ca, broken:garbage.crt, --tls-ca",
      "--tls-ca, broken:not-pem.txt, not a PEM certificate",
      "--tls-key, broken:pkcs1.key, traditional (PKCS#1 or SEC1) format",
      "--tls-key, broken:encrypted.key, the key is encrypted",
      "--tls-key, other:client.key, is not the private key of --tls-cert",
  })
  void theClientRefusesToCall(String option, String value, String says) {
    List<String> args = new java.util.ArrayList<>(List.of("hello", "--target", "localhost:1",
        "--tls-ca", file(CERTS, "ca.crt"), "--tls-cert", file(CERTS, "client.crt"),
        "--tls-key", file(CERTS, "client.key")));
    int at = args.indexOf(option);
    args.set(at + 1, pick(value));
    CommandResult r = GreeterCli.run(args.toArray(String[]::new));
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(1, r.stderr().size(), r.toString());
    assertTrue(r.stderr().get(0).contains(says), r.toString());
  }
}
