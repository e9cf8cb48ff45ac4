package dev.grpcsamples.greeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.common.client.Channels;
import dev.grpcsamples.common.client.ClientOptions;
import dev.grpcsamples.common.resilience.ServiceConfigs;
import dev.grpcsamples.greeter.server.GreeterService;
import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.ReplyRecorder;
import dev.grpcsamples.testing.RunningServer;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Retry, hedging and throttling from service configs, against servers that misbehave on purpose.
 * The load command's summary is what is asserted: counts, not "no exception". Where chance decides,
 * the bounds are many standard deviations wide.
 */
class ResilienceTest {
  private static RunningServer server(String... flags) {
    return GreeterCli.greeterServer(flags);
  }

  private static CommandResult client(RunningServer server, String... args) {
    return GreeterCli.against(server, args);
  }

  /** The numbers of a load summary. */
  record Summary(int calls, int failed, int attempts, double p99Millis) {
    static Summary of(CommandResult r) {
      Matcher calls = Pattern.compile("calls: (\\d+), succeeded: \\d+, failed: (\\d+).*")
          .matcher(r.stdout().get(0));
      Matcher attempts = Pattern.compile("attempts: (\\d+) .*").matcher(r.stdout().get(1));
      Matcher p99 = Pattern.compile(".* p99 ([\\d.]+)ms.*").matcher(r.stdout().get(2));
      assertTrue(calls.matches() && attempts.matches() && p99.matches(), r.toString());
      return new Summary(Integer.parseInt(calls.group(1)), Integer.parseInt(calls.group(2)),
          Integer.parseInt(attempts.group(1)), Double.parseDouble(p99.group(1)));
    }
  }

  @Test
  void retryTurnsInjectedFailuresIntoSuccesses() throws Exception {
    try (RunningServer flaky = server("--fail-rate", "0.3")) {
      Summary without = Summary.of(client(flaky, "load", "--calls", "200", "--warmup", "0"));
      // 30% of 200 fail: 60 expected, 6.5 standard deviations either way.
      assertTrue(without.failed() > 20 && without.failed() < 100, without.toString());
      assertEquals(200, without.attempts(), "no retry: one attempt per call");

      Summary with = Summary.of(client(flaky, "load", "--calls", "200", "--warmup", "0",
          "--service-config", "retry"));
      // A call fails only if all 5 attempts do: 0.3^5, 0.5 calls expected.
      assertTrue(with.failed() <= 5, with.toString());
      assertTrue(with.attempts() > 240, "the server saw the retries: " + with);
    }
  }

  @Test
  void onlyTheConfiguredCodesAreRetriedAndTheServerSeesTheAttemptNumber() throws Exception {
    try (RunningServer internal = server("--fail-rate", "1", "--fail-code", "INTERNAL");
         RunningServer unavailable = server("--fail-rate", "1", "--fail-code", "UNAVAILABLE")) {
      CommandResult notRetried = client(internal, "hello", "--service-config", "retry");
      assertEquals(List.of("INTERNAL: injected by --fail-rate", "  trailer previous-attempts: 0"),
          notRetried.stderr());

      CommandResult retried = client(unavailable, "hello", "--service-config", "retry");
      // The fifth attempt (maxAttempts 5) told the server it had 4 before it.
      assertEquals(List.of("UNAVAILABLE: injected by --fail-rate", "  trailer previous-attempts: 4"),
          retried.stderr());

      CommandResult noRetry = client(unavailable, "hello", "--service-config", "retry",
          "--no-retry");
      assertEquals("  trailer previous-attempts: 0", noRetry.stderr().get(1));
    }
  }

  @Test
  void throttlingStopsRetryingWhenMostCallsFail() throws Exception {
    try (RunningServer bad = server("--fail-rate", "0.6")) {
      Summary retry = Summary.of(client(bad, "load", "--calls", "200", "--warmup", "0",
          "--service-config", "retry"));
      Summary throttled = Summary.of(client(bad, "load", "--calls", "200", "--warmup", "0",
          "--service-config", "retry-throttled"));
      // Unthrottled, a call makes 1 / 0.4 = 2.5 attempts on average; throttled, retries stop once
      // the token bucket is half empty, and calls fail instead.
      assertTrue(retry.attempts() > 400, retry.toString());
      assertTrue(throttled.attempts() < 300, throttled.toString());
      assertTrue(throttled.failed() > retry.failed() + 40, retry + " vs " + throttled);
    }
  }

  @Test
  void hedgingCutsTheTailThatSlowCallsMake() throws Exception {
    // An injected delay holds a worker thread until its call is cancelled. With few workers, slow
    // attempts can take them all, the hedges queue behind them and cannot win the race: hedging
    // multiplies load, and needs a server with room for it. 50 workers leave that room.
    try (RunningServer slow = server("--slow-rate", "0.1", "--slow-delay", "2s",
        "--threads", "50")) {
      Summary plain = Summary.of(client(slow, "load", "--calls", "200", "--warmup", "20"));
      Summary hedged = Summary.of(client(slow, "load", "--calls", "200", "--warmup", "20",
          "--service-config", "hedging"));
      // 10% of calls take 2 s: the 99th percentile is one of them...
      assertTrue(plain.p99Millis() >= 1900, plain.toString());
      // ...unless a second attempt, sent after 50ms, answers first.
      assertTrue(hedged.p99Millis() < 1000, hedged.toString());
      assertTrue(hedged.attempts() > hedged.calls(), hedged.toString());
    }
  }

