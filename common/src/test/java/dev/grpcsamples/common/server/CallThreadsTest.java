package dev.grpcsamples.common.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.StringValue;
import dev.grpcsamples.testing.RunningServer;
import io.grpc.CallOptions;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Where a server runs each call, and what a thrown StatusRuntimeException becomes, on a real port:
 * a method marked {@link ServerBootstrap#nonBlocking} runs on the transport thread, any other on a
 * worker of the --threads pool.
 */
class CallThreadsTest {
  private static final Metadata.Key<String> WHY =
      Metadata.Key.of("why", Metadata.ASCII_STRING_MARSHALLER);

  @Test
  void aMethodMarkedNonBlockingRunsOnTheTransportThreadAndTheOthersOnAWorker() throws Exception {
    ServerServiceDefinition service = ServerBootstrap.nonBlocking(threads(), Set.of("Quick"));
    try (RunningServer running = RunningServer.start(new ServerOptions(0), List.of(service))) {
      String quick = call(running, "Quick");
      String slow = call(running, "Slow");
      assertTrue(slow.startsWith("test-server-worker-"), slow);
      assertFalse(quick.startsWith("test-server-worker-"), quick);
    }
  }

  @Test
  void aThrownStatusRuntimeExceptionIsSentAsTheCallsStatus() throws Exception {
    try (RunningServer running = RunningServer.start(new ServerOptions(0), List.of(threads()))) {
      StatusRuntimeException e =
          assertThrows(StatusRuntimeException.class, () -> call(running, "Refuse"));
      assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
      assertEquals("not now", e.getStatus().getDescription());
      assertEquals("a test", e.getTrailers().get(WHY));
    }
  }

  private static String call(RunningServer running, String method) {
    return ClientCalls.blockingUnaryCall(running.channel(), method(method),
        CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), StringValue.of("")).getValue();
  }

  /** Quick and Slow answer with the name of the thread they ran on; Refuse throws. */
  private static ServerServiceDefinition threads() {
    ServerCalls.UnaryMethod<StringValue, StringValue> where = (request, reply) -> {
      reply.onNext(StringValue.of(Thread.currentThread().getName()));
      reply.onCompleted();
    };
    return ServerServiceDefinition.builder("test.Threads")
        .addMethod(method("Quick"), ServerCalls.asyncUnaryCall(where))
        .addMethod(method("Slow"), ServerCalls.asyncUnaryCall(where))
        .addMethod(method("Refuse"), ServerCalls.<StringValue, StringValue>asyncUnaryCall(
            (request, reply) -> {
              Metadata trailers = new Metadata();
              trailers.put(WHY, "a test");
              throw Status.FAILED_PRECONDITION.withDescription("not now")
                  .asRuntimeException(trailers);
            }))
        .build();
  }

  private static MethodDescriptor<StringValue, StringValue> method(String name) {
    return MethodDescriptor.<StringValue, StringValue>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName("test.Threads", name))
        .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
        .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
        .build();
  }
}
