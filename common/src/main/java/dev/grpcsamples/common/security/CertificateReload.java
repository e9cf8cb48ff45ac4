package dev.grpcsamples.common.security;

import dev.grpcsamples.common.cli.Cli;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * {@code --tls-reload DURATION}: certificates are renewed (cert-manager, an ACME client, a
 * Kubernetes secret) while the server runs, and the server picks them up without a restart.
 *
 * <p>grpc-util does the TLS part: the server's credentials read their certificate from an
 * {@link AdvancedTlsX509KeyManager} (and, for mutual TLS, the client CAs from an
 * {@link AdvancedTlsX509TrustManager}), and each new handshake uses whatever was last put in.
 * Connections already open keep the certificate they were made with; nothing is dropped.
 *
 * <p>What this class adds is the schedule, because grpc-util's own file-watching methods refresh at
 * most once a minute and log a failed refresh again at every period. Here, every DURATION the files
 * are read; if their bytes changed, the new set is parsed and checked (the key must belong to the
 * certificate: a renewal that has written the certificate but not yet the key must not be served),
 * then handed to the managers. A bad set is logged once, as one SEVERE line, and the previous
 * certificate stays in use until the files change again.
 */
public final class CertificateReload implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(CertificateReload.class.getName());

  private final ServerSecurity.Options options;
  private final AdvancedTlsX509KeyManager identity = new AdvancedTlsX509KeyManager();
  private final AdvancedTlsX509TrustManager clientCas;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tls-reload");
    t.setDaemon(true);
    return t;
  });
  private byte[] lastSeen;
  private long checks;

  private CertificateReload(ServerSecurity.Options options) {
    this.options = options;
    try {
      this.clientCas = options.clientCa == null ? null : AdvancedTlsX509TrustManager.newBuilder()
          // A server has no host name to check in a client's certificate: the chain is enough.
          .setVerification(
              AdvancedTlsX509TrustManager.Verification.CERTIFICATE_ONLY_VERIFICATION)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no X.509 trust manager", e);
    }
  }

  /**
   * Reads the files once (a mistake stops the start, as without --tls-reload) and starts checking
   * them every --tls-reload.
   */
  public static CertificateReload start(ServerSecurity.Options o) {
    CertificateReload reload = new CertificateReload(o);
    reload.lastSeen = reload.readAll();
    String problem = reload.load();
    if (problem != null) {
      throw new Cli.InputError(problem);
    }
    long period = o.reload.toNanos();
    reload.timer.scheduleWithFixedDelay(reload::check, period, period, TimeUnit.NANOSECONDS);
    return reload;
  }

  /** Credentials that always present what was loaded last. */
  public ServerCredentials credentials() {
    TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder().keyManager(identity);
    if (clientCas != null) {
      tls.trustManager(clientCas).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
    }
    return tls.build();
  }

  /** How many times the files have been checked since the start. */
  public synchronized long checks() {
    return checks;
  }

  /** Waits until the files have been checked {@code n} times; false if {@code timeout} passed. */
  public synchronized boolean awaitChecks(long n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (checks < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private synchronized void check() {
    try {
      byte[] now = readAll();
      if (!Arrays.equals(now, lastSeen)) {
        lastSeen = now;
        String problem = load();
        if (problem == null) {
          logger.info("TLS certificate reloaded from " + options.cert);
        } else {
          logger.severe(problem + "; still serving the previous certificate");
        }
      }
    } finally {
      checks++;
      notifyAll();
    }
  }

  /** The files' bytes, one after the other; a file that cannot be read counts as its message. */
  private byte[] readAll() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Path file : new Path[] {options.cert, options.key, options.clientCa}) {
      if (file == null) {
        continue;
      }
      try {
        all.writeBytes(Files.readAllBytes(file));
      } catch (IOException e) {
        all.writeBytes(String.valueOf(e).getBytes(StandardCharsets.UTF_8));
      }
      all.write(0);
    }
    return all.toByteArray();
  }

  /**
   * Reads and checks the files as a start without --tls-reload does ({@link PemFiles}: PEM, PKCS#8,
   * the key belongs to the certificate, valid today), then hands them to grpc-util's managers.
   * Returns what is wrong with them, or null.
   */
  private String load() {
    try {
      List<X509Certificate> chain = PemFiles.certificates("--tls-cert", options.cert);
      PrivateKey key = PemFiles.privateKey("--tls-key", options.key);
      PemFiles.checkPair(chain.get(0), key, "--tls-cert", options.cert, "--tls-key", options.key);
      List<X509Certificate> cas = options.clientCa == null ? null
          : PemFiles.certificates("--tls-client-ca", options.clientCa);
      identity.updateIdentityCredentials(chain.toArray(X509Certificate[]::new), key);
      if (cas != null) {
        clientCas.updateTrustCredentials(cas.toArray(X509Certificate[]::new));
      }
      return null;
    } catch (Cli.InputError e) {
      return e.getMessage();
    } catch (IOException | GeneralSecurityException e) {
      return "--tls-client-ca " + options.clientCa + ": cannot be used (" + e.getMessage() + ")";
    }
  }

  /** Stops checking; the credentials keep what they have. */
  @Override
  public void close() {
    timer.shutdownNow();
  }
}
