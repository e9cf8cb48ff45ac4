package dev.grpcsamples.common;

import io.grpc.BindableService;
import io.grpc.protobuf.services.ProtoReflectionService;

/**
 * The older v1alpha reflection service. grpc-java marks it deprecated in favour of v1, but many
 * tools in the field (older grpcurl, grpc_cli, Postman) still only ask for v1alpha, so we serve both.
 */
final class ReflectionV1Alpha {
  private ReflectionV1Alpha() {}

  @SuppressWarnings("deprecation")
  static BindableService service() {
    return ProtoReflectionService.newInstance();
  }
}
