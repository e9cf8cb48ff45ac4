package dev.grpcsamples.common;

import io.grpc.ServerCall;
import io.grpc.health.v1.HealthGrpc;
import java.util.Set;

/**
 * The services every server here adds itself: health and reflection. They are infrastructure, not the
 * application: they need no token, are never failed on purpose, and (being long-lived streams at
 * times) are not waited for at shutdown. Health checks also run off the worker pool.
 */
final class BuiltInServices {
  private static final Set<String> NAMES = Set.of(HealthGrpc.SERVICE_NAME,
      "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");

  private BuiltInServices() {}

  static boolean isHealth(ServerCall<?, ?> call) {
    return HealthGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName());
  }

  /** Health or reflection. */
  static boolean isBuiltIn(ServerCall<?, ?> call) {
    return isBuiltIn(call.getMethodDescriptor().getFullMethodName());
  }

  /** Health or reflection, by full method name ("grpc.health.v1.Health/Check"). */
  static boolean isBuiltIn(String fullMethodName) {
    int slash = fullMethodName.indexOf('/');
    return NAMES.contains(slash < 0 ? fullMethodName : fullMethodName.substring(0, slash));
  }
}
