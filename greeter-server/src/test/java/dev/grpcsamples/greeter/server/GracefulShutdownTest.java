package dev.grpcsamples.greeter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.ReplyRecorder;
import dev.grpcsamples.testing.RunningServer;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shutdown sequence SIGTERM triggers, run directly on a real server. */
class GracefulShutdownTest {
  @Test
  void aCallInFlightFinishesWithinTheGracePeriod() throws Exception {
    try (RunningServer running = RunningServer.start(
        List.of(new GreeterService(20, Duration.ofMillis(20))), "--grace", "30s")) {
      ReplyRecorder<HelloReply> replies = new ReplyRecorder<>();
      ReplyRecorder<HealthCheckResponse> health = new ReplyRecorder<>();
      HealthGrpc.newStub(running.channel()).watch(HealthCheckRequest.getDefaultInstance(), health);
      GreeterGrpc.newStub(running.channel())
          .lotsOfReplies(HelloRequest.newBuilder().setName("Ada").build(), replies);
      replies.awaitMessages(1);
      assertEquals(ServingStatus.SERVING, health.awaitMessages(1).get(0).getStatus());

      List<String> steps = running.shutdownGracefully();

      // Watchers were told first; the stream then ran to its end, all 20 replies, status OK.
      assertEquals(ServingStatus.NOT_SERVING, health.awaitMessages(2).get(1).getStatus());
      assertEquals(Status.Code.OK, replies.awaitClose().getCode());
      assertEquals(20, replies.messages().size());
      assertEquals(List.of(
          "test-server shutting down: health set to NOT_SERVING",
          "refusing new calls; waiting up to 30s for 1 call in flight to finish",
          "all calls finished",
          "test-server stopped after serving 1 call"), steps);
    }
  }

  @Test
  void whatIsStillRunningAfterTheGracePeriodIsCancelled() throws Exception {
    try (RunningServer running = RunningServer.start(
        List.of(new GreeterService(0, Duration.ofMillis(20))), "--grace", "200ms")) {
      ReplyRecorder<HelloReply> replies = new ReplyRecorder<>();
      GreeterGrpc.newStub(running.channel())
          .lotsOfReplies(HelloRequest.newBuilder().setName("Ada").build(), replies);
      replies.awaitMessages(1);

      List<String> steps = running.shutdownGracefully();

      assertNotEquals(Status.Code.OK, replies.awaitClose().getCode());
      assertEquals(List.of(
          "test-server shutting down: health set to NOT_SERVING",
          "refusing new calls; waiting up to 200ms for 1 call in flight to finish",
          "grace period over: cancelling the calls still running",
          "test-server stopped after serving 1 call"), steps);
    }
  }
}
