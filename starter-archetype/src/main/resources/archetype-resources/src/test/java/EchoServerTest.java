package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link EchoServer} adds around the service: health checking and the graceful stop. */
class EchoServerTest {
  private EchoServer server;
  private ManagedChannel channel;

  @BeforeEach
  void startServer() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = new EchoServer(InProcessServerBuilder.forName(name));
    server.start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.stop(Duration.ZERO);
  }

  @Test
  void servesEchoAndReportsItHealthy() {
    assertEquals("hello", new EchoClient(channel).echo("hello"));
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
    assertEquals(ServingStatus.SERVING, health.check(forService("")).getStatus());
    assertEquals(ServingStatus.SERVING, health.check(forService(EchoGrpc.SERVICE_NAME)).getStatus());
  }

  @Test
  void stopTellsHealthWatchersNotServingBeforeItWaitsForCalls() throws Exception {
    // Watch is a server stream of status changes: what a load balancer listens to.
    BlockingQueue<ServingStatus> statuses = new LinkedBlockingQueue<>();
    CompletableFuture<ClientCallStreamObserver<HealthCheckRequest>> watch = new CompletableFuture<>();
    HealthGrpc.newStub(channel).watch(forService(EchoGrpc.SERVICE_NAME),
        new ClientResponseObserver<HealthCheckRequest, HealthCheckResponse>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> call) {
            watch.complete(call);
          }

          @Override
          public void onNext(HealthCheckResponse response) {
            statuses.add(response.getStatus());
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        });
    assertEquals(ServingStatus.SERVING, statuses.poll(5, TimeUnit.SECONDS));

    // The open watch is a call in flight, so stop() now waits for it, up to the grace period.
    CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
      try {
        server.stop(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertEquals(ServingStatus.NOT_SERVING, statuses.poll(5, TimeUnit.SECONDS));

    // The watcher has heard, and hangs up: with no call left, the server stops well within its grace.
    watch.get().cancel("stopped watching", null);
    stopped.get(10, TimeUnit.SECONDS);
  }

  private static HealthCheckRequest forService(String service) {
    return HealthCheckRequest.newBuilder().setService(service).build();
  }
}
