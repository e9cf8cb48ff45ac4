package dev.grpcsamples.common;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs each incoming call at FINE: which method, from where. FINE, not INFO: a server under load must
 * not spend its time writing log lines nobody asked for. Turn it on with {@code --verbose}.
 */
final class CallLogger implements ServerInterceptor {
  private static final Logger logger = Logger.getLogger(CallLogger.class.getName());

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    if (logger.isLoggable(Level.FINE)) {
      logger.fine("call " + call.getMethodDescriptor().getFullMethodName()
          + " from " + call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
    }
    return next.startCall(call, headers);
  }
}
