package dev.grpcsamples.common.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * --deadline: every call made through the channel gets this long from the moment it starts. In code
 * that sets a deadline for one call, {@code stub.withDeadlineAfter(...)} does the same; note that a
 * stub's deadline is fixed when the stub is made, so make stubs per call (they are cheap).
 */
final class CallDeadline implements ClientInterceptor {
  private final Duration timeout;

  CallDeadline(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
    return next.newCall(method,
        callOptions.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS));
  }
}
