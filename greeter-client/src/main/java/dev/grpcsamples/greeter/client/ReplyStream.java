package dev.grpcsamples.greeter.client;

import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Receives a stream of replies on the async stub: prints each one, optionally cancels the call after
 * a number of them, and lets the calling thread {@link #await()} the end of the stream.
 */
final class ReplyStream implements ClientResponseObserver<HelloRequest, HelloReply> {
  private final Consumer<HelloReply> print;
  private final int cancelAfter;
  private final boolean single;
  private final Duration readDelay;
  private final CompletableFuture<Integer> done = new CompletableFuture<>();
  private HelloReply held;
  private ClientCallStreamObserver<HelloRequest> call;
  private int received;
  private boolean cancelledByUs;

  ReplyStream(Consumer<HelloReply> print, int cancelAfter) {
    this(print, cancelAfter, Duration.ZERO, false);
  }

  /** Reads slowly: asks for one reply at a time, and takes {@code readDelay} over each. */
  ReplyStream(Consumer<HelloReply> print, int cancelAfter, Duration readDelay) {
    this(print, cancelAfter, readDelay, false);
  }

  private ReplyStream(Consumer<HelloReply> print, int cancelAfter, Duration readDelay,
      boolean single) {
    this.print = print;
    this.cancelAfter = cancelAfter;
    this.readDelay = readDelay;
    this.single = single;
  }

  /**
   * For a call with one reply (client streaming): the reply is printed only once the call has ended
   * OK. A server may send a message and then fail the call; the failure is the answer, not both.
   */
  static ReplyStream single(Consumer<HelloReply> print) {
    return new ReplyStream(print, 0, Duration.ZERO, true);
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<HelloRequest> call) {
    // The handle that lets this observer cancel the call it is receiving from.
    this.call = call;
    if (!readDelay.isZero()) {
      // Manual flow control: gRPC asks the server for one reply, and for the next only when
      // request(1) says so. By default it asks for more as soon as a reply is handed over.
      call.disableAutoRequestWithInitial(1);
    }
  }

  @Override
  public void onNext(HelloReply reply) {
    received++;
    if (single) {
      held = reply;
      return;
    }
    print.accept(reply);
    if (cancelAfter > 0 && received == cancelAfter) {
      cancelledByUs = true;
      // The server sees CANCELLED; its Context is cancelled and its on-cancel handler runs.
      call.cancel("the client cancelled after " + received + " replies", null);
    } else if (!readDelay.isZero()) {
      slowly();
      call.request(1); // ready for the next one
    }
  }

  /** The work a slow reader does with each reply, here only a pause. */
  private void slowly() {
    try {
      Thread.sleep(readDelay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void onError(Throwable t) {
    if (cancelledByUs && Status.fromThrowable(t).getCode() == Status.Code.CANCELLED) {
      done.complete(received); // we asked for this ending; it is not a failure
    } else {
      done.completeExceptionally(t);
    }
  }

  @Override
  public void onCompleted() {
    if (held != null) {
      print.accept(held);
    }
    done.complete(received);
  }

  boolean isDone() {
    return done.isDone();
  }

  /** Blocks until the stream ends; returns the number of replies, or throws the call's failure. */
  int await() {
    try {
      return done.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof StatusRuntimeException
          ? (StatusRuntimeException) cause
          : Status.fromThrowable(cause).asRuntimeException();
    } catch (InterruptedException e) {
      call.cancel("the client was interrupted", e);
      Thread.currentThread().interrupt();
      throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
    }
  }
}
