package dev.grpcsamples.common.security;

import io.grpc.Status;
import javax.net.ssl.SSLException;

/**
 * Says what to do about a failed connection (TLS mismatches, keepalive refused), from the status and
 * the exceptions underneath it. grpc-java reports most of these as "UNAVAILABLE: io exception"; the
 * cause tells them apart.
 */
public final class ConnectionHints {
  private ConnectionHints() {}

  /** The most telling message in the cause chain: past the TLS engine's generic ones. */
  public static String causeMessage(Throwable cause) {
    Throwable telling = cause;
    if (cause instanceof SSLException) {
      while (telling.getCause() != null) {
        telling = telling.getCause();
      }
    }
    return telling.getMessage();
  }

  /** One line saying what to do, or null when the failure is not a TLS or connection mismatch. */
  public static String hint(Status status) {
    StringBuilder chain = new StringBuilder(String.valueOf(status.getDescription())).append('\n');
    for (Throwable t = status.getCause(); t != null; t = t.getCause()) {
      chain.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    String all = chain.toString();
    if (all.contains("too_many_pings")) {
      return "the server thinks this client pings too often: use a longer --keepalive, or start "
          + "the server with --permit-keepalive no longer than it";
    }
    if (all.contains("CertificateExpiredException") || all.contains("validity check failed")
        || all.contains("CertificateNotYetValidException")) {
      return "the server's certificate has expired or is not valid yet: the server needs a new one "
          + "(and check this machine's clock)";
    }
    if (all.contains("unable to find valid certification path")
        || all.contains("does not chain with any of the trust anchors")) {
      return "the server's certificate is not signed by a CA this client trusts: pass that CA "
          + "with --tls-ca (for these samples, certs/ca.crt)";
    }
    if (all.contains("No subject alternative") || all.contains("No name matching")) {
      return "the server's certificate is for another name: use a --target host it names "
          + "(localhost), or set --authority to one";
    }
    if (all.contains("NotSslRecordException")) {
      return "the server does not use TLS: leave out --tls and --tls-*, or start it with "
          + "--tls-cert and --tls-key";
    }
    if (all.contains("CERTIFICATE_REQUIRED")) {
      return "the server wants a client certificate signed by its --tls-client-ca (mutual TLS): "
          + "add --tls-cert and --tls-key (for these samples, certs/client.crt and client.key)";
    }
    // A server whose trust manager rejects the client's certificate answers, through BoringSSL, with
    // an "internal error" alert rather than a precise one.
    if (all.contains("UNKNOWN_CA") || all.contains("BAD_CERTIFICATE")
        || all.contains("CERTIFICATE_UNKNOWN") || all.contains("ALERT_INTERNAL_ERROR")) {
      return "the server rejected this client's certificate: it must be signed by the server's "
          + "--tls-client-ca";
    }
    if (all.contains("Connection reset by peer") || all.contains("Network closed for unknown reason")) {
      return "the server closed the connection at once: if it uses TLS, add --tls-ca "
          + "(or --tls)";
    }
    return null;
  }
}
