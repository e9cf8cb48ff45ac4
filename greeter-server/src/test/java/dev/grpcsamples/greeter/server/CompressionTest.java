package dev.grpcsamples.greeter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.common.client.Compression;
import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.RunningServer;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientStreamTracer;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Compression measured on the wire: a stream tracer on the client counts each message's bytes as sent
 * or received on the connection and as the application sees them.
 */
class CompressionTest {
  /** A name that compresses very well, so the reply containing it does too. */
  private static final HelloRequest LONG_NAME =
      HelloRequest.newBuilder().setName("Ada".repeat(5_000)).build();

  @Test
  void serverCompressionShrinksTheBytesOnTheWire() throws Exception {
    try (RunningServer gzip = RunningServer.start(
        List.of(new GreeterService(3, Duration.ZERO)), "--compression", "gzip")) {
      WireSizes sizes = new WireSizes();
      stub(gzip, sizes).sayHello(LONG_NAME);
      Message reply = sizes.inbound.get(0);
      assertTrue(reply.wire * 10 < reply.uncompressed,
          "a 15 kB reply of repeated text should shrink more than tenfold: " + reply);
    }
  }

  @Test
  void withoutCompressionTheWireCarriesEveryByte() throws Exception {
    try (RunningServer plain = RunningServer.start(List.of(new GreeterService(3, Duration.ZERO)))) {
      WireSizes sizes = new WireSizes();
      stub(plain, sizes).sayHello(LONG_NAME);
      Message reply = sizes.inbound.get(0);
      assertEquals(reply.uncompressed, reply.wire, reply.toString());
    }
  }

  @Test
  void clientCompressionShrinksTheRequest() throws Exception {
    try (RunningServer plain = RunningServer.start(List.of(new GreeterService(3, Duration.ZERO)))) {
      WireSizes sizes = new WireSizes();
      stub(plain, sizes).withCompression("gzip").sayHello(LONG_NAME);
      Message request = sizes.outbound.get(0);
      assertTrue(request.wire * 10 < request.uncompressed, request.toString());
    }
  }

  @Test
  void theFirstStreamedReplyGoesOutUncompressed() throws Exception {
    try (RunningServer gzip = RunningServer.start(
        List.of(new GreeterService(3, Duration.ZERO)), "--compression", "gzip")) {
      WireSizes sizes = new WireSizes();
      Iterator<HelloReply> replies = stub(gzip, sizes).lotsOfReplies(LONG_NAME);
      replies.forEachRemaining(r -> { });
      assertEquals(3, sizes.inbound.size());
      Message first = sizes.inbound.get(0);
      assertEquals(first.uncompressed, first.wire, "setMessageCompression(false): " + first);
      for (Message later : sizes.inbound.subList(1, 3)) {
        assertTrue(later.wire * 10 < later.uncompressed, "compressed again: " + later);
      }
    }
  }

  private static GreeterGrpc.GreeterBlockingStub stub(RunningServer server, WireSizes sizes) {
    return GreeterGrpc.newBlockingStub(server.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .withInterceptors(sizes);
  }

  /** One message's size on the wire and as the application sees it. */
  static final class Message {
    final long wire;
    long uncompressed;

    Message(long wire, long uncompressed) {
      this.wire = wire;
      this.uncompressed = uncompressed;
    }

    @Override
    public String toString() {
      return wire + " bytes on the wire, " + uncompressed + " uncompressed";
    }
  }

  /** Records the size of every message of the calls it intercepts, in order. */
  static final class WireSizes implements ClientInterceptor {
    final List<Message> inbound = new ArrayList<>();
    final List<Message> outbound = new ArrayList<>();

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
        MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
      ClientStreamTracer.Factory factory = new ClientStreamTracer.Factory() {
        @Override
        public ClientStreamTracer newClientStreamTracer(
            ClientStreamTracer.StreamInfo info, Metadata headers) {
          return new ClientStreamTracer() {
            @Override
            public void inboundMessageRead(int seqNo, long wireSize, long uncompressedSize) {
              // The uncompressed size is not known yet when the message was compressed...
              synchronized (WireSizes.this) {
                inbound.add(new Message(wireSize, 0));
              }
            }

            @Override
            public void inboundUncompressedSize(long bytes) {
              // ...it is counted here, as the message is decompressed and parsed.
              synchronized (WireSizes.this) {
                inbound.get(inbound.size() - 1).uncompressed += bytes;
              }
            }

            @Override
            public void outboundMessageSent(int seqNo, long wireSize, long uncompressedSize) {
              synchronized (WireSizes.this) {
                outbound.add(new Message(wireSize, uncompressedSize));
              }
            }
          };
        }
      };
      return next.newCall(method, callOptions.withStreamTracerFactory(factory));
    }
  }
}
