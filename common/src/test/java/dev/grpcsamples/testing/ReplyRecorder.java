package dev.grpcsamples.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A response observer for async-stub tests: keeps every message and how the call ended, and lets a
 * test wait for the n-th message or for the end, without sleeping.
 */
public final class ReplyRecorder<T> implements StreamObserver<T> {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<T> messages = new ArrayList<>();
  private Status status;

  @Override
  public synchronized void onNext(T value) {
    messages.add(value);
    notifyAll();
  }

  @Override
  public synchronized void onError(Throwable t) {
    status = Status.fromThrowable(t);
    notifyAll();
  }

  @Override
  public synchronized void onCompleted() {
    status = Status.OK;
    notifyAll();
  }

  /** Waits until at least {@code n} messages have arrived. */
  public synchronized List<T> awaitMessages(int n) throws InterruptedException {
    awaitUntil(() -> messages.size() >= n, "at least " + n + " messages");
    return List.copyOf(messages);
  }

  /** Waits for the call to end and returns its status. */
  public synchronized Status awaitClose() throws InterruptedException {
    awaitUntil(() -> status != null, "the call to end");
    return status;
  }

  public synchronized List<T> messages() {
    return List.copyOf(messages);
  }

  public synchronized <R> List<R> messages(Function<T, R> field) {
    return messages.stream().map(field).toList();
  }

  private void awaitUntil(java.util.function.BooleanSupplier done, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!done.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        fail("waited " + TIMEOUT + " for " + what + "; got " + messages + ", status " + status);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }
}
