package dev.grpcsamples.greeter.client;

import com.google.protobuf.ByteString;
import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client side of each Greeter call, printing every reply as it arrives.
 *
 * <p>Unary calls use the blocking stub: the simplest code for one request and one reply. The streams
 * use the async stub, whose {@link StreamObserver}s let us send while replies arrive, and cancel.
 *
 * <p>It takes a {@link Channel}, not a {@code ManagedChannel}: closing the channel is not this class's
 * job, and a test can hand it an in-process channel.
 */
public final class GreeterCalls {
  private final Channel channel;
  private final Consumer<HelloReply> print;
  private final ByteString payload;

  /**
   * @param print prints one reply (as text, or as JSON)
   */
  public GreeterCalls(Channel channel, Consumer<HelloReply> print) {
    this(channel, print, ByteString.EMPTY);
  }

  private GreeterCalls(Channel channel, Consumer<HelloReply> print, ByteString payload) {
    this.channel = channel;
    this.print = print;
    this.payload = payload;
  }

  /** The same calls, with {@code size} bytes of payload in every unary request. */
  public GreeterCalls withPayload(int size) {
    return new GreeterCalls(channel, print, ByteString.copyFrom(new byte[size]));
  }

  /** The same calls, each sending one more request header. */
  public GreeterCalls withHeader(Metadata.Key<String> key, String value) {
    Metadata header = new Metadata();
    header.put(key, value);
    return new GreeterCalls(ClientInterceptors.intercept(channel,
        MetadataUtils.newAttachHeadersInterceptor(header)), print, payload);
  }

  /** SayHello: prints the one reply. Failures arrive as a thrown StatusRuntimeException. */
  public void sayHello(String name) {
    HelloReply reply = GreeterGrpc.newBlockingStub(channel)
        .sayHello(request(name).toBuilder().setPayload(payload).build());
    print.accept(reply);
  }

  public void sayHelloAgain(String name) {
    HelloReply reply = GreeterGrpc.newBlockingStub(channel)
        .sayHelloAgain(request(name).toBuilder().setPayload(payload).build());
    print.accept(reply);
  }

  /**
   * LotsOfReplies: prints replies until the server ends the stream, or cancels the call after
   * {@code cancelAfter} replies (0: never).
   *
   * @return how many replies arrived
   */
  public int lotsOfReplies(String name, int cancelAfter) {
    return lotsOfReplies(name, cancelAfter, java.time.Duration.ZERO);
  }

  /**
   * As above, reading slowly: each reply takes {@code readDelay} to handle, and the next is asked
   * for only then (manual flow control), so the server waits instead of piling replies up.
   */
  public int lotsOfReplies(String name, int cancelAfter, java.time.Duration readDelay) {
    ReplyStream replies = new ReplyStream(print, cancelAfter, readDelay);
    GreeterGrpc.newStub(channel).lotsOfReplies(request(name), replies);
    return replies.await();
  }

  /**
   * LotsOfGreetings: sends every name, then says it is done, and prints the single reply. If the
   * server answers early (it does on "后会有期"), the names not yet sent are not sent.
   */
  public void lotsOfGreetings(List<String> names) {
    ReplyStream reply = ReplyStream.single(print);
    StreamObserver<HelloRequest> requests =
        GreeterGrpc.newStub(channel).lotsOfGreetings(reply);
    sendAll(names, requests, reply);
    reply.await();
  }

  /** BidiHello: sends every name and prints each reply as it arrives. */
  public void bidiHello(List<String> names) {
    ReplyStream replies = new ReplyStream(print, 0);
    StreamObserver<HelloRequest> requests =
        GreeterGrpc.newStub(channel).bidiHello(replies);
    sendAll(names, requests, replies);
    replies.await();
  }

  private static void sendAll(List<String> names, StreamObserver<HelloRequest> requests,
      ReplyStream replies) {
    for (String name : names) {
      if (replies.isDone()) {
        return; // the server has already answered (or failed): nothing more to say
      }
      requests.onNext(request(name));
    }
    requests.onCompleted();
  }

  private static HelloRequest request(String name) {
    return HelloRequest.newBuilder().setName(name).build();
  }
}
