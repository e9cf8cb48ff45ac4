package dev.grpcsamples.greeter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.InProcessGrpc;
import dev.grpcsamples.testing.LogRecorder;
import dev.grpcsamples.testing.RunningServer;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deadlines on the server side: time remaining, a slow server, stopping work, propagation. */
class DeadlinesTest {
  private static final HelloRequest ADA = HelloRequest.newBuilder().setName("Ada").build();

  /** A server that takes 10 seconds to answer SayHello and SayHelloAgain. */
  @RegisterExtension
  final InProcessGrpc slow = InProcessGrpc.serving(
      () -> new GreeterService(3, Duration.ZERO, Duration.ofSeconds(10), null));

  @RegisterExtension
  final LogRecorder log = LogRecorder.of(GreeterService.class);

  @Test
  void aSlowServerGivesDeadlineExceededAndStopsWorking() throws Exception {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> GreeterGrpc.newBlockingStub(slow.channel())
            .withDeadlineAfter(200, TimeUnit.MILLISECONDS).sayHello(ADA));
    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
    // Long before its 10 seconds are up, the method saw the deadline pass and returned.
    assertEquals("SayHello(Ada) stopped before answering: the deadline passed",
        log.await("SayHello(Ada) stopped", Duration.ofSeconds(5)));
  }

  @Test
  void aCancelledCallStopsTheWorkToo() throws Exception {
    Context.CancellableContext context = Context.current().withCancellation();
    context.run(() -> GreeterGrpc.newStub(slow.channel()).sayHello(ADA, new StreamObserver<>() {
      @Override
      public void onNext(HelloReply value) {}

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    }));
    log.await("SayHello(Ada) working for 10000ms", Duration.ofSeconds(5));

    context.cancel(null);

    assertEquals("SayHello(Ada) stopped before answering: cancelled by the client",
        log.await("SayHello(Ada) stopped", Duration.ofSeconds(5)));
  }

  @Test
  void theServerReportsTheTimeRemainingItSees() throws Exception {
    GreeterServer echoing = GreeterServer.parse("--port", "0", "--echo-metadata");
    try (RunningServer running =
        RunningServer.start(echoing.serverOptions(), List.of(echoing.greeter(null)))) {
      AtomicReference<Metadata> headers = new AtomicReference<>();
      GreeterGrpc.newBlockingStub(running.channel())
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers,
              new AtomicReference<>()))
          .sayHello(ADA);
      String remaining = headers.get().get(
          Metadata.Key.of("deadline-remaining", Metadata.ASCII_STRING_MARSHALLER));
      assertNotNull(remaining);
      long ms = Long.parseLong(remaining.replace("ms", ""));
      assertTrue(ms > 0 && ms <= 5000, remaining);
    }
  }

  @Test
  void aFanOutCallCarriesTheRemainingDeadline() throws Exception {
    BlockingQueue<Deadline> seenUpstream = new ArrayBlockingQueue<>(1);
    GreeterGrpc.GreeterImplBase upstream = new GreeterGrpc.GreeterImplBase() {
      @Override
      public void sayHello(HelloRequest request, StreamObserver<HelloReply> reply) {
        seenUpstream.add(Context.current().getDeadline());
        reply.onNext(HelloReply.newBuilder().setMessage("Hello, " + request.getName() + "!").build());
        reply.onCompleted();
      }
    };
    try (RunningServer up = RunningServer.start(List.of(upstream));
         RunningServer front = RunningServer.start(List.of(
             new GreeterService(3, Duration.ZERO, Duration.ZERO, up.channel())))) {
      HelloReply reply = GreeterGrpc.newBlockingStub(front.channel())
          .withDeadlineAfter(3, TimeUnit.SECONDS).sayHelloAgain(ADA);

      assertEquals("Hello again, Ada! (upstream said: Hello, Ada!)", reply.getMessage());
      // The front server set no deadline of its own, yet upstream saw what was left of the client's.
      Deadline deadline = seenUpstream.poll(5, TimeUnit.SECONDS);
      assertNotNull(deadline, "the upstream call should carry a deadline");
      long left = deadline.timeRemaining(TimeUnit.MILLISECONDS);
      assertTrue(left > 0 && left <= 3000, left + "ms");
    }
  }

  @Test
  void anUpstreamFailureReachesTheClientAsItsOwnStatusNotAsABug() throws Exception {
    GreeterGrpc.GreeterImplBase upstream = new GreeterGrpc.GreeterImplBase() {
      @Override
      public void sayHello(HelloRequest request, StreamObserver<HelloReply> reply) {
        reply.onError(Status.NOT_FOUND.withDescription("no one called " + request.getName())
            .asRuntimeException());
      }
    };
    try (RunningServer up = RunningServer.start(List.of(upstream));
         RunningServer front = RunningServer.start(List.of(
             new GreeterService(3, Duration.ZERO, Duration.ZERO, up.channel())))) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> GreeterGrpc.newBlockingStub(front.channel())
              .withDeadlineAfter(5, TimeUnit.SECONDS).sayHelloAgain(ADA));
      assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
      assertEquals("no one called Ada", e.getStatus().getDescription());
    }
  }
}
