package dev.grpcsamples.common.server;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens when a service method throws.
 *
 * <ul>
 *   <li>A {@code StatusRuntimeException} (say, from a failed call the service made to another server)
 *       is an answer, not a bug: the client gets its status and trailers, as grpc-util's
 *       TransmitStatusRuntimeExceptionInterceptor would send them. That interceptor also makes
 *       every call thread-safe by queueing each of its operations, a cost paid on every call,
 *       thrown or not; here a call pays nothing until something is thrown.</li>
 *   <li>Anything else is a bug. The client gets a clean INTERNAL with a reference it can quote, never
 *       the exception's message or stack trace (they may hold secrets); the server logs the whole
 *       exception under that reference and the method's name. grpc-java alone also keeps the trace
 *       from the client (it answers UNKNOWN), but its log line names an internal runnable, not the
 *       method, and gives the client nothing to quote.</li>
 * </ul>
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
    return new Guarded<>(listener, call);
  }

  /**
   * Passes each callback on, and closes the call if the service throws. Written out per callback,
   * not as one method taking a lambda, so that a call that throws nothing allocates nothing more.
   */
  private static final class Guarded<ReqT> extends SimpleForwardingServerCallListener<ReqT> {
    private final ServerCall<ReqT, ?> call;
    // Set once the service threw and the call was closed. From then on the service's state is
    // unknown (it failed half-way through something), so no later callback reaches it: not the
    // messages already on their way, nor half-close, onReady, onCancel or onComplete. Callbacks
    // for one call never run at the same time, but may run on different threads: volatile.
    private volatile boolean failed;

    Guarded(ServerCall.Listener<ReqT> listener, ServerCall<ReqT, ?> call) {
      super(listener);
      this.call = call;
    }

    @Override
    public void onMessage(ReqT message) {
      if (!failed) {
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          failed(e);
        }
      }
    }

    @Override
    public void onHalfClose() {
      if (!failed) {
        try {
          super.onHalfClose();
        } catch (RuntimeException e) {
          failed(e);
        }
      }
    }

    @Override
    public void onReady() {
      if (!failed) {
        try {
          super.onReady();
        } catch (RuntimeException e) {
          failed(e);
        }
      }
    }

    @Override
    public void onCancel() {
      if (!failed) {
        try {
          super.onCancel();
        } catch (RuntimeException e) {
          failed(e);
        }
      }
    }

    @Override
    public void onComplete() {
      if (!failed) {
        try {
          super.onComplete();
        } catch (RuntimeException e) {
          failed(e);
        }
      }
    }

    private void failed(RuntimeException e) {
      failed = true;
      fail(call, e);
    }
  }

  private static void fail(ServerCall<?, ?> call, RuntimeException e) {
    Status status;
    Metadata trailers;
    if (e instanceof StatusRuntimeException answer) {
      status = answer.getStatus();
      trailers = answer.getTrailers() == null ? new Metadata() : answer.getTrailers();
    } else {
      String reference = UUID.randomUUID().toString().substring(0, 8);
      logger.log(Level.WARNING, call.getMethodDescriptor().getFullMethodName()
          + " failed with an uncaught exception, error " + reference, e);
      status = Status.INTERNAL.withDescription(
          "internal error; the server logged it as error " + reference);
      trailers = new Metadata();
    }
    try {
      call.close(status, trailers);
    } catch (IllegalStateException alreadyClosed) {
      // the method had already answered before it threw: nothing more to tell the client
    }
  }
}
