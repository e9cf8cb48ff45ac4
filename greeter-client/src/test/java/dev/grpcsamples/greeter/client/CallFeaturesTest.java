package dev.grpcsamples.greeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.grpcsamples.greeter.server.GreeterService;
import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.LogRecorder;
import dev.grpcsamples.testing.RunningServer;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Status codes, error details, metadata and JSON output: the greeter CLI against a real server
 * (the same bootstrap and interceptors as the jar), asserting what the user sees.
 */
class CallFeaturesTest {
  private static RunningServer server;

  /** The server bootstrap's interceptors log under this package. */
  @RegisterExtension
  final LogRecorder serverLog = LogRecorder.named("dev.grpcsamples.common");

  @BeforeAll
  static void start() {
    server = GreeterCli.greeterServer("--demo-status", "--echo-metadata");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    server.close();
  }

  private static CommandResult client(String... args) {
    return GreeterCli.against(server, args);
  }

  @ParameterizedTest
  @EnumSource(value = Status.Code.class, names = "OK", mode = EnumSource.Mode.EXCLUDE)
  void everyStatusCodeCanBeAskedForAndIsPrintedAsCodeColonDescription(Status.Code code) {
    CommandResult r = client("status", code.name());
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.stderr().get(0).startsWith(code.name() + ": "), r.toString());
    assertTrue(r.stderr().get(0).endsWith(" (asked for with demo-status)"), r.toString());
    assertEquals(List.of(), r.stdout());
  }

  @Test
  void errorDetailsArePrintedUnderTheStatus() {
    assertEquals(List.of(
        "UNAVAILABLE: the service cannot answer right now; retry with backoff (asked for with "
            + "demo-status)",
        "  reason: UNAVAILABLE (grpcsamples.dev) method=helloworld.Greeter/SayHello",
        "  retry after: 1s"), client("status", "unavailable").stderr());
    assertEquals(List.of(
        "INVALID_ARGUMENT: the request is wrong, whatever the server's state (asked for with "
            + "demo-status)",
        "  name: an example of a field at fault"), client("status", "INVALID_ARGUMENT").stderr());
  }

  @Test
  void statusOkRunsTheCall() {
    CommandResult r = client("status", "OK", "--name", "Ada");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(List.of("Hello, Ada!"), r.stdout());
  }

  @Test
  void anUncaughtExceptionIsACleanInternalWithAReferenceTheServerLogged() throws Exception {
    CommandResult r = client("status", "crash");
    assertEquals(1, r.exitCode(), r.toString());
    Matcher m = Pattern.compile("INTERNAL: internal error; the server logged it as error (\\w{8})")
        .matcher(r.stderr().get(0));
    assertTrue(m.matches(), r.toString());
    assertEquals(1, r.stderr().size(), "nothing of the exception reaches the client: " + r);
    String logged = serverLog.await("error " + m.group(1), Duration.ofSeconds(5));
    assertEquals("helloworld.Greeter/SayHello failed with an uncaught exception, error "
        + m.group(1), logged);
  }

  @Test
  void anUnknownStatusNameIsAUsageError() {
    CommandResult r = client("status", "NOPE");
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().get(0).contains("'NOPE' is not a status code"), r.toString());
  }

  @Test
  void headersGoOutAndResponseHeadersAndTrailersComeBack() {
    CommandResult r = client("hello", "--name", "Ada", "-H", "trace-id=abc123",
        "--header", "city-bin=5YyX5Lqs", "--show-metadata");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(List.of("Hello, Ada!"), r.stdout());
    assertEquals(List.of(
        "header served-by: greeter-server",
        "trailer echo-city-bin: 5YyX5Lqs (UTF-8: 北京)",
        "trailer echo-trace-id: abc123"), r.stderr());
  }

  @Test
  void javaTurnsNonAsciiInAPlainHeaderIntoQuestionMarks() {
    // What the CLI protects you from: grpc-java sends no error and no hang, just '?'s.
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("city", Metadata.ASCII_STRING_MARSHALLER), "北京");
    assertEquals("??", echoOf(headers, "echo-city"));
  }

  @Test
  void theCliRefusesNonAsciiInAPlainHeaderAndSaysWhatToDo() {
    CommandResult r = client("hello", "-H", "city=北京");
    assertEquals(2, r.exitCode());
    assertEquals("--header city: the value is not printable ASCII, and gRPC would send each other "
        + "character as '?'. Send it under a -bin key as base64 of its UTF-8 bytes "
        + "(--header city-bin=5YyX5Lqs), or percent-encode it", r.stderr().get(0));
  }

  @Test
  void aBinHeaderCarriesUtf8Intact() {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("city-bin", Metadata.BINARY_BYTE_MARSHALLER),
        "北京".getBytes(StandardCharsets.UTF_8));
    AtomicReference<Metadata> trailers = call(headers);
    byte[] echoed = trailers.get().get(Metadata.Key.of("echo-city-bin",
        Metadata.BINARY_BYTE_MARSHALLER));
    assertEquals("北京", new String(echoed, StandardCharsets.UTF_8));
  }

  @Test
  void percentEncodingCarriesUtf8InAPlainHeader() {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("city", Metadata.ASCII_STRING_MARSHALLER),
        URLEncoder.encode("北京", StandardCharsets.UTF_8));
    String echoed = echoOf(headers, "echo-city");
    assertEquals("%E5%8C%97%E4%BA%AC", echoed);
    assertEquals("北京", URLDecoder.decode(echoed, StandardCharsets.UTF_8));
  }

  @Test
  void jsonPrintsOneObjectPerLine() throws Exception {
    CommandResult r = client("all", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(9, r.stdout().size(), r.toString()); // 1 + 1 + 3 + 1 + 3 replies, no headings
    for (String line : r.stdout()) {
      HelloReply.Builder reply = HelloReply.newBuilder();
      JsonFormat.parser().merge(line, reply);
      assertFalse(reply.getMessage().isEmpty(), line);
    }
    assertEquals("{\"message\":\"Hello, world! (reply 1 of 3)\"}", r.stdout().get(2));
  }

  private static String echoOf(Metadata headers, String key) {
    return call(headers).get().get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
  }

  private static AtomicReference<Metadata> call(Metadata headers) {
    AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    GreeterGrpc.newBlockingStub(server.channel())
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers),
            MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, trailers))
        .sayHello(HelloRequest.newBuilder().setName("Ada").build());
    return trailers;
  }
}
