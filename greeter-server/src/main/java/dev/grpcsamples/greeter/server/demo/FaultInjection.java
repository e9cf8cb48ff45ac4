package dev.grpcsamples.greeter.server.demo;

import dev.grpcsamples.common.cli.DurationConverter;
import io.grpc.Context;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * A server that misbehaves on purpose (--fail-rate, --slow-rate), so that retry and hedging policies
 * can be seen working. Each application call is, at random, failed before it runs, delayed, or left
 * alone. It is installed on the Greeter service only, so health and reflection calls are never
 * touched. Every call, injected or not, answers with the
 * trailer {@code previous-attempts}: how many attempts the client made before this one (gRPC sends it
 * in the {@code grpc-previous-rpc-attempts} header on retries and hedges).
 */
final class FaultInjection implements ServerInterceptor {
  static final Metadata.Key<String> PREVIOUS_ATTEMPTS_HEADER =
      Metadata.Key.of("grpc-previous-rpc-attempts", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> PREVIOUS_ATTEMPTS =
      Metadata.Key.of("previous-attempts", Metadata.ASCII_STRING_MARSHALLER);

  private static final Logger logger = Logger.getLogger(FaultInjection.class.getName());

  private final double failRate;
  private final Status.Code failCode;
  private final double slowRate;
  private final Duration slowDelay;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong slowed = new AtomicLong();

  FaultInjection(double failRate, Status.Code failCode, double slowRate, Duration slowDelay) {
    this.failRate = failRate;
    this.failCode = failCode;
    this.slowRate = slowRate;
    this.slowDelay = slowDelay;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    calls.incrementAndGet();
    String previous = headers.get(PREVIOUS_ATTEMPTS_HEADER);
    String method = call.getMethodDescriptor().getFullMethodName();
    double dice = ThreadLocalRandom.current().nextDouble();
    if (dice < failRate) {
      failed.incrementAndGet();
      logger.fine(() -> "injected " + failCode + " into " + method + " (attempt "
          + (previous == null ? 1 : Integer.parseInt(previous) + 1) + ")");
      Metadata trailers = new Metadata();
      trailers.put(PREVIOUS_ATTEMPTS, previous == null ? "0" : previous);
      call.close(Status.fromCode(failCode).withDescription("injected by --fail-rate"), trailers);
      return new ServerCall.Listener<>() {};
    }
    ServerCall<ReqT, RespT> counted = new io.grpc.ForwardingServerCall
        .SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        trailers.put(PREVIOUS_ATTEMPTS, previous == null ? "0" : previous);
        super.close(status, trailers);
      }
    };
    ServerCall.Listener<ReqT> listener = next.startCall(counted, headers);
    if (dice >= failRate + slowRate) {
      return listener;
    }
    slowed.incrementAndGet();
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onHalfClose() {
        // Waits on a worker thread, but gives up the moment the call is cancelled: a hedged call
        // whose other attempt already answered stops costing anything here.
        if (!awaitCancellation(slowDelay)) {
          super.onHalfClose();
        }
      }
    };
  }

  /** Waits up to {@code delay}; true if the call was cancelled meanwhile. */
  private static boolean awaitCancellation(Duration delay) {
    CountDownLatch cancelled = new CountDownLatch(1);
    Context.current().addListener(c -> cancelled.countDown(), Runnable::run);
    try {
      return cancelled.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** "fault injection: 212 calls, 98 failed with UNAVAILABLE, 0 slowed by 500ms" */
  String summary() {
    return "fault injection: " + calls.get() + " calls, " + failed.get() + " failed with "
        + failCode + ", " + slowed.get() + " slowed by " + DurationConverter.format(slowDelay);
  }
}
