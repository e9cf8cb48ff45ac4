package dev.grpcsamples.greeter.server;

import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The Greeter service: the four kinds of gRPC call, one method each.
 *
 * <p>Each method gets its request(s) and a {@link StreamObserver} for its reply: {@code onNext} sends a
 * reply, {@code onCompleted} ends the call with OK, {@code onError} ends it with a status code.
 *
 * <p>This class needs only grpc-java, the generated stubs and the JDK: copy it into any project.
 */
public class GreeterService extends GreeterGrpc.GreeterImplBase {
  /** "Until we meet again": on this name, LotsOfGreetings answers at once and stops listening. */
  public static final String GOODBYE = "后会有期";

  private static final Logger logger = Logger.getLogger(GreeterService.class.getName());
  /** How often a server stream asks again whether a slow client is ready for more. */
  private static final Duration READY_POLL = Duration.ofMillis(5);

  private final int replies;
  private final Duration replyInterval;
  private final Duration delay;
  private final Channel upstream;

  /**
   * @param replies how many replies LotsOfReplies sends before it ends the stream itself; 0 for no
   *     limit (the stream runs until the client cancels it)
   * @param replyInterval the pause between two of those replies
   */
  public GreeterService(int replies, Duration replyInterval) {
    this(replies, replyInterval, Duration.ZERO, null);
  }

  /**
   * @param delay how long SayHello and SayHelloAgain work before they answer (a slow server)
   * @param upstream if not null, SayHelloAgain also asks this server's SayHello (a fan-out call)
   * @throws IllegalArgumentException if {@code replies} or a duration is negative
   */
  public GreeterService(int replies, Duration replyInterval, Duration delay, Channel upstream) {
    if (replies < 0 || replyInterval.isNegative() || delay.isNegative()) {
      throw new IllegalArgumentException("replies, replyInterval and delay must not be negative");
    }
    this.replies = replies;
    this.replyInterval = replyInterval;
    this.delay = delay;
    this.upstream = upstream;
  }

