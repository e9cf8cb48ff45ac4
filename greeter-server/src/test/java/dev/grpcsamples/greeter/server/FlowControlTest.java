package dev.grpcsamples.greeter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.InProcessGrpc;
import dev.grpcsamples.testing.LogRecorder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LotsOfReplies honours flow control: with a client that asked for one reply and reads no more, the
 * server stops sending (instead of buffering replies without limit) until the client reads again
 * or goes away. If the server ignored isReady(), it would never wait, and this test would fail.
 */
class FlowControlTest {
  private static final Pattern WAITS = Pattern.compile("waits after (\\d+) replies");

  /** As fast as it can, for ever: --replies 0 --reply-interval 0ms. */
  @RegisterExtension
  final InProcessGrpc grpc = InProcessGrpc.serving(() -> new GreeterService(0, Duration.ZERO));

  @RegisterExtension
  final LogRecorder log = LogRecorder.of(GreeterService.class);

  @Test
  void theServerWaitsForAClientThatStopsReading() throws Exception {
    AtomicInteger received = new AtomicInteger();
    AtomicReference<ClientCallStreamObserver<HelloRequest>> call = new AtomicReference<>();
    CountDownLatch ended = new CountDownLatch(1);
    GreeterGrpc.newStub(grpc.channel()).lotsOfReplies(
        HelloRequest.newBuilder().setName("Ada").build(),
        new ClientResponseObserver<HelloRequest, HelloReply>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<HelloRequest> requestStream) {
            call.set(requestStream);
            // Manual flow control: one reply, then no request(n) ever again.
            requestStream.disableAutoRequestWithInitial(1);
          }

          @Override
          public void onNext(HelloReply reply) {
            received.incrementAndGet();
          }

          @Override
          public void onError(Throwable t) {
            ended.countDown();
          }

          @Override
          public void onCompleted() {
            ended.countDown();
          }
        });

    Matcher waits = WAITS.matcher(log.await("waits after", Duration.ofSeconds(10)));
    assertTrue(waits.find());
    assertTrue(Integer.parseInt(waits.group(1)) <= 2,
        "sent " + waits.group(1) + " replies to a client that asked for one");

    call.get().request(2); // reading again: the stream goes on
    call.get().cancel("done reading", null);
    assertTrue(ended.await(10, TimeUnit.SECONDS));
    assertTrue(log.await("stopped after", Duration.ofSeconds(10)).contains("cancelled by the client"));
    assertTrue(received.get() >= 1);
    assertEquals(0, ended.getCount());
  }
}
