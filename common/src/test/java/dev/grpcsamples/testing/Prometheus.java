package dev.grpcsamples.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;

/** Reads a /metrics page the way Prometheus does: one HTTP GET, then one sample per line. */
public final class Prometheus {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private Prometheus() {}

  /** A port that was free a moment ago, for servers whose port must be given up front. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The page at {@code http://localhost:PORT/metrics}. */
  public static String scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET /metrics: HTTP " + response.statusCode());
    }
    return response.body();
  }

  /**
   * The value of the sample {@code name} whose labels include all of {@code labels}, e.g.
   * {@code value(page, "grpc_server_call_started_total", Map.of("grpc_method", "..."))}.
   */
  public static OptionalDouble value(String page, String name, Map<String, String> labels) {
    for (String line : page.split("\n")) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
        continue;
      }
      String labelText = line.contains("{") ? line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1) : "";
      boolean all = labels.entrySet().stream()
          .allMatch(l -> labelText.contains(l.getKey() + "=\"" + l.getValue() + "\""));
      if (all) {
        String value = line.substring(line.lastIndexOf('}') + 1).trim().split(" ")[0];
        return OptionalDouble.of(Double.parseDouble(value));
      }
    }
    return OptionalDouble.empty();
  }

  /**
   * Scrapes until the sample satisfies {@code done} (metrics are recorded as a call closes, which
   * may be just after its client has the answer), at most 20 s; returns the last page.
   */
  public static String awaitValue(int port, String name, Map<String, String> labels,
      DoublePredicate done) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String page = scrape(port);
    while (!value(page, name, labels).stream().anyMatch(done)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + labels + " never reached the expected value:\n" + page);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000); // poll, do not spin
      page = scrape(port);
    }
    return page;
  }
}
