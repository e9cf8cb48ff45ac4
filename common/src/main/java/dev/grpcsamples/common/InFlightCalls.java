package dev.grpcsamples.common;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Counts the application calls in flight, so a graceful shutdown knows when the real work is done.
 *
 * <p>{@code Server.awaitTermination()} alone is not enough: a health {@code Watch} stream (kept open
 * by load balancers and health-checking clients) is also a call in flight, and it never ends by itself,
 * so every shutdown would last the whole grace period. Health and reflection calls are therefore not
 * counted.
 */
final class InFlightCalls implements ServerInterceptor {
  private int inFlight;
  private long served;

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    if (BuiltInServices.isBuiltIn(call)) {
      return next.startCall(call, headers);
    }
    started();
    ServerCall.Listener<ReqT> listener;
    try {
      listener = next.startCall(call, headers);
    } catch (RuntimeException e) {
      ended();
      throw e;
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      private boolean done;

      @Override
      public void onComplete() {
        try {
          super.onComplete();
        } finally {
          endOnce();
        }
      }

      @Override
      public void onCancel() {
        try {
          super.onCancel();
        } finally {
          endOnce();
        }
      }

      private void endOnce() {
        if (!done) {
          done = true;
          ended();
        }
      }
    };
  }

  synchronized int count() {
    return inFlight;
  }

  /** Application calls started since the server started. */
  synchronized long served() {
    return served;
  }

  /** Waits until no application call is in flight; false if {@code timeout} passed first. */
  synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private synchronized void started() {
    inFlight++;
    served++;
    notifyAll();
  }

  /** Waits until at least {@code n} calls have started; false if {@code timeout} passed first. */
  synchronized boolean awaitServed(long n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (served < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private synchronized void ended() {
    inFlight--;
    notifyAll();
  }
}
