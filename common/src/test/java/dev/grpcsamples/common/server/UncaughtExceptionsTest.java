package dev.grpcsamples.common.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.testing.LogRecorder;
import dev.grpcsamples.testing.ReplyRecorder;
import io.grpc.CallOptions;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A service that throws: the client gets INTERNAL, and the service hears nothing more. */
class UncaughtExceptionsTest {
  private static final MethodDescriptor<String, String> COLLECT =
      MethodDescriptor.<String, String>newBuilder()
          .setType(MethodDescriptor.MethodType.CLIENT_STREAMING)
          .setFullMethodName("test.Throwing/Collect")
          .setRequestMarshaller(Text.MARSHALLER)
          .setResponseMarshaller(Text.MARSHALLER)
          .build();

  @RegisterExtension
  final LogRecorder log = LogRecorder.of(UncaughtExceptions.class);

  /** Every callback that reached the service, in order. */
  private final List<String> serviceHeard = new CopyOnWriteArrayList<>();
  /** Every callback that reached the interceptor, whatever it then passed on. */
  private final List<String> interceptorHeard = new CopyOnWriteArrayList<>();
  private final CountDownLatch clientSentEverything = new CountDownLatch(1);
  private final CountDownLatch callEnded = new CountDownLatch(1);
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void afterTheServiceThrowsNoLaterCallbackReachesIt() throws Exception {
    start();
    ReplyRecorder<String> reply = new ReplyRecorder<>();
    StreamObserver<String> requests =
        ClientCalls.asyncClientStreamingCall(channel.newCall(COLLECT, CallOptions.DEFAULT), reply);
    requests.onNext("first");
    requests.onNext("second");
    requests.onNext("third");
    requests.onCompleted();
    clientSentEverything.countDown(); // now the service may throw on "first"

    Status status = reply.awaitClose();
    assertEquals(Status.Code.INTERNAL, status.getCode());
    assertTrue(status.getDescription().startsWith("internal error; the server logged it as error "),
        status.getDescription());
    assertTrue(callEnded.await(10, TimeUnit.SECONDS), "the server never finished the call");

    // The later messages and the half-close did arrive, after the call was closed...
    assertEquals(List.of("onMessage", "onMessage", "onMessage", "onHalfClose"),
        interceptorHeard.subList(0, 4), interceptorHeard.toString());
    // ...but the service heard only the message it threw on: no more messages, no onCompleted,
    // no onError, and neither its on-cancel nor its on-close handler ran.
    assertEquals(List.of("onNext first"), serviceHeard);
    log.await("test.Throwing/Collect failed with an uncaught exception, error ",
        Duration.ofSeconds(10));
  }

  private void start() throws IOException {
    ServerServiceDefinition service = ServerServiceDefinition.builder("test.Throwing")
        .addMethod(COLLECT, ServerCalls.asyncClientStreamingCall(this::collect))
        .build();
    String name = InProcessServerBuilder.generateName();
    // The last interceptor listed runs first: CallEvents sees each callback before
    // UncaughtExceptions decides whether the service gets it.
    server = InProcessServerBuilder.forName(name)
        .addService(
            ServerInterceptors.intercept(service, new UncaughtExceptions(), new CallEvents()))
        .build()
        .start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  /** A client-streaming method that throws on the first message and records all it hears. */
  private StreamObserver<String> collect(StreamObserver<String> responses) {
    ServerCallStreamObserver<String> call = (ServerCallStreamObserver<String>) responses;
    call.setOnCancelHandler(() -> serviceHeard.add("onCancel handler"));
    call.setOnCloseHandler(() -> serviceHeard.add("onClose handler"));
    // Ask for all three messages at once (manual flow control), so that the later ones are
    // delivered even though the first one throws before the stub could ask for more.
    call.disableAutoRequest();
    call.request(3);
    return new StreamObserver<>() {
      @Override
      public void onNext(String name) {
        serviceHeard.add("onNext " + name);
        if (name.equals("first")) {
          awaitQuietly(clientSentEverything);
          throw new IllegalStateException("a bug in the service");
        }
      }

      @Override
      public void onError(Throwable t) {
        serviceHeard.add("onError " + Status.fromThrowable(t).getCode());
      }

      @Override
      public void onCompleted() {
        serviceHeard.add("onCompleted");
        responses.onNext("done");
        responses.onCompleted();
      }
    };
  }

  /** Records each callback of a call, and when the call has ended (its last callback). */
  private final class CallEvents implements ServerInterceptor {
    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call,
        Metadata headers, ServerCallHandler<ReqT, RespT> next) {
      return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
        @Override
        public void onMessage(ReqT message) {
          interceptorHeard.add("onMessage");
          super.onMessage(message);
        }

        @Override
        public void onHalfClose() {
          interceptorHeard.add("onHalfClose");
          super.onHalfClose();
        }

        @Override
        public void onCancel() {
          interceptorHeard.add("onCancel");
          super.onCancel();
          callEnded.countDown();
        }

        @Override
        public void onComplete() {
          interceptorHeard.add("onComplete");
          super.onComplete();
          callEnded.countDown();
        }
      };
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Strings as UTF-8: enough of a message format for a test without a .proto file. */
  private static final class Text implements MethodDescriptor.Marshaller<String> {
    static final Text MARSHALLER = new Text();

    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
