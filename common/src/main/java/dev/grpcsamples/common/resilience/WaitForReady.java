package dev.grpcsamples.common.resilience;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;

/**
 * --wait-for-ready: a call made while the server cannot be reached waits for it (until its deadline)
 * instead of failing at once with UNAVAILABLE. Use it with a deadline, or a call may wait forever.
 */
final class WaitForReady {
  static final ClientInterceptor INTERCEPTOR = new ClientInterceptor() {
    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
        MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
      return next.newCall(method, callOptions.withWaitForReady());
    }
  };

  private WaitForReady() {}
}
