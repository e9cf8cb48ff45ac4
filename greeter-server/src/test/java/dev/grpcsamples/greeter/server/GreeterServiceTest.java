package dev.grpcsamples.greeter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.InProcessGrpc;
import dev.grpcsamples.testing.LogRecorder;
import dev.grpcsamples.testing.ReplyRecorder;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every Greeter call kind through the whole gRPC stack, over the in-process transport. */
class GreeterServiceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @RegisterExtension
  final InProcessGrpc grpc = InProcessGrpc.serving(() -> new GreeterService(3, Duration.ZERO));

  /** A Greeter whose LotsOfReplies never ends by itself: only a cancel or a deadline stops it. */
  @RegisterExtension
  final InProcessGrpc endless =
      InProcessGrpc.serving(() -> new GreeterService(0, Duration.ofMillis(20)));

  @RegisterExtension
  final LogRecorder log = LogRecorder.of(GreeterService.class);

  @Test
  void sayHelloGreetsByName() {
    HelloReply reply = GreeterGrpc.newBlockingStub(grpc.channel()).sayHello(request("Ada"));
    assertEquals("Hello, Ada!", reply.getMessage());
  }

  @Test
  void sayHelloAgainGreetsAgain() {
    HelloReply reply = GreeterGrpc.newBlockingStub(grpc.channel()).sayHelloAgain(request("Ada"));
    assertEquals("Hello again, Ada!", reply.getMessage());
  }

  @Test
  void anEmptyNameIsInvalidArgument() {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> GreeterGrpc.newBlockingStub(grpc.channel()).sayHello(request("")));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("name must not be empty", e.getStatus().getDescription());
  }

  @Test
  void lotsOfRepliesEndsTheStreamItselfAfterN() {
    Iterator<HelloReply> replies =
        GreeterGrpc.newBlockingStub(grpc.channel()).lotsOfReplies(request("Ada"));
    List<String> messages = new ArrayList<>();
    replies.forEachRemaining(r -> messages.add(r.getMessage()));
    assertEquals(List.of("Hello, Ada! (reply 1 of 3)", "Hello, Ada! (reply 2 of 3)",
        "Hello, Ada! (reply 3 of 3)"), messages);
  }

  @Test
  void lotsOfRepliesRunsItsOnCompleteCallbackWhenTheStreamEndsNormally() throws Exception {
    GreeterGrpc.newBlockingStub(grpc.channel()).lotsOfReplies(request("Ada"))
        .forEachRemaining(r -> { });
    assertEquals("LotsOfReplies(Ada) completed after 3 replies",
        log.await("LotsOfReplies(Ada) completed", TIMEOUT));
  }

  @Test
  void lotsOfGreetingsAnswersOnceWithEveryName() throws Exception {
    ReplyRecorder<HelloReply> reply = new ReplyRecorder<>();
    StreamObserver<HelloRequest> requests =
        GreeterGrpc.newStub(grpc.channel()).lotsOfGreetings(reply);
    requests.onNext(request("Ada"));
    requests.onNext(request("Grace"));
    requests.onNext(request("Alan"));
    requests.onCompleted();

    assertEquals(Status.Code.OK, reply.awaitClose().getCode());
    assertEquals(List.of("Hello to all 3 names: Ada, Grace, Alan!"),
        reply.messages(HelloReply::getMessage));
  }

  @Test
  void lotsOfGreetingsAnswersEarlyOnGoodbyeBeforeTheClientIsDone() throws Exception {
    ReplyRecorder<HelloReply> reply = new ReplyRecorder<>();
    StreamObserver<HelloRequest> requests =
        GreeterGrpc.newStub(grpc.channel()).lotsOfGreetings(reply);
    requests.onNext(request("Ada"));
    requests.onNext(request(GreeterService.GOODBYE));

    // The client has not half-closed, yet the answer arrives and the call ends OK.
    assertEquals(Status.Code.OK, reply.awaitClose().getCode());
    assertEquals(List.of("后会有期! Goodbye after 1 name: Ada"),
        reply.messages(HelloReply::getMessage));
  }

  @Test
  void lotsOfGreetingsIgnoresNamesAfterGoodbye() throws Exception {
    ReplyRecorder<HelloReply> reply = new ReplyRecorder<>();
    StreamObserver<HelloRequest> requests =
        GreeterGrpc.newStub(grpc.channel()).lotsOfGreetings(reply);
    requests.onNext(request("Ada"));
    requests.onNext(request(GreeterService.GOODBYE));
    requests.onNext(request("Grace"));
    requests.onCompleted();

    reply.awaitClose();
    assertEquals(List.of("后会有期! Goodbye after 1 name: Ada"),
        reply.messages(HelloReply::getMessage));
  }

  @Test
  void bidiHelloRepliesToEachNameAsItArrives() throws Exception {
    ReplyRecorder<HelloReply> replies = new ReplyRecorder<>();
    StreamObserver<HelloRequest> requests = GreeterGrpc.newStub(grpc.channel()).bidiHello(replies);

    // Each reply arrives before the next name is even sent, and before the client is done.
    requests.onNext(request("Ada"));
    assertEquals("Hello, Ada!", replies.awaitMessages(1).get(0).getMessage());
    requests.onNext(request("Grace"));
    assertEquals("Hello, Grace!", replies.awaitMessages(2).get(1).getMessage());
    requests.onCompleted();

    assertEquals(Status.Code.OK, replies.awaitClose().getCode());
    assertEquals(2, replies.messages().size());
  }

  @Test
  void lotsOfRepliesStopsAsSoonAsTheClientCancels() throws Exception {
    ReplyRecorder<HelloReply> replies = new ReplyRecorder<>();
    // Cancelling the Context a call was started in cancels the call.
    Context.CancellableContext callContext = Context.current().withCancellation();
    callContext.run(() ->
        GreeterGrpc.newStub(endless.channel()).lotsOfReplies(request("Ada"), replies));
    replies.awaitMessages(2);
    callContext.cancel(null);

    assertEquals(Status.Code.CANCELLED, replies.awaitClose().getCode());
    // The server's on-cancel callback ran: its loop saw the cancellation and returned.
    String stopped = log.await("LotsOfReplies(Ada) stopped after", TIMEOUT);
    assertTrue(stopped.endsWith("cancelled by the client"), stopped);
  }

  @Test
  void lotsOfRepliesStopsWhenTheDeadlinePasses() throws Exception {
    Iterator<HelloReply> replies = GreeterGrpc.newBlockingStub(endless.channel())
        .withDeadlineAfter(300, TimeUnit.MILLISECONDS)
        .lotsOfReplies(request("Ada"));
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> replies.forEachRemaining(r -> { }));
    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
    log.await("LotsOfReplies(Ada) stopped after", TIMEOUT);
  }

  private static HelloRequest request(String name) {
    return HelloRequest.newBuilder().setName(name).build();
  }
}
