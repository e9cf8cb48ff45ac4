package dev.grpcsamples.greeter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.RawHttp2;
import dev.grpcsamples.testing.RunningServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a broken or hostile client can send, byte by byte: random bytes, truncated frames, malformed
 * gRPC headers and messages. After each, the server still answers a normal call, counts no phantom
 * call in flight (so the next graceful shutdown does not wait for nothing), and has logged nothing at
 * WARNING or above: a misbehaving client must not be able to flood the server's log.
 */
class MalformedInputTest {
  private static final byte[] ADA = HelloRequest.newBuilder().setName("Ada").build().toByteArray();
  private static RunningServer server;
  private final List<String> loud = new ArrayList<>();
  private final Handler loudRecords = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
        synchronized (loud) {
          loud.add(r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage());
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  interface Input {
    void send(RawHttp2 connection) throws Exception;
  }

  @BeforeAll
  static void start() {
    GreeterServer command = GreeterServer.parse("--port", "0", "--grace", "30s");
    server = RunningServer.start(command.serverOptions(), List.of(command.greeter(null)));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @BeforeEach
  void listen() {
    Logger.getLogger("").addHandler(loudRecords);
  }

  @AfterEach
  void stopListening() {
    Logger.getLogger("").removeHandler(loudRecords);
  }

  private static Map<String, String> grpcHeaders(String... overrides) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(":method", "POST");
    h.put(":scheme", "http");
    h.put(":path", "/helloworld.Greeter/SayHello");
    h.put(":authority", "localhost");
    h.put("content-type", "application/grpc");
    h.put("te", "trailers");
    for (int i = 0; i < overrides.length; i += 2) {
      h.put(overrides[i], overrides[i + 1]);
    }
    return h;
  }

  private static Arguments input(String name, Input input) {
    return Arguments.of(name, input);
  }

  static Stream<Arguments> inputs() {
    List<Arguments> all = new ArrayList<>(List.of(
        input("not HTTP/2 at all", c -> c.raw("GET / HTTP/1.1\r\nHost: x\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII))),
        input("a frame that promises more bytes than it sends",
            c -> c.preface().truncatedFrame(1000, new byte[10])),
        input("grpc-timeout that is not a timeout", c -> c.preface()
            .headers(1, grpcHeaders("grpc-timeout", "soon"), false)
            .message(1, false, ADA.length, ADA, true)),
        input("grpc-timeout with too many digits", c -> c.preface()
            .headers(1, grpcHeaders("grpc-timeout", "999999999999S"), false)
            .message(1, false, ADA.length, ADA, true)),
        input("grpc-encoding the server does not know", c -> c.preface()
            .headers(1, grpcHeaders("grpc-encoding", "zstd"), false)
            .message(1, true, ADA.length, ADA, true)),
        input("a compressed flag without grpc-encoding", c -> c.preface()
            .headers(1, grpcHeaders(), false).message(1, true, ADA.length, ADA, true)),
        input("content-type that is not gRPC", c -> c.preface()
            .headers(1, grpcHeaders("content-type", "text/html"), false)
            .message(1, false, ADA.length, ADA, true)),
        input("a method that does not exist", c -> c.preface()
            .headers(1, grpcHeaders(":path", "/helloworld.Greeter/Nope"), false)
            .message(1, false, ADA.length, ADA, true)),
        input("a message that is not a HelloRequest", c -> c.preface()
            .headers(1, grpcHeaders(), false)
            .message(1, false, 4, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}, true)),
        input("a message longer than the server's limit", c -> c.preface()
            .headers(1, grpcHeaders(), false).message(1, false, 64 << 20, ADA, true)),
        input("a message cut short, then the stream ends", c -> c.preface()
            .headers(1, grpcHeaders(), false).message(1, false, 100, ADA, true)),
        input("headers, then the connection drops", c -> c.preface()
            .headers(1, grpcHeaders(), false))));
    Random random = new Random(20261125);
    for (int i = 0; i < 12; i++) {
      byte[] noise = new byte[1 + random.nextInt(2048)];
      random.nextBytes(noise);
      boolean afterPreface = i % 2 == 0;
      all.add(input("random bytes #" + i + (afterPreface ? " after the preface" : ""),
          c -> (afterPreface ? c.preface() : c).raw(noise)));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void theServerShrugsItOff(String name, Input input) throws Exception {
    try (RawHttp2 connection = new RawHttp2(server.server().port())) {
      input.send(connection);
      connection.answered();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.server().callsInFlight() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      TimeUnit.MILLISECONDS.sleep(10); // polling a counter, bounded above
    }
    assertEquals(0, server.server().callsInFlight(), "phantom calls in flight after: " + name);
    assertEquals("Hello, Ada!", GreeterGrpc.newBlockingStub(server.channel())
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .sayHello(HelloRequest.newBuilder().setName("Ada").build()).getMessage());
    synchronized (loud) {
      assertEquals(List.of(), loud, "logged at WARNING or above after: " + name);
    }
  }

  @Test
  void afterAllThatAGracefulShutdownWaitsForNothing() {
    GreeterServer command = GreeterServer.parse("--port", "0", "--grace", "30s");
    RunningServer fresh = RunningServer.start(command.serverOptions(),
        List.of(command.greeter(null)));
    try (RawHttp2 c = new RawHttp2(fresh.server().port())) {
      c.preface().headers(1, grpcHeaders("grpc-timeout", "soon"), false)
          .message(1, false, ADA.length, ADA, true);
      c.answered();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    try (fresh) {
      List<String> steps = fresh.shutdownGracefully();
      assertTrue(steps.contains("all calls finished"), steps.toString());
      assertTrue(steps.stream().anyMatch(s -> s.contains("for 0 calls in flight")),
          steps.toString());
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
