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
