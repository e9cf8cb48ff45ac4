package dev.grpcsamples.common;

import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;

/**
 * A server's credentials from its options: plaintext, TLS ({@code --tls-cert}, {@code --tls-key}), or
 * mutual TLS (adding {@code --tls-client-ca}: clients must present a certificate signed by that CA).
 */
final class ServerSecurity {
  private ServerSecurity() {}

  static ServerCredentials credentials(ServerSecurityOptions o) {
    PemFiles.requireBoth("--tls-cert", o.cert, "--tls-key", o.key);
    if (o.cert == null) {
      if (o.clientCa != null) {
        throw new Cli.UsageError("--tls-client-ca needs --tls-cert and --tls-key: mutual TLS is TLS");
      }
      return InsecureServerCredentials.create();
    }
    TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder();
    try {
      tls.keyManager(PemFiles.readable("--tls-cert", o.cert).toFile(),
          PemFiles.readable("--tls-key", o.key).toFile());
    } catch (IOException | IllegalArgumentException e) {
      throw new Cli.InputError("--tls-cert " + o.cert + " / --tls-key " + o.key
          + ": not a PEM certificate chain and PKCS#8 private key (" + e.getMessage() + ")");
    }
    if (o.clientCa != null) {
      try {
        tls.trustManager(PemFiles.readable("--tls-client-ca", o.clientCa).toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      } catch (IOException | IllegalArgumentException e) {
        throw new Cli.InputError("--tls-client-ca " + o.clientCa + ": not a PEM certificate ("
            + e.getMessage() + ")");
      }
    }
    return tls.build();
  }

  /** For the listening line: "plaintext", "TLS" or "mutual TLS", and whether tokens are needed. */
  static String describe(ServerSecurityOptions o) {
    String transport = o.cert == null ? "plaintext" : o.clientCa == null ? "TLS" : "mutual TLS";
    return transport + (o.authToken != null || o.tokens != null ? ", bearer tokens required" : "");
  }
}
