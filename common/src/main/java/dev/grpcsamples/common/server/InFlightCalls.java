package dev.grpcsamples.common.server;

import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

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

  // Counted on every call, on the transport threads: atomics, and no object per call. The lock
  // below is only for the rare thread that waits (the graceful shutdown, a test).
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong served = new AtomicLong();
  private volatile int waiting;
  /** One tracer for all counted streams: grpc-java calls streamClosed once per stream. */
  private final ServerStreamTracer counted = new ServerStreamTracer() {
    @Override
    public void streamClosed(Status status) {
      inFlight.decrementAndGet();
      wakeWaiters();
    }
  };

  @Override
  public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
    if (ServerBootstrap.isBuiltIn(fullMethodName) || !validTimeout(headers.get(GRPC_TIMEOUT))) {
      return NOT_COUNTED;
    }
    inFlight.incrementAndGet();
    served.incrementAndGet();
    wakeWaiters();
    return counted;
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

  int count() {
    return inFlight.get();
  }

  /** Application calls started since the server started. */
  long served() {
    return served.get();
  }

  /** Waits until no application call is in flight; false if {@code timeout} passed first. */
  boolean awaitNone(Duration timeout) throws InterruptedException {
    return await(() -> inFlight.get() <= 0, timeout);
  }

  /** Waits until at least {@code n} calls have started; false if {@code timeout} passed first. */
  boolean awaitServed(long n, Duration timeout) throws InterruptedException {
    return await(() -> served.get() >= n, timeout);
  }

  private synchronized boolean await(BooleanSupplier done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    waiting++;
    try {
      // A counter that changes after this check and before wait() cannot be missed: its change
      // comes before its read of `waiting`, which then sees this waiter and takes the lock to wake it.
      while (!done.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    } finally {
      waiting--;
    }
  }

  private void wakeWaiters() {
    if (waiting > 0) {
      synchronized (this) {
        notifyAll();
      }
    }
  }
}
