package dev.grpcsamples.greeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.Prometheus;
import dev.grpcsamples.testing.RunningServer;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code load --metrics-port}: the client's own view, read while the load runs. The server holds
 * the eighth call until the test has read the page, so the page is read after exactly seven.
 */
class LoadMetricsTest {
  /** SayHello that answers at once, except the eighth call, which waits for {@code release}. */
  static final class HoldsTheEighthCall extends GreeterGrpc.GreeterImplBase {
    final AtomicInteger calls = new AtomicInteger();
    final CountDownLatch eighthArrived = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void sayHello(HelloRequest request, StreamObserver<HelloReply> replies) {
      if (calls.incrementAndGet() == 8) {
        eighthArrived.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      replies.onNext(HelloReply.newBuilder().setMessage("Hello, " + request.getName()).build());
      replies.onCompleted();
    }
  }

  @Test
  void theClientsMetricsCountSevenFinishedCalls() throws Exception {
    HoldsTheEighthCall service = new HoldsTheEighthCall();
    int metricsPort = Prometheus.freePort();
    try (RunningServer server = RunningServer.start(List.of(service))) {
      CompletableFuture<CommandResult> load = CompletableFuture.supplyAsync(
          () -> GreeterCli.against(server, "load", "--calls", "8", "--concurrency", "1",
              "--warmup", "0", "--metrics-port", "" + metricsPort));
      try {
        assertTrue(service.eighthArrived.await(30, TimeUnit.SECONDS), "the eighth call arrived");
        Map<String, String> sayHelloOk =
            Map.of("grpc_method", "helloworld.Greeter/SayHello", "grpc_status", "OK");
        String page = Prometheus.awaitValue(metricsPort,
            "grpc_client_call_duration_seconds_count", sayHelloOk, v -> v >= 7);
        assertEquals(7, Prometheus.value(page, "grpc_client_call_duration_seconds_count",
            sayHelloOk).getAsDouble(), page);
        // Eight attempts started (no retry here: one per call), the eighth still on the wire.
        assertEquals(8, Prometheus.value(page, "grpc_client_attempt_started_total",
            Map.of("grpc_method", "helloworld.Greeter/SayHello")).getAsDouble(), page);
        assertTrue(page.contains("grpc_target=\"dns:///localhost:" + server.server().port() + "\""), page);
      } finally {
        service.release.countDown();
      }
      CommandResult result = load.get(30, TimeUnit.SECONDS);
      assertEquals(0, result.exitCode(), result.toString());
      assertTrue(result.stderr().contains(
          "metrics (Prometheus text format) at http://localhost:" + metricsPort + "/metrics"),
          result.toString());
    }
  }
}
