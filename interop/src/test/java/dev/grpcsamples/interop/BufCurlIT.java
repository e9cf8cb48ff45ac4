package dev.grpcsamples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.RunningJar;
import dev.grpcsamples.testing.ServerJar;
import dev.grpcsamples.testing.TestCerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * buf curl, a grpcurl that npm can install, against the Java servers: it learns the schema from
 * their reflection service, so it needs no .proto file.
 */
class BufCurlIT {
  private static final String BUF = "interop/node_modules/.bin/buf";

  private static ServerJar.Started greeter;
  private static ServerJar.Started recommend;

  @BeforeAll
  static void startJavaServers() throws Exception {
    if (!Files.isExecutable(Peer.repository().resolve(BUF))) {
      String reason = BUF + " not found (npm @bufbuild/buf): run npm ci in interop/";
      System.err.println("[interop] SKIPPING BufCurlIT: " + reason);
      Assumptions.abort(reason);
    }
    greeter = JavaServers.greeter();
    recommend = JavaServers.recommend();
  }

  @AfterAll
  static void stopJavaServers() throws Exception {
    for (ServerJar.Started server : new ServerJar.Started[] {greeter, recommend}) {
      if (server != null) {
        server.process().terminate();
        server.process().waitFor(Duration.ofSeconds(20));
      }
    }
  }

