package dev.grpcsamples.common.security;

import dev.grpcsamples.common.cli.Cli;
import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;

/**
 * A client's channel credentials from its options: plaintext, TLS (trusting {@code --tls-ca}, or the
 * JDK's CAs), with a client certificate for mutual TLS, and with a bearer token composed on top as
 * call credentials ({@code --token}).
 */
public final class ClientSecurity {
  private ClientSecurity() {}

  public static ChannelCredentials credentials(ClientSecurityOptions o) {
    ChannelCredentials channel = o.usesTls() ? tls(o) : InsecureChannelCredentials.create();
    if (o.token == null) {
      return channel;
    }
    if (!o.usesTls() && !o.insecureTokenOk) {
      throw new Cli.UsageError("refusing to send --token over plaintext, where anyone on the "
          + "network can read it and use it: add --tls (and --tls-ca), or --insecure-token-ok "
          + "if the server is on this machine");
    }
    return CompositeChannelCredentials.create(channel,
        new BearerToken(o.token, o.insecureTokenOk));
  }

  private static ChannelCredentials tls(ClientSecurityOptions o) {
    Cli.requireBoth("--tls-cert", o.cert, "--tls-key", o.key);
    TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
    try {
      if (o.ca != null) {
        PemFiles.certificates("--tls-ca", o.ca);
        tls.trustManager(o.ca.toFile());
      }
      if (o.cert != null) {
        java.security.cert.X509Certificate leaf = PemFiles.certificates("--tls-cert", o.cert).get(0);
        PemFiles.checkPair(leaf, PemFiles.privateKey("--tls-key", o.key), "--tls-cert", o.cert,
            "--tls-key", o.key);
        tls.keyManager(o.cert.toFile(), o.key.toFile());
      }
    } catch (IOException e) {
      throw new Cli.InputError("--tls-ca / --tls-cert / --tls-key: cannot read ("
          + e.getMessage() + ")");
    }
    return tls.build();
  }
}
