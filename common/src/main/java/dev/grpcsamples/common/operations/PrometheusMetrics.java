package dev.grpcsamples.common.operations;

import io.grpc.ManagedChannelBuilder;
import io.grpc.ServerBuilder;
import io.grpc.opentelemetry.GrpcOpenTelemetry;
import io.opentelemetry.exporter.prometheus.PrometheusHttpServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import java.io.UncheckedIOException;

/**
 * {@code --metrics-port PORT}, on both servers and on {@code greeter-client load}: gRPC's standard
 * metrics at {@code http://HOST:PORT/metrics}, in the Prometheus text format.
 *
 * <p>Nothing here measures a call. grpc-java does, through grpc-opentelemetry: the metrics every gRPC
 * implementation names the same way (gRFC A66), so one dashboard reads servers in any language:
 * <ul>
 *   <li>server: {@code grpc.server.call.started}, {@code grpc.server.call.duration} and the message
 *       sizes per call ({@code grpc.server.call.rcvd_total_compressed_message_size}, {@code ...sent...});
 *   <li>client: {@code grpc.client.attempt.started}, {@code grpc.client.attempt.duration},
 *       {@code grpc.client.call.duration} and the sizes per attempt. A retried call is one call and
 *       several attempts, so the two tell apart "slow for the user" from "slow on the wire".
 * </ul>
 * Each carries the method ({@code grpc.method}) and, once finished, the status code
 * ({@code grpc.status}). OpenTelemetry's Prometheus exporter turns the dots into underscores and adds
 * the unit: {@code grpc_server_call_duration_seconds}.
 *
 * <p>This class is the wiring: a meter provider whose only reader is the exporter's HTTP server, and
 * grpc-opentelemetry installed on the server or channel builder. Prometheus pulls: the numbers are
 * computed when it scrapes, not on every call.
 */
public final class PrometheusMetrics implements AutoCloseable {
  private final SdkMeterProvider meters;
  private final GrpcOpenTelemetry grpcMetrics;
  private final int port;

  private PrometheusMetrics(SdkMeterProvider meters, GrpcOpenTelemetry grpcMetrics, int port) {
    this.meters = meters;
    this.grpcMetrics = grpcMetrics;
    this.port = port;
  }

  /**
   * Starts the HTTP endpoint on {@code port}, on every interface (as the gRPC port is): Prometheus
   * scrapes from another machine or pod, so localhost alone would be useless in production. The
   * page shows call counts and latencies, no payloads; firewall the port as you would the gRPC one.
   *
   * @throws IllegalStateException if the port cannot be bound; the message says why in one line
   */
  public static PrometheusMetrics serve(int port) {
    PrometheusHttpServer http;
    try {
      http = PrometheusHttpServer.builder().setHost("0.0.0.0").setPort(port).build();
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("cannot serve metrics on port " + port + ": "
          + (e.getCause() instanceof java.net.BindException
              ? "address already in use (pick another --metrics-port)" : e.getMessage()), e);
    }
    SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(http).build();
    GrpcOpenTelemetry grpcMetrics = GrpcOpenTelemetry.newBuilder()
        .sdk(OpenTelemetrySdk.builder().setMeterProvider(meters).build())
        .build();
    return new PrometheusMetrics(meters, grpcMetrics, port);
  }

  /** Records every call and attempt made on this channel; call before {@code build()}. */
  public void recordCalls(ManagedChannelBuilder<?> channel) {
    grpcMetrics.configureChannelBuilder(channel);
  }

  /**
   * Records every call this server serves; call before {@code build()}. grpc-java adds a stream
   * tracer of its own for it: no interceptor.
   */
  public void recordCalls(ServerBuilder<?> server) {
    grpcMetrics.configureServerBuilder(server);
  }

  /** Where to scrape, for the log. */
  public String url() {
    return "http://localhost:" + port + "/metrics";
  }

  /** Stops the HTTP endpoint. */
  @Override
  public void close() {
    meters.close();
  }
}
