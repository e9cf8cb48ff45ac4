package dev.grpcsamples.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Fresh TLS material for tests, made by certs/generate.sh into a temporary directory: the tests never
 * depend on the committed certificates' expiry. Two unrelated sets: {@link #trusted()} is the one the
 * servers and clients are configured with; {@link #stranger()} has its own CAs, for certificates that
 * must be refused.
 */
public final class TestCerts {
  private static Path trusted;
  private static Path stranger;
  private static Path broken;

  /**
   * Files that look like TLS material and are not usable, each for one mistake: pkcs1.key (a
   * traditional RSA key), encrypted.key, not-pem.txt, garbage.crt, and expired.crt / future.crt
   * with their keys (expired.key, future.key).
   */
  private static final String BROKEN = String.join("\n",
      "set -e",
      "cd \"$1\"",
      "openssl genrsa -traditional -out pkcs1.key 2048 2>/dev/null",
      "openssl pkcs8 -topk8 -in \"$2\" -passout pass:secret -out encrypted.key",
      "echo 'this is not a certificate' > not-pem.txt",
      "printf -- '-----BEGIN CERTIFICATE-----\\nnot base64 at all\\n-----END CERTIFICATE-----\\n'"
          + " > garbage.crt",
      "for when in expired:2020/01/01 future:+1y; do",
      "  name=${when%%:*}; start=${when#*:}",
      "  keytool -genkeypair -alias s -keyalg EC -groupname secp256r1 -dname CN=localhost"
          + " -startdate \"$start\" -validity 30 -keystore $name.p12 -storetype PKCS12"
          + " -storepass changeit 2>/dev/null",
      "  keytool -exportcert -rfc -alias s -keystore $name.p12 -storepass changeit > $name.crt",
      "  openssl pkcs12 -in $name.p12 -nocerts -nodes -passin pass:changeit"
          + " | openssl pkcs8 -topk8 -nocrypt -out $name.key",
      "done");

  private TestCerts() {}

  public static synchronized Path trusted() {
    if (trusted == null) {
      trusted = generate("trusted");
    }
    return trusted;
  }

  public static synchronized Path stranger() {
    if (stranger == null) {
      stranger = generate("stranger");
    }
    return stranger;
  }

  public static synchronized Path broken() {
    if (broken == null) {
      try {
        broken = Files.createTempDirectory("certs-broken-");
        Process p = new ProcessBuilder("bash", "-c", BROKEN, "broken", broken.toString(),
            trusted().resolve("server.key").toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new IllegalStateException("making broken TLS files failed: " + output);
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot make broken TLS files", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return broken;
  }

  /** A file of a set, e.g. {@code TestCerts.file(TestCerts.trusted(), "server.crt")}, as a string. */
  public static String file(Path set, String name) {
    return set.resolve(name).toString();
  }

  private static Path generate(String name) {
    String script = System.getProperty("certs.generator");
    if (script == null) {
      throw new IllegalStateException("system property certs.generator is not set: run with ./mvnw");
    }
    try {
      Path dir = Files.createTempDirectory("certs-" + name + "-");
      Process p = new ProcessBuilder("bash", script, dir.toString())
          .redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("certs/generate.sh failed: " + output);
      }
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run certs/generate.sh", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
