package dev.grpcsamples.common.security;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import java.util.concurrent.Executor;

/**
 * Call credentials: {@code authorization: Bearer TOKEN} on every call. Composed with TLS channel
 * credentials, the token travels encrypted. On a connection without privacy and integrity it is not
 * sent (the call fails UNAUTHENTICATED), unless the user said so with --insecure-token-ok.
 */
final class BearerToken extends CallCredentials {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final String token;
  private final boolean insecureOk;

  BearerToken(String token, boolean insecureOk) {
    this.token = token;
    this.insecureOk = insecureOk;
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor appExecutor, MetadataApplier applier) {
    if (info.getSecurityLevel() != SecurityLevel.PRIVACY_AND_INTEGRITY && !insecureOk) {
      applier.fail(Status.UNAUTHENTICATED.withDescription(
          "not sending the bearer token over a connection without TLS"));
      return;
    }
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + token);
    applier.apply(headers);
  }
}
