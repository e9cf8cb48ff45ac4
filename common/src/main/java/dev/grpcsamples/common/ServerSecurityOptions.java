package dev.grpcsamples.common;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** A server's TLS and token options; part of {@link ServerOptions}. */
public final class ServerSecurityOptions {
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

  @Option(names = "--auth-token", paramLabel = "TOKEN",
      description = "Require this bearer token on every call (health and reflection excepted).")
  String authToken;

  @Option(names = "--tokens", paramLabel = "FILE",
      description = "Require a bearer token from this file: one 'TOKEN IDENTITY [METHOD...]' per "
          + "line; METHOD like helloworld.Greeter/SayHello or helloworld.Greeter/* (default: *).")
  Path tokens;
}
