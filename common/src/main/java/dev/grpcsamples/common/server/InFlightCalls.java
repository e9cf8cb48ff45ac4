package dev.grpcsamples.common.server;

import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts the application calls in flight, so a graceful shutdown knows when the real work is done.
 *
 * <p>{@code Server.awaitTermination()} alone is not enough: a health {@code Watch} stream (kept open
 * by load balancers and health-checking clients) is also a call in flight, and it never ends by itself,
 * so every shutdown would last the whole grace period. Health and reflection calls are therefore not
 * counted.
 *
 * <p>It counts with a stream tracer, not an interceptor: the transport creates the tracer the moment a
 * stream arrives, while an interceptor only sees the call once a worker picks it up. Counted by an
 * interceptor, a call accepted just before shutdown() but still queued would be missed, and then
 * cancelled by the final shutdownNow().
 */
final class InFlightCalls extends ServerStreamTracer.Factory {
  private static final ServerStreamTracer NOT_COUNTED = new ServerStreamTracer() {};
  private static final Metadata.Key<String> GRPC_TIMEOUT =
      Metadata.Key.of("grpc-timeout", Metadata.ASCII_STRING_MARSHALLER);

  private int inFlight;
  private long served;

  @Override
  public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
    if (ServerBootstrap.isBuiltIn(fullMethodName) || !validTimeout(headers.get(GRPC_TIMEOUT))) {
      return NOT_COUNTED;
    }
    started();
    return new ServerStreamTracer() {
      private final AtomicBoolean closed = new AtomicBoolean();

      @Override
      public void streamClosed(Status status) {
        if (closed.compareAndSet(false, true)) {
          ended();
        }
      }
    };
  }

  /**
   * Whether grpc-java will accept this grpc-timeout header: up to 8 characters of a whole number, then
   * a unit (H, M, S, m, u, n). grpc-java refuses a stream with any other value after it has created
   * this tracer, and never tells the tracer the stream closed: counted, it would stay in flight forever.
   */
  private static boolean validTimeout(String timeout) {
    if (timeout == null) {
      return true;
    }
    if (timeout.length() < 2 || timeout.length() > 9 || "HMSmun".indexOf(timeout.charAt(
        timeout.length() - 1)) < 0) {
      return false;
    }
    try {
      Long.parseLong(timeout.substring(0, timeout.length() - 1));
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
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

  private synchronized void started() {
    inFlight++;
    served++;
    notifyAll();
  }

  private synchronized void ended() {
    inFlight--;
    notifyAll();
  }
}
