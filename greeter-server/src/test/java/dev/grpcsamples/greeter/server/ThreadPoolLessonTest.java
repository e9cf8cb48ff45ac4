package dev.grpcsamples.greeter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.ReplyRecorder;
import dev.grpcsamples.testing.RunningServer;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Python tutorial's thread-pool lesson, on the real server bootstrap: with {@code --threads 2},
 * two endless server streams hold both workers, and a third stream gets nothing until one of the first
 * two is cancelled.
 */
class ThreadPoolLessonTest {
  @Test
  void aThirdStreamWaitsForAFreeWorkerAndStartsWhenOneIsCancelled() throws Exception {
    try (RunningServer running = RunningServer.start(
        List.of(new GreeterService(0, Duration.ofMillis(10))), "--threads", "2")) {
      Context.CancellableContext first = Context.current().withCancellation();
      ReplyRecorder<HelloReply> one = stream(running.channel(), first, "one");
      ReplyRecorder<HelloReply> two = stream(running.channel(), Context.current(), "two");
      one.awaitMessages(1);
      two.awaitMessages(1); // both workers are now busy streaming

      ReplyRecorder<HelloReply> three = stream(running.channel(), Context.current(), "three");
      // While the first two stream 20 more replies each, the third gets nothing.
      one.awaitMessages(one.messages().size() + 20);
      two.awaitMessages(two.messages().size() + 20);
      assertEquals(0, three.messages().size(), "the third stream should wait for a worker");

      // Health checks do not queue behind the busy workers: probes still get an answer.
      assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(running.channel())
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus());

      first.cancel(null); // the server sees the cancel at once and frees a worker...
      // ...and the third stream starts.
      assertEquals("Hello, three! (reply 1)", three.awaitMessages(1).get(0).getMessage());
    }
  }

  private static ReplyRecorder<HelloReply> stream(Channel channel, Context context, String name) {
    ReplyRecorder<HelloReply> replies = new ReplyRecorder<>();
    context.run(() -> GreeterGrpc.newStub(channel)
        .lotsOfReplies(HelloRequest.newBuilder().setName(name).build(), replies));
    return replies;
  }
}