  /** {@code buf curl --protocol grpc --http2-prior-knowledge ARGS}: gRPC over plaintext HTTP/2. */
  private static CommandResult curl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(BUF, "curl", "--protocol", "grpc",
        "--http2-prior-knowledge"));
    command.addAll(List.of(args));
    return RunningJar.runCommand(Peer.TIMEOUT, Peer.repository(), command);
  }

  @Test
  void listsTheServices() throws Exception {
    CommandResult r = curl("--list-services", "http://" + greeter.target());
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(List.of("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection", "helloworld.Greeter"), r.stdout());
  }

  /** The URL is the server's: buf takes any path in it as a prefix for the reflection service. */
  @Test
  void listsTheMethods() throws Exception {
    CommandResult r = curl("--list-methods", "http://" + greeter.target());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.stdout().containsAll(List.of("helloworld.Greeter/BidiHello",
        "helloworld.Greeter/LotsOfGreetings", "helloworld.Greeter/LotsOfReplies",
        "helloworld.Greeter/SayHello", "helloworld.Greeter/SayHelloAgain")), r.toString());
  }

  @Test
  void describesAMethodFromReflection() throws Exception {
    assumeJqAndDescriptorProto("describesAMethodFromReflection");
    CommandResult r = RunningJar.runCommand(Peer.TIMEOUT, Peer.repository(),
        List.of("interop/describe.sh", greeter.target(), "helloworld.Greeter.LotsOfReplies"));
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(List.of(
        "rpc LotsOfReplies(helloworld.HelloRequest) returns (stream helloworld.HelloReply)",
        "message helloworld.HelloRequest { string name = 1; bytes payload = 2; }",
        "message helloworld.HelloReply { string message = 1; bytes payload = 2; }"), r.stdout());
  }

  @Test
  void callsSayHelloWithJson() throws Exception {
    CommandResult r = curl("--data", "{\"name\": \"Ada\"}",
        "http://" + greeter.target() + "/helloworld.Greeter/SayHello");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(List.of("{", "  \"message\": \"Hello, Ada!\"", "}"), r.stdout());
  }

  /** JSON in, JSON out: lowerCamelCase names (the proto names are accepted too), int64 as strings. */
  @Test
  void callsRecommendWithJson() throws Exception {
    CommandResult r = curl("--data", "{\"user_id\": 2, \"articleNum\": 1}",
        "http://" + recommend.target() + "/recommend.UserRecommend/Recommend");
    assertEquals(0, r.exitCode(), r.toString());
    String json = String.join("\n", r.stdout());
    assertTrue(json.contains("\"articleId\": 225,"), json);
    assertTrue(json.contains("\"views\": \"17601\""), json);
    assertTrue(json.contains("\"catalogSize\": 300"), json);
  }

  /** TLS: an https URL, and the dev CA to trust. */
  @Test
  void callsATlsServer() throws Exception {
    Path certs = TestCerts.trusted();
    ServerJar.Started tls = JavaServers.greeter("--tls-cert", TestCerts.file(certs, "server.crt"),
        "--tls-key", TestCerts.file(certs, "server.key"));
    try (RunningJar process = tls.process()) {
      CommandResult r = RunningJar.runCommand(Peer.TIMEOUT, Peer.repository(),
          List.of(BUF, "curl", "--protocol", "grpc", "--cacert", TestCerts.file(certs, "ca.crt"),
              "--data", "{\"name\": \"Ada\"}",
              "https://" + tls.target() + "/helloworld.Greeter/SayHello"));
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(List.of("{", "  \"message\": \"Hello, Ada!\"", "}"), r.stdout());
    }
  }

  /** A server without reflection (the Python, Node and Go ones): the schema comes from proto/. */
  @Test
  void callsAServerWithoutReflectionWithTheSchemaFromProto() throws Exception {
    Peer.GO.assumeInstalled();
    try (Peer.Started go = Peer.GO.startServer()) {
      CommandResult r = curl("--schema", "proto", "--data", "{\"userId\": 2, \"articleNum\": 1}",
          "http://" + go.target() + "/recommend.UserRecommend/Recommend");
      assertEquals(0, r.exitCode(), r.toString());
      String json = String.join("\n", r.stdout());
      assertTrue(json.contains("\"title\": \"Night Trains Across the Alps\""), json);
      assertTrue(json.contains("\"catalogSize\": 5"), json);
    }
  }

  /**
   * An error is JSON on stderr, and the exit code is the status code times 8. The BadRequest detail
   * stays base64: buf curl prints details the way Connect's error JSON does, and looks no type up.
   */
  @Test
  void anErrorShowsItsCodeAndTheDetailsType() throws Exception {
    CommandResult r = curl("--data", "{\"user_id\": 0, \"article_num\": 500}",
        "http://" + recommend.target() + "/recommend.UserRecommend/Recommend");
    assertEquals(3 * 8, r.exitCode(), r.toString());
    String json = String.join("\n", r.stderr());
    assertTrue(json.contains("\"code\": \"invalid_argument\""), json);
    assertTrue(json.contains("\"message\": \"invalid UserRequest: user_id, article_num\""), json);
    assertTrue(json.contains("\"type\": \"google.rpc.BadRequest\""), json);
  }

  /**
   * decode-details.sh decodes them with the schema from reflection, which serves
   * google/rpc/error_details.proto because recommend.proto imports it.
   */
  @Test
  void decodeDetailsDecodesTheBadRequestWithTheSchemaFromReflection() throws Exception {
    assumeJqAndDescriptorProto("decodeDetailsDecodesTheBadRequestWithTheSchemaFromReflection");
    CommandResult r = RunningJar.runCommand(Peer.TIMEOUT, Peer.repository(), List.of("bash", "-c",
        BUF + " curl --protocol grpc --http2-prior-knowledge"
        + " --data '{\"user_id\": 0, \"article_num\": 500}' http://"
        + recommend.target() + "/recommend.UserRecommend/Recommend 2>&1"
        + " | interop/decode-details.sh " + recommend.target()));
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(List.of("google.rpc.BadRequest {\"fieldViolations\":["
        + "{\"field\":\"user_id\",\"description\":\"must be a positive number, not 0\"},"
        + "{\"field\":\"article_num\",\"description\":"
        + "\"must be at most 100 (this server's --max-articles), not 500\"}]}"), r.stdout());
  }

  private static void assumeJqAndDescriptorProto(String test) {
    if (!Files.isExecutable(Paths.get("/usr/bin/jq"))
        || !Files.isRegularFile(Paths.get("/usr/include/google/protobuf/descriptor.proto"))) {
      String reason = "the script needs jq and /usr/include/google/protobuf/descriptor.proto "
          + "(Debian's jq and protobuf-compiler): run interop/install-toolchains.sh";
      System.err.println("[interop] SKIPPING " + test + ": " + reason);
      Assumptions.abort(reason);
    }
  }
}
