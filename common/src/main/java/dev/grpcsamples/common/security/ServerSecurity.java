package dev.grpcsamples.common.security;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.common.cli.DurationConverter;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * A server's credentials from its options: plaintext, TLS ({@code --tls-cert}, {@code --tls-key}), or
 * mutual TLS (adding {@code --tls-client-ca}: clients must present a certificate signed by that CA).
 * Bearer tokens ({@code --auth-token}, {@code --tokens}) are checked per call by
 * {@link Authentication}.
 */
public final class ServerSecurity {
  private ServerSecurity() {}

  /** A server's TLS and token options; part of every server's options. */
  public static final class Options {
    @Option(names = "--tls-cert", paramLabel = "FILE",
        description = "Serve TLS with this certificate chain (PEM), e.g. certs/server.crt.")
    Path cert;

    @Option(names = "--tls-key", paramLabel = "FILE",
        description = "The private key of --tls-cert (PEM, PKCS#8), e.g. certs/server.key.")
    Path key;

    @Option(names = "--tls-client-ca", paramLabel = "FILE",
        description = "Require client certificates signed by this CA (mutual TLS), "
            + "e.g. certs/client-ca.crt.")
    Path clientCa;

    @Option(names = "--tls-reload", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Check the --tls-cert, --tls-key and --tls-client-ca files this often, e.g. "
            + "1m, and serve new ones without a restart; open connections are kept "
            + "(default: read once at start).")
    Duration reload;

    @Option(names = "--auth-token", paramLabel = "TOKEN",
        description = "Require this bearer token on every call (health and reflection excepted).")
    String authToken;

    @Option(names = "--tokens", paramLabel = "FILE",
        description = "Require a bearer token from this file: one 'TOKEN IDENTITY [METHOD...]' per "
            + "line; METHOD like helloworld.Greeter/SayHello or helloworld.Greeter/* (default: *).")
    Path tokens;

    /** True if calls must carry a token, or a client certificate whose subject names the caller. */
    public boolean identifiesCallers() {
      return authToken != null || tokens != null || clientCa != null;
    }

    /** True for --tls-reload: the certificate files are watched; see {@link CertificateReload}. */
    public boolean reloadsCertificates() {
      return reload != null;
    }

    /** True if this server serves TLS or asks for tokens. */
    public boolean secured() {
      return cert != null || authToken != null || tokens != null;
    }

    public void validate() {
      Cli.requireBoth("--tls-cert", cert, "--tls-key", key);
      if (clientCa != null && cert == null) {
        throw new Cli.UsageError("--tls-client-ca needs --tls-cert and --tls-key: mutual TLS is TLS");
      }
      if (reload != null && cert == null) {
        throw new Cli.UsageError("--tls-reload needs --tls-cert and --tls-key: there is no "
            + "certificate to reload");
      }
      if (reload != null && (reload.isZero() || reload.isNegative())) {
        throw new Cli.UsageError("--tls-reload must be longer than 0, like 1m");
      }
      if (authToken != null && tokens != null) {
        throw new Cli.UsageError("--auth-token and --tokens both say which tokens to accept: "
            + "give one (a single token, or a file of them)");
      }
      if (authToken != null && authToken.isBlank()) {
        throw new Cli.UsageError("--auth-token must not be empty: an empty token would let "
            + "anyone in");
      }
    }
  }

  /** The accepted bearer tokens, or null if this server asks for none. Reads --tokens. */
  public static TokenTable tokens(Options o) {
    return o.tokens != null ? TokenTable.load(o.tokens)
        : o.authToken != null ? TokenTable.single(o.authToken) : null;
  }

  /** Reads the certificate files; call once the options' checks have passed. */
  public static ServerCredentials credentials(Options o) {
    if (o.cert == null) {
      return InsecureServerCredentials.create();
    }
    // Read and check the files first: a broken file, a key of another certificate or an expired
    // certificate stops the start with one line, instead of a server whose every handshake fails.
    java.security.cert.X509Certificate leaf = PemFiles.certificates("--tls-cert", o.cert).get(0);
    PemFiles.checkPair(leaf, PemFiles.privateKey("--tls-key", o.key), "--tls-cert", o.cert,
        "--tls-key", o.key);
    TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder();
    try {
      tls.keyManager(o.cert.toFile(), o.key.toFile());
      if (o.clientCa != null) {
        PemFiles.certificates("--tls-client-ca", o.clientCa);
        tls.trustManager(o.clientCa.toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      }
    } catch (IOException e) {
      throw new Cli.InputError("--tls-cert / --tls-key / --tls-client-ca: cannot read ("
          + e.getMessage() + ")");
    }
    return tls.build();
  }

  /** For the listening line: "plaintext", "TLS" or "mutual TLS", and whether tokens are needed. */
  public static String describe(Options o) {
    String transport = o.cert == null ? "plaintext" : o.clientCa == null ? "TLS" : "mutual TLS";
    if (o.reload != null) {
      transport += " reloaded every " + DurationConverter.format(o.reload);
    }
    return transport + (o.authToken != null || o.tokens != null ? ", bearer tokens required" : "");
  }
}
