package dev.grpcsamples.greeter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.Prometheus;
import dev.grpcsamples.testing.RunningServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --metrics-port}: after a known number of calls, the Prometheus page says exactly that. */
class MetricsTest {
  private static final Map<String, String> SAY_HELLO_OK =
      Map.of("grpc_method", "helloworld.Greeter/SayHello", "grpc_status", "OK");

  private static RunningServer server(String... flags) {
    GreeterServer command = GreeterServer.parse(flags);
    return RunningServer.start(command.serverOptions(), List.of(command.greeter(null)));
  }

  @Test
  void sevenCallsAreSevenInTheServersMetrics() throws Exception {
    int metricsPort = Prometheus.freePort();
    try (RunningServer running = server("--port", "0", "--metrics-port", "" + metricsPort)) {
      GreeterGrpc.GreeterBlockingStub greeter = GreeterGrpc.newBlockingStub(running.channel());
      for (int i = 0; i < 7; i++) {
        greeter.sayHello(HelloRequest.newBuilder().setName("Ada").build());
      }

      String page = Prometheus.awaitValue(metricsPort, "grpc_server_call_duration_seconds_count",
          SAY_HELLO_OK, v -> v >= 7);
      assertEquals(7, Prometheus.value(page, "grpc_server_call_duration_seconds_count",
          SAY_HELLO_OK).getAsDouble(), page);
      assertEquals(7, Prometheus.value(page, "grpc_server_call_started_total",
          Map.of("grpc_method", "helloworld.Greeter/SayHello")).getAsDouble(), page);
      // One request in each call: "Ada" is 5 bytes on the wire, so 7 calls received 35 bytes.
      assertEquals(7, Prometheus.value(page,
          "grpc_server_call_rcvd_total_compressed_message_size_bytes_count", SAY_HELLO_OK)
          .getAsDouble(), page);
      assertEquals(35, Prometheus.value(page,
          "grpc_server_call_rcvd_total_compressed_message_size_bytes_sum", SAY_HELLO_OK)
          .getAsDouble(), page);
      // A histogram's buckets are cumulative: the +Inf bucket holds every call.
      assertEquals(7, Prometheus.value(page, "grpc_server_call_duration_seconds_bucket",
          Map.of("grpc_method", "helloworld.Greeter/SayHello", "le", "+Inf")).getAsDouble(), page);
      assertTrue(page.contains("# TYPE grpc_server_call_duration_seconds histogram"), page);
    }
  }

  @Test
  void theEndpointStopsWithTheServer() throws Exception {
    int metricsPort = Prometheus.freePort();
    try (RunningServer running = server("--port", "0", "--metrics-port", "" + metricsPort)) {
      Prometheus.scrape(metricsPort);
      running.shutdownGracefully();
    }
    assertThrows(IOException.class, () -> Prometheus.scrape(metricsPort));
  }
}
