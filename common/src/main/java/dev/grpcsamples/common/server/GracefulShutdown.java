package dev.grpcsamples.common.server;

import dev.grpcsamples.common.cli.DurationConverter;
import io.grpc.Server;
import io.grpc.protobuf.services.HealthStatusManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The careful way to stop a gRPC server, one logged step at a time:
 * <ol>
 *   <li>health goes NOT_SERVING, so load balancers and health-checking clients stop sending calls;</li>
 *   <li>{@code shutdown()}: new calls are refused, calls in flight go on;</li>
 *   <li>wait up to the grace period ({@code --grace}) for them to finish;</li>
 *   <li>{@code shutdownNow()}: whatever is still running is cancelled, and open health watches
 *       are closed;</li>
 *   <li>the thread pools are shut down last, once no call can be handed to them.</li>
 * </ol>
 */
final class GracefulShutdown implements Runnable {
  private static final Duration AFTER_CANCEL = Duration.ofSeconds(5);
  private static final Duration SETTLE = Duration.ofSeconds(1);

  private final String name;
  private final Server server;
  private final HealthStatusManager health;
  private final InFlightCalls inFlight;
  private final List<ExecutorService> executors;
  private final Duration grace;
  private final Consumer<String> log;

  GracefulShutdown(String name, Server server, HealthStatusManager health, InFlightCalls inFlight,
      List<ExecutorService> executors,
      Duration grace, Consumer<String> log) {
    this.name = name;
    this.server = server;
    this.health = health;
    this.inFlight = inFlight;
    this.executors = executors;
    this.grace = grace;
    this.log = log;
  }

  /**
   * Waits, within the grace period, until no call is in flight and none is still arriving. Netty ends
   * a connection gracefully in two steps (a first GOAWAY, a ping, then the final GOAWAY), and a call
   * may still be accepted in between: so after the count reaches zero, the transports get a moment to
   * finish (or the server to terminate), and the count is checked again.
   */
  private boolean awaitCallsDone() throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    while (true) {
      if (!inFlight.awaitNone(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        return false;
      }
      long settle = Math.min(SETTLE.toNanos(), Math.max(0, deadline - System.nanoTime()));
      if (server.awaitTermination(settle, TimeUnit.NANOSECONDS) || inFlight.count() == 0) {
        return true;
      }
    }
  }

  @Override
  public void run() {
    try {
      log.accept(name + " shutting down: health set to NOT_SERVING");
      health.enterTerminalState();

      server.shutdown();
      int calls = inFlight.count();
      log.accept("refusing new calls; waiting up to " + DurationConverter.format(grace) + " for "
          + calls + (calls == 1 ? " call" : " calls") + " in flight to finish");
      if (awaitCallsDone()) {
        log.accept("all calls finished");
      } else {
        log.accept("grace period over: cancelling the calls still running");
      }
      server.shutdownNow();
      server.awaitTermination(AFTER_CANCEL.toNanos(), TimeUnit.NANOSECONDS);

      for (ExecutorService executor : executors) {
        executor.shutdown();
        if (!executor.awaitTermination(AFTER_CANCEL.toNanos(), TimeUnit.NANOSECONDS)) {
          executor.shutdownNow();
        }
      }
      long served = inFlight.served();
      log.accept(name + " stopped after serving " + served + (served == 1 ? " call" : " calls"));
    } catch (InterruptedException e) {
      server.shutdownNow();
      executors.forEach(ExecutorService::shutdownNow);
      Thread.currentThread().interrupt();
    }
  }
}
