package dev.grpcsamples.common.resilience;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import dev.grpcsamples.common.cli.Cli;
import io.grpc.Attributes;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ClientStreamTracer;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Sends many calls, a number at a time, and sums up what happened: how many succeeded, which codes
 * the others failed with, how many attempts went on the wire (retries and hedges included, counted
 * by a stream tracer, one stream per attempt), to which servers, and latency percentiles. A run that
 * is bounded by time rather than by a count also reports its rate, calls per second.
 *
 * <p>It should measure the server, not itself. A call's completion does only constant work (one
 * histogram slot, one counter, no object beyond the call's own), and the calls are spread over
 * several channels when asked: one channel is one HTTP/2 connection, and one connection is read by
 * one event-loop thread on each side, so a single channel caps the rate whatever the server could
 * do. Give it channels built with {@code directExecutor()}: a reply is then handled on the thread
 * that read it, instead of being handed to another thread first.
 */
public final class LoadTest {
  private final Histogram latencyMicros = new Histogram(3_600_000_000L, 3);
  private final Map<Status.Code, Integer> failures = new EnumMap<>(Status.Code.class);
  private final Map<Object, LongAdder> attemptsPerAddress = new ConcurrentHashMap<>();
  private final boolean timed;
  private int succeeded;
  private long elapsedNanos;

  private LoadTest(boolean timed) {
    this.timed = timed;
  }

  /**
   * Runs {@code calls} calls, at most {@code concurrency} at a time; {@code call} starts one on the
   * channel it is given and returns its future.
   */
  public static LoadTest run(Channel channel, int calls, int concurrency,
      Function<Channel, ListenableFuture<?>> call) throws InterruptedException {
    return run(List.of(channel), calls, null, concurrency, call);
  }

  /**
   * Runs calls over {@code channels} in turn, at most {@code concurrency} at a time in all, until
   * {@code calls} have been sent or, if {@code duration} is not null, it has passed, whichever
   * comes first.
   */
  public static LoadTest run(List<? extends Channel> channels, int calls, Duration duration,
      int concurrency, Function<Channel, ListenableFuture<?>> call) throws InterruptedException {
    if (calls < 1 || concurrency < 1) {
      throw new Cli.UsageError("--calls and --concurrency must be at least 1");
    }
    LoadTest test = new LoadTest(duration != null);
    List<Channel> counted = new ArrayList<>();
    for (Channel channel : channels) {
      counted.add(ClientInterceptors.intercept(channel, test.new AttemptCounter()));
    }
    Semaphore inFlight = new Semaphore(concurrency);
    long start = System.nanoTime();
    long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
    for (int i = 0; i < calls && (duration == null || System.nanoTime() - end < 0); i++) {
      inFlight.acquire();
      long callStart = System.nanoTime();
      Futures.addCallback(call.apply(counted.get(i % counted.size())), new FutureCallback<Object>() {
        @Override
        public void onSuccess(Object result) {
          test.record(callStart, Status.Code.OK);
          inFlight.release();
        }

        @Override
        public void onFailure(Throwable t) {
          test.record(callStart, Status.fromThrowable(t).getCode());
          inFlight.release();
        }
      }, MoreExecutors.directExecutor());
    }
    inFlight.acquire(concurrency); // every call has finished
    synchronized (test) {
      test.elapsedNanos = System.nanoTime() - start;
    }
    return test;
  }

  private synchronized void record(long startNanos, Status.Code code) {
    latencyMicros.recordValue(Math.max(1, (System.nanoTime() - startNanos) / 1000));
    if (code == Status.Code.OK) {
      succeeded++;
    } else {
      failures.merge(code, 1, Integer::sum);
    }
  }

  /** Attempts per server, by host:port (the address's text less any host name before a '/'). */
  private Map<String, Long> attemptsPerServer() {
    Map<String, Long> perServer = new TreeMap<>();
    attemptsPerAddress.forEach((address, count) -> perServer.merge(
        address.toString().replaceFirst("^[^/]*/", ""), count.sum(), Long::sum));
    return perServer;
  }

  public synchronized int failed() {
    return failures.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The summary, a few lines; a timed run ends with its rate. */
  public synchronized List<String> summary() {
    int calls = succeeded + failed();
    Map<String, Long> attemptsPerServer = attemptsPerServer();
    long attempts = attemptsPerServer.values().stream().mapToLong(Long::longValue).sum();
    List<String> lines = new ArrayList<>();
    lines.add("calls: " + calls + ", succeeded: " + succeeded + ", failed: " + failed()
        + (failures.isEmpty() ? "" : " (" + failures.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")"));
    lines.add(String.format(Locale.ROOT, "attempts: %d (%.2f per call)", attempts,
        calls == 0 ? 0.0 : (double) attempts / calls));
    lines.add(String.format(Locale.ROOT, "latency: p50 %s, p90 %s, p99 %s, max %s",
        ms(latencyMicros.getValueAtPercentile(50)), ms(latencyMicros.getValueAtPercentile(90)),
        ms(latencyMicros.getValueAtPercentile(99)), ms(latencyMicros.getMaxValue())));
    lines.add("attempts per server: " + attemptsPerServer.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
    if (timed) {
      lines.add(String.format(Locale.ROOT, "rate: %.0f calls/s over %.1fs", calls * 1e9
          / Math.max(1, elapsedNanos), elapsedNanos / 1e9));
    }
    return lines;
  }

  private static String ms(long micros) {
    return String.format(Locale.ROOT, "%.1fms", micros / 1000.0);
  }

  /**
   * Puts a stream tracer on every call: it sees each attempt and the server it went to. One factory
   * and one tracer serve every call (the tracer keeps no state of its own), and attempts are counted
   * per address object, named only for the summary, so an attempt costs a map lookup and an add.
   */
  private final class AttemptCounter implements ClientInterceptor {
    private final ClientStreamTracer tracer = new ClientStreamTracer() {
      @Override
      public void streamCreated(Attributes transportAttrs, Metadata headers) {
        Object server = transportAttrs.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        attemptsPerAddress.computeIfAbsent(server == null ? "?" : server, a -> new LongAdder())
            .increment();
      }
    };
    private final ClientStreamTracer.Factory factory = new ClientStreamTracer.Factory() {
      @Override
      public ClientStreamTracer newClientStreamTracer(
          ClientStreamTracer.StreamInfo info, Metadata headers) {
        return tracer;
      }
    };

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
        MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
      return next.newCall(method, callOptions.withStreamTracerFactory(factory));
    }
  }
}