  /** Unary: one request in, one reply out. */
  @Override
  public void sayHello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
    if (rejectEmptyName(request, responseObserver) || !workFor("SayHello", request)) {
      return;
    }
    // A request with a payload (greeter-client --payload 5MiB) gets it back: a large reply too.
    responseObserver.onNext(reply("Hello, " + request.getName() + "!" + payloadNote(request))
        .toBuilder().setPayload(request.getPayload()).build());
    responseObserver.onCompleted();
  }

  /**
   * Unary again: a second method on the same service. With an upstream server it fans out: it calls
   * the upstream's SayHello and passes its answer on. That call needs no deadline of its own: the
   * client's deadline is on this call's Context, and grpc-java gives it to every call made in it.
   */
  @Override
  public void sayHelloAgain(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
    if (rejectEmptyName(request, responseObserver) || !workFor("SayHelloAgain", request)) {
      return;
    }
    String message = "Hello again, " + request.getName() + "!" + payloadNote(request);
    if (upstream != null) {
      // A failure upstream (DEADLINE_EXCEEDED, say) is thrown as a StatusRuntimeException; the
      // server's UncaughtExceptions interceptor makes it this call's status.
      HelloReply upstreamReply = GreeterGrpc.newBlockingStub(upstream).sayHello(request);
      message += " (upstream said: " + upstreamReply.getMessage() + ")";
    }
    responseObserver.onNext(reply(message).toBuilder().setPayload(request.getPayload()).build());
    responseObserver.onCompleted();
  }

  /**
   * Server streaming: replies every {@code replyInterval} until the client cancels (or its deadline
   * passes), or until {@code replies} have been sent.
   *
   * <p>This method blocks its worker thread for the whole stream, like the Python tutorials' generator
   * loop. That is what makes the thread-pool lesson visible: with {@code --threads 2}, a third
   * stream waits until one of the first two ends. It sends only when the client is ready for more
   * (flow control), so a client that stops reading costs this server no memory.
   */
  @Override
  public void lotsOfReplies(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
    if (rejectEmptyName(request, responseObserver)) {
      return;
    }
    ServerCallStreamObserver<HelloReply> call =
        (ServerCallStreamObserver<HelloReply>) responseObserver;
    String name = request.getName();
    int[] sent = {0};
    // The call's Context is cancelled the moment the client cancels or the deadline passes, even while
    // this thread is busy here. It is the Java version of Python's context.is_active().
    Context context = Context.current();
    // Callbacks for the end of the call (Python's add_callback): one runs if it was cancelled, the
    // other once it completed normally.
    call.setOnCancelHandler(() -> logger.info("LotsOfReplies(" + name + ") stopped after " + sent[0]
        + " replies: " + (isExpired(context) ? "the deadline passed" : "cancelled by the client")));
    call.setOnCloseHandler(() ->
        logger.fine("LotsOfReplies(" + name + ") completed after " + sent[0] + " replies"));

    CountDownLatch cancelled = cancellation(context);
    boolean waitedForClient = false;
    while (!context.isCancelled() && (replies == 0 || sent[0] < replies)) {
      // Flow control. onNext never blocks: for a client that does not read, gRPC would keep every
      // reply in this server's memory. isReady() says whether the transport wants more now. (The
      // onReady handler cannot run while this method holds the call's thread, so this loop asks
      // again shortly, and wakes at once if the call is cancelled.)
      if (!call.isReady()) {
        if (!waitedForClient) {
          waitedForClient = true;
          logger.fine("LotsOfReplies(" + name + ") waits after " + sent[0]
              + " replies: the client is not reading (flow control)");
        }
        if (awaitQuietly(cancelled, READY_POLL)) {
          return;
        }
        continue;
      }
      sent[0]++;
      String of = replies == 0 ? "" : " of " + replies;
      // With the server's --compression on, the first reply still goes out uncompressed (Python's
      // disable_next_message_compression): compressing costs time, and a client waiting for its
      // first reply should not wait for gzip. The switch holds until it is flipped back.
      call.setMessageCompression(sent[0] > 1);
      call.onNext(reply("Hello, " + name + "! (reply " + sent[0] + of + ")"));
      if (replies != 0 && sent[0] == replies) {
        break;
      }
      if (awaitQuietly(cancelled, replyInterval)) {
        return; // the client is gone: stop working for it
      }
    }
    if (!context.isCancelled()) {
      call.onCompleted(); // the server ends the stream itself: OK, after the last reply
    }
  }

  /**
   * Client streaming: collects the names as they arrive and answers once, when the client is done,
   * naming everyone. If {@link #GOODBYE} arrives, it answers at once and ignores the rest. An empty
   * name ends the call with INVALID_ARGUMENT, as it does for the unary calls.
   */
  @Override
  public StreamObserver<HelloRequest> lotsOfGreetings(StreamObserver<HelloReply> responseObserver) {
    return new StreamObserver<>() {
      private final StringBuilder names = new StringBuilder();
      private int count;
      private boolean answered;

      @Override
      public void onNext(HelloRequest request) {
        if (answered) {
          logger.fine("LotsOfGreetings: ignoring " + request.getName() + ": already answered");
          return;
        }
        if (rejectEmptyName(request, responseObserver)) {
          answered = true;
          return;
        }
        if (GOODBYE.equals(request.getName())) {
          answered = true;
          responseObserver.onNext(reply(GOODBYE + "! Goodbye after " + count + " "
              + plural(count, "name") + (count == 0 ? "" : ": " + names)));
          responseObserver.onCompleted();
          return;
        }
        names.append(count == 0 ? "" : ", ").append(request.getName());
        count++;
      }

      @Override
      public void onError(Throwable t) {
        logger.fine("LotsOfGreetings ended by the client: " + Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {
        if (!answered) {
          responseObserver.onNext(reply("Hello to all " + count + " " + plural(count, "name")
              + (count == 0 ? "" : ": " + names) + "!"));
          responseObserver.onCompleted();
        }
      }
    };
  }

  /**
   * Bidirectional streaming: a reply for each request, sent as soon as the request arrives. An empty
   * name ends the call with INVALID_ARGUMENT.
   */
  @Override
  public StreamObserver<HelloRequest> bidiHello(StreamObserver<HelloReply> responseObserver) {
    return new StreamObserver<>() {
      private boolean ended;

      @Override
      public void onNext(HelloRequest request) {
        if (ended || (ended = rejectEmptyName(request, responseObserver))) {
          return;
        }
        responseObserver.onNext(reply("Hello, " + request.getName() + "!"));
      }

      @Override
      public void onError(Throwable t) {
        logger.fine("BidiHello ended by the client: " + Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {
        if (!ended) {
          responseObserver.onCompleted();
        }
      }
    };
  }

  /**
   * Works for {@code delay} (a slow server, --delay), but stops the moment the call is cancelled or
   * its deadline passes: no thread keeps working for a client that has gone. True if the work is done
   * and the method should answer.
   */
  private boolean workFor(String method, HelloRequest request) {
    if (delay.isZero()) {
      return true;
    }
    Context context = Context.current();
    logger.fine(() -> method + "(" + request.getName() + ") working for " + delay.toMillis() + "ms");
    if (awaitQuietly(cancellation(context), delay)) {
      logger.info(method + "(" + request.getName() + ") stopped before answering: "
          + (isExpired(context) ? "the deadline passed" : "cancelled by the client"));
      return false;
    }
    return true;
  }

  /** Ends the call with INVALID_ARGUMENT if the name is empty; true if it did. */
  private static boolean rejectEmptyName(HelloRequest request, StreamObserver<HelloReply> reply) {
    if (!request.getName().isEmpty()) {
      return false;
    }
    // A status code, not an exception: the client sees INVALID_ARGUMENT and this description.
    reply.onError(Status.INVALID_ARGUMENT.withDescription("name must not be empty")
        .asRuntimeException());
    return true;
  }

  /** A latch that opens when the context is cancelled (by the client, or by its deadline). */
  private static CountDownLatch cancellation(Context context) {
    CountDownLatch cancelled = new CountDownLatch(1);
    context.addListener(c -> cancelled.countDown(), Runnable::run);
    return cancelled;
  }

  private static boolean isExpired(Context context) {
    return context.getDeadline() != null && context.getDeadline().isExpired();
  }

  private static String payloadNote(HelloRequest request) {
    int size = request.getPayload().size();
    return size == 0 ? "" : " (" + size + " bytes of payload received and returned)";
  }

  private static HelloReply reply(String message) {
    return HelloReply.newBuilder().setMessage(message).build();
  }

  private static String plural(int n, String word) {
    return n == 1 ? word : word + "s";
  }

  /** Waits for {@code latch} up to {@code timeout}; true if it opened (the call was cancelled). */
  private static boolean awaitQuietly(CountDownLatch latch, Duration timeout) {
    try {
      return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      // shutdownNow() of the worker pool: stop like a cancellation
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
