package dev.grpcsamples.common.security;

import dev.grpcsamples.common.client.ClientOptions;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** A client's TLS and token options; part of {@link ClientOptions}. */
public final class ClientSecurityOptions {
  @Option(names = "--tls", scope = ScopeType.INHERIT,
      description = "Use TLS, trusting the JDK's CAs, or --tls-ca (implied by any --tls-* option).")
  boolean tls;

  @Option(names = "--tls-ca", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Trust server certificates signed by this CA (PEM), e.g. certs/ca.crt.")
  Path ca;

  @Option(names = "--tls-cert", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Client certificate for mutual TLS (PEM), e.g. certs/client.crt.")
  Path cert;

  @Option(names = "--tls-key", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "The private key of --tls-cert (PEM, PKCS#8), e.g. certs/client.key.")
  Path key;

  @Option(names = "--authority", paramLabel = "NAME", scope = ScopeType.INHERIT,
      description = "The server name to expect in its certificate (and send as :authority), "
          + "instead of the --target host.")
  String authority;

  @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
      description = "Send this bearer token with every call (as call credentials).")
  String token;

  @Option(names = "--insecure-token-ok", scope = ScopeType.INHERIT,
      description = "Allow --token without TLS, where anyone on the network can read it "
          + "(acceptable on localhost only).")
  boolean insecureTokenOk;

  /** Applies what is not part of the credentials: the server name to expect. */
  public void applyTo(ManagedChannelBuilder<?> builder) {
    if (authority != null) {
      builder.overrideAuthority(authority);
    }
  }

  boolean usesTls() {
    return tls || ca != null || cert != null || key != null;
  }
}
