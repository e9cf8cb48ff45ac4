package ${package};

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * The service itself: what the server does for each call of {@code echo.proto}'s Echo service.
 *
 * <p>It extends the generated {@link EchoGrpc.EchoImplBase} and overrides one method per rpc. It knows
 * nothing about ports, threads or shutdown (that is {@link EchoServer}'s job), so it compiles against
 * grpc and the generated code alone, and a test can serve it in-process.
 *
 * <p>Each method answers through the {@link StreamObserver}: {@code onNext} sends a reply,
 * {@code onCompleted} ends the call with OK, {@code onError} ends it with a status instead. Exactly one
 * of the last two must be called, exactly once; a call that gets neither never ends.
 */
public final class EchoService extends EchoGrpc.EchoImplBase {
  static final int DEFAULT_COUNT = 3;
  static final int MAX_COUNT = 100;

  @Override
  public void echo(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
    if (request.getMessage().isEmpty()) {
      // A status with a description is what the client sees: "INVALID_ARGUMENT: message is empty".
      responseObserver.onError(Status.INVALID_ARGUMENT
          .withDescription("message is empty")
          .asRuntimeException());
      return;
    }
    responseObserver.onNext(EchoReply.newBuilder().setMessage(request.getMessage()).build());
    responseObserver.onCompleted();
  }

  @Override
  public void echoStream(EchoStreamRequest request, StreamObserver<EchoReply> responseObserver) {
    int count = request.getCount() == 0 ? DEFAULT_COUNT : request.getCount();
    if (request.getMessage().isEmpty() || count < 1 || count > MAX_COUNT) {
      responseObserver.onError(Status.INVALID_ARGUMENT
          .withDescription(request.getMessage().isEmpty() ? "message is empty"
              : "count must be between 1 and " + MAX_COUNT + ", not " + count)
          .asRuntimeException());
      return;
    }
    // On the server, the observer is really a ServerCallStreamObserver: it can tell whether the
    // client has gone away (cancelled, or its deadline passed), so a long stream can stop early
    // instead of producing replies nobody will read.
    ServerCallStreamObserver<EchoReply> call = (ServerCallStreamObserver<EchoReply>) responseObserver;
    for (int i = 1; i <= count && !call.isCancelled(); i++) {
      call.onNext(EchoReply.newBuilder()
          .setMessage(request.getMessage() + " (" + i + "/" + count + ")")
          .build());
    }
    if (!call.isCancelled()) {
      call.onCompleted();
    }
  }
}
