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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Sends many calls, a number at a time, and sums up what happened: how many succeeded, which codes
 * the others failed with, how many attempts went on the wire (retries and hedges included, counted
 * by a stream tracer, one stream per attempt), to which servers, and latency percentiles.
 */
public final class LoadTest {
  private final Histogram latencyMicros = new Histogram(3_600_000_000L, 3);
  private final Map<Status.Code, Integer> failures = new EnumMap<>(Status.Code.class);
  private final Map<String, Integer> attemptsPerServer = new TreeMap<>();
  private int succeeded;
  private int attempts;

  private LoadTest() {}

  /**
   * Runs {@code calls} calls, at most {@code concurrency} at a time; {@code call} starts one on the
   * channel it is given and returns its future.
   */
  public static LoadTest run(Channel channel, int calls, int concurrency,
      Function<Channel, ListenableFuture<?>> call) throws InterruptedException {
    if (calls < 1 || concurrency < 1) {
      throw new Cli.UsageError("--calls and --concurrency must be at least 1");
    }
    LoadTest test = new LoadTest();
    Channel counted = ClientInterceptors.intercept(channel, test.new AttemptCounter());
    Semaphore inFlight = new Semaphore(concurrency);
    for (int i = 0; i < calls; i++) {
      inFlight.acquire();
      long start = System.nanoTime();
      Futures.addCallback(call.apply(counted), new FutureCallback<Object>() {
        @Override
        public void onSuccess(Object result) {
          test.record(start, Status.Code.OK);
          inFlight.release();
        }

        @Override
        public void onFailure(Throwable t) {
          test.record(start, Status.fromThrowable(t).getCode());
          inFlight.release();
        }
      }, MoreExecutors.directExecutor());
    }
    inFlight.acquire(concurrency); // every call has finished
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

  private synchronized void attempt(String server) {
    attempts++;
    attemptsPerServer.merge(server, 1, Integer::sum);
  }

  public synchronized int failed() {
    return failures.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The summary, a few lines. */
  public synchronized List<String> summary() {
    int calls = succeeded + failed();
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
    return lines;
  }

  private static String ms(long micros) {
    return String.format(Locale.ROOT, "%.1fms", micros / 1000.0);
  }

  /** Puts a stream tracer on every call: it sees each attempt and the server it went to. */
  private final class AttemptCounter implements ClientInterceptor {
    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
        MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
      return next.newCall(method, callOptions.withStreamTracerFactory(
          new ClientStreamTracer.Factory() {
            @Override
            public ClientStreamTracer newClientStreamTracer(
                ClientStreamTracer.StreamInfo info, Metadata headers) {
              return new ClientStreamTracer() {
                @Override
                public void streamCreated(Attributes transportAttrs, Metadata headers) {
                  Object server = transportAttrs.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
                  attempt(server == null ? "?" : server.toString().replaceFirst("^[^/]*/", ""));
                }
              };
            }
          }));
    }
  }
}