  @Test
  void aPolicyGrpcJavaRefusesStopsTheClientWithItsReasonOnOneLine(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("my-retry.json");
    Files.writeString(file, builtInRetry().replace("\"maxAttempts\": 5",
        "\"maxAttempts\": 1"));
    // No server: grpc-java refuses the config when the channel is built, before any call.
    CommandResult run = GreeterCli.run("hello", "--target", "localhost:1",
        "--service-config", file.toString());
    assertEquals(2, run.exitCode(), run.toString());
    assertEquals(List.of(), run.stdout());
    assertEquals(List.of(file + ": grpc-java refuses this service config: "
        + "maxAttempts must be greater than 1: 1"), run.stderr());
  }

  @Test
  void aMisspeltKeyGrpcJavaWouldIgnoreStopsTheClientWithItsPath(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("my-retry.json");
    Files.writeString(file, builtInRetry().replace("\"maxBackoff\"",
        "\"maxBackof\""));
    CommandResult run = GreeterCli.run("hello", "--target", "localhost:1",
        "--service-config", file.toString());
    assertEquals(2, run.exitCode(), run.toString());
    assertEquals(List.of(file + ": methodConfig[0].retryPolicy.maxBackof is not a key grpc-java "
        + "reads here, so it would be ignored (it knows backoffMultiplier, initialBackoff, "
        + "maxAttempts, maxBackoff, perAttemptRecvTimeout, retryableStatusCodes)"), run.stderr());
  }

  @Test
  void aStreamThatAlreadyDeliveredAMessageIsNotRetried() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    GreeterGrpc.GreeterImplBase oneThenFail = new GreeterGrpc.GreeterImplBase() {
      @Override
      public void lotsOfReplies(HelloRequest request, StreamObserver<HelloReply> reply) {
        attempts.incrementAndGet();
        reply.onNext(HelloReply.newBuilder().setMessage("first").build());
        reply.onError(Status.UNAVAILABLE.withDescription("broke after one").asRuntimeException());
      }
    };
    try (RunningServer server = RunningServer.start(List.of(oneThenFail))) {
      ManagedChannel channel = channel(server, "--service-config", "retry");
      try {
        ReplyRecorder<HelloReply> replies = new ReplyRecorder<>();
        GreeterGrpc.newStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
            .lotsOfReplies(HelloRequest.newBuilder().setName("Ada").build(), replies);
        assertEquals(Status.Code.UNAVAILABLE, replies.awaitClose().getCode());
        assertEquals(1, replies.messages().size());
        // Retrying now would deliver "first" twice: once a response arrived, the call is committed.
        assertEquals(1, attempts.get());
      } finally {
        channel.shutdownNow();
      }
    }
  }

  @Test
  void waitForReadyWaitsForTheServerAndWithoutItTheCallFailsFast() throws Exception {
    int port;
    try (ServerSocket reserve = new ServerSocket(0)) {
      port = reserve.getLocalPort();
    }
    ManagedChannel waiting = channel(port, "--wait-for-ready");
    ManagedChannel failing = channel(port);
    try {
      awaitState(waiting, ConnectivityState.TRANSIENT_FAILURE); // nothing listens yet
      awaitState(failing, ConnectivityState.TRANSIENT_FAILURE);

      StatusRuntimeException fast = org.junit.jupiter.api.Assertions.assertThrows(
          StatusRuntimeException.class, () -> GreeterGrpc.newBlockingStub(failing)
              .withDeadlineAfter(20, TimeUnit.SECONDS).sayHello(ada()));
      assertEquals(Status.Code.UNAVAILABLE, fast.getStatus().getCode());

      ReplyRecorder<HelloReply> reply = new ReplyRecorder<>();
      GreeterGrpc.newStub(waiting).withDeadlineAfter(30, TimeUnit.SECONDS).sayHello(ada(), reply);
      try (RunningServer late = GreeterCli.greeterServer(
          "--port", String.valueOf(port))) {
        assertEquals(Status.Code.OK, reply.awaitClose().getCode(), "waited, then succeeded");
        assertEquals("Hello, Ada!", reply.messages().get(0).getMessage());
      }
    } finally {
      waiting.shutdownNow();
      failing.shutdownNow();
    }
  }

  /** The shipped retry config, as a user copies it to start a file of their own. */
  private static String builtInRetry() throws IOException {
    try (InputStream in =
        ServiceConfigs.class.getResourceAsStream("service-configs/retry.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static HelloRequest ada() {
    return HelloRequest.newBuilder().setName("Ada").build();
  }

  private static ManagedChannel channel(RunningServer server, String... flags) {
    return channel(server.server().port(), flags);
  }

  /** A channel built by the CLI's own code from CLI flags. */
  private static ManagedChannel channel(int port, String... flags) {
    ClientOptions options = new ClientOptions("localhost:" + port);
    new CommandLine(options).parseArgs(flags);
    return Channels.open(Channels.builder(options), options,
        new PrintWriter(new StringWriter(), true));
  }

  private static void awaitState(ManagedChannel channel, ConnectivityState wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      ConnectivityState now = channel.getState(true);
      if (now == wanted) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, "channel stayed " + now);
      CountDownLatch changed = new CountDownLatch(1);
      channel.notifyWhenStateChanged(now, changed::countDown);
      changed.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
  }
}
