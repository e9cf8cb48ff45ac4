package dev.grpcsamples.common.server;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A service method that throws is a bug (a StatusRuntimeException is not: the interceptor inside this
 * one, grpc-java's TransmitStatusRuntimeExceptionInterceptor, sends it to the client as its status). The client gets a clean INTERNAL with a reference it can
 * quote, never the exception's message or stack trace (they may hold secrets); the server logs the
 * whole exception under that reference and the method's name.
 *
 * <p>grpc-java alone also keeps the trace from the client (it answers UNKNOWN), but its log line names
 * an internal runnable, not the method, and gives the client nothing to quote.
 *
 * <p>Once a call is closed this way, the service hears nothing more about it.
 */
final class UncaughtExceptions implements ServerInterceptor {
  private static final Logger logger = Logger.getLogger(UncaughtExceptions.class.getName());

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    ServerCall.Listener<ReqT> listener;
    try {
      listener = next.startCall(call, headers);
    } catch (RuntimeException e) {
      fail(call, e);
      return new ServerCall.Listener<>() {};
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      // Set once the service threw and the call was closed. From then on the service's state is
      // unknown (it failed half-way through something), so no later callback reaches it: not the
      // messages already on their way, nor half-close, onReady, onCancel or onComplete. Callbacks
      // for one call never run at the same time, but may run on different threads: volatile.
      private volatile boolean failed;

      @Override
      public void onMessage(ReqT message) {
        guard(() -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        guard(super::onHalfClose);
      }

      @Override
      public void onReady() {
        guard(super::onReady);
      }

      @Override
      public void onCancel() {
        guard(super::onCancel);
      }

      @Override
      public void onComplete() {
        guard(super::onComplete);
      }

      private void guard(Runnable callback) {
        if (failed) {
          return;
        }
        try {
          callback.run();
        } catch (RuntimeException e) {
          failed = true;
          fail(call, e);
        }
      }
    };
  }

  private static void fail(ServerCall<?, ?> call, RuntimeException e) {
    String reference = UUID.randomUUID().toString().substring(0, 8);
    logger.log(Level.WARNING, call.getMethodDescriptor().getFullMethodName()
        + " failed with an uncaught exception, error " + reference, e);
    try {
      call.close(Status.INTERNAL.withDescription(
          "internal error; the server logged it as error " + reference), new Metadata());
    } catch (IllegalStateException alreadyClosed) {
      // the method had already answered before it threw: nothing more to tell the client
    }
  }
}
