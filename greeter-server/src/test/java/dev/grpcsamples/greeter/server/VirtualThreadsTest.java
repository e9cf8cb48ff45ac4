package dev.grpcsamples.greeter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.ReplyRecorder;
import dev.grpcsamples.testing.RunningServer;
import io.grpc.Context;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** --executor virtual: works on Java 21+, and says clearly why it cannot on Java 17. */
class VirtualThreadsTest {
  /** CI runs on Java 17 and on Java 25, so each of the two tests below runs in one of them. */
  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void onJava21AndNewerTheThirdStreamDoesNotWait() throws Exception {
    try (RunningServer running = RunningServer.start(
        List.of(new GreeterService(0, Duration.ofMillis(10))), "--executor", "virtual",
        "--threads", "2")) {
      Context.CancellableContext calls = Context.current().withCancellation();
      List<ReplyRecorder<HelloReply>> streams = List.of(new ReplyRecorder<>(),
          new ReplyRecorder<>(), new ReplyRecorder<>());
      calls.run(() -> streams.forEach(replies -> GreeterGrpc.newStub(running.channel())
          .lotsOfReplies(HelloRequest.newBuilder().setName("Ada").build(), replies)));
      for (ReplyRecorder<HelloReply> replies : streams) {
        replies.awaitMessages(3); // all three stream at once: --threads no longer limits them
      }
      calls.cancel(null);
    }
  }

  @Test
  @EnabledForJreRange(max = JRE.JAVA_20)
  void onJava17ItIsAUsageErrorSayingWhatItNeeds() {
    Cli.UsageError e = assertThrows(Cli.UsageError.class, () -> RunningServer.start(
        List.of(new GreeterService(3, Duration.ZERO)), "--executor", "virtual"));
    assertTrue(e.getMessage().startsWith("--executor virtual needs Java 21 or newer; this is Java "
        + Runtime.version()), e.getMessage());
  }

  @Test
  void anUnknownExecutorIsAUsageError() {
    Cli.UsageError e = assertThrows(Cli.UsageError.class, () -> RunningServer.start(
        List.of(new GreeterService(3, Duration.ZERO)), "--executor", "elastic"));
    assertEquals("--executor must be fixed or virtual, not 'elastic'", e.getMessage());
  }
}
