package dev.grpcsamples.greeter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.RunningServer;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo switches are off unless asked for: a server started with no flags answers a call that
 * carries demo headers like any other call, and sends nothing back that the client did not ask for.
 */
class DemoSwitchesTest {
  private static final Metadata.Key<String> DEMO_STATUS =
      Metadata.Key.of("demo-status", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> COOKIE =
      Metadata.Key.of("cookie", Metadata.ASCII_STRING_MARSHALLER);
  private static final HelloRequest ADA = HelloRequest.newBuilder().setName("Ada").build();

  private static RunningServer greeterServer(String... flags) {
    String[] all = new String[flags.length + 2];
    all[0] = "--port";
    all[1] = "0";
    System.arraycopy(flags, 0, all, 2, flags.length);
    GreeterServer command = GreeterServer.parse(all);
    return RunningServer.start(command.serverOptions(), List.of(command.greeter(null)));
  }

  /** Calls SayHello with demo headers; returns the reply, and the headers and trailers received. */
  private static HelloReply callWithDemoHeaders(RunningServer server, Metadata headers,
      Metadata trailers) {
    Metadata sent = new Metadata();
    sent.put(DEMO_STATUS, "NOT_FOUND");
    sent.put(COOKIE, "session=secret");
    AtomicReference<Metadata> h = new AtomicReference<>();
    AtomicReference<Metadata> t = new AtomicReference<>();
    try {
      return GreeterGrpc.newBlockingStub(server.channel())
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(sent),
              MetadataUtils.newCaptureMetadataInterceptor(h, t))
          .sayHello(ADA);
    } finally {
      if (h.get() != null) {
        headers.merge(h.get());
      }
      if (t.get() != null) {
        trailers.merge(t.get());
      }
    }
  }

  @Test
  void withNoFlagsDemoHeadersAreIgnoredAndNothingIsEchoed() throws Exception {
    try (RunningServer plain = greeterServer()) {
      Metadata headers = new Metadata();
      Metadata trailers = new Metadata();
      assertEquals("Hello, Ada!", callWithDemoHeaders(plain, headers, trailers).getMessage());
      for (Metadata received : List.of(headers, trailers)) {
        for (String key : received.keys()) {
          assertTrue(key.startsWith("grpc-") || key.equals("content-type"),
              "unexpected key " + key + " in " + received);
        }
      }
      assertNull(headers.get(Metadata.Key.of("served-by", Metadata.ASCII_STRING_MARSHALLER)));
    }
  }

  @Test
  void demoStatusAnswersWithTheStatusAskedFor() throws Exception {
    try (RunningServer tour = greeterServer("--demo-status")) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> callWithDemoHeaders(tour, new Metadata(), new Metadata()));
      assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }
  }

  @Test
  void echoMetadataSendsTheHeadersBackButNeverTheDemoSwitch() throws Exception {
    try (RunningServer echo = greeterServer("--echo-metadata")) {
      Metadata headers = new Metadata();
      Metadata trailers = new Metadata();
      callWithDemoHeaders(echo, headers, trailers);
      assertEquals("session=secret",
          trailers.get(Metadata.Key.of("echo-cookie", Metadata.ASCII_STRING_MARSHALLER)));
      assertNull(trailers.get(Metadata.Key.of("echo-demo-status", Metadata.ASCII_STRING_MARSHALLER)));
      assertEquals("greeter-server",
          headers.get(Metadata.Key.of("served-by", Metadata.ASCII_STRING_MARSHALLER)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "-0.1", "1.5"})
  void aFaultRateOutsideZeroToOneIsAUsageError(String rate) {
    GreeterServer command = GreeterServer.parse("--fail-rate", rate);
    Cli.UsageError e = assertThrows(Cli.UsageError.class, () -> command.greeter(null));
    assertEquals("--fail-rate and --slow-rate are fractions from 0 to 1", e.getMessage());
  }
}
