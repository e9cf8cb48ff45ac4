package dev.grpcsamples.common.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.common.client.Channels;
import dev.grpcsamples.common.client.ClientOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServiceConfigsTest {
  private static final String RETRY = "{\"methodConfig\": [{\"name\": [{\"service\": \"x.Y\"}],"
      + " \"retryPolicy\": {\"maxAttempts\": 4, \"initialBackoff\": \"0.1s\", \"maxBackoff\": \"1s\","
      + " \"backoffMultiplier\": 2, \"retryableStatusCodes\": [\"UNAVAILABLE\"]}}]}";

  @TempDir
  Path dir;

  @Test
  void theBuiltInConfigsLoadAndGrpcJavaAcceptsThem() throws Exception {
    for (String name : ServiceConfigs.BUILT_IN) {
      Map<String, ?> config = ServiceConfigs.load(name);
      assertTrue(config.containsKey("methodConfig"), name);
      inProcess().defaultServiceConfig(config).build().shutdownNow();
    }
    assertTrue(ServiceConfigs.load("hedging").containsKey("retryThrottling"));
  }

  @Test
  void gsonGivesTheMapsAndDoublesGrpcJavaTakes() {
    Map<String, ?> retry = ServiceConfigs.load("retry");
    Object policy = ((Map<?, ?>) ((List<?>) retry.get("methodConfig")).get(0)).get("retryPolicy");
    assertEquals(5.0, ((Map<?, ?>) policy).get("maxAttempts"));
  }

  /**
   * Where grpc-java looks at a policy: not when it is given the config, but in build(); and only
   * when retries are on (they are by default, except on in-process channels).
   */
  @Test
  void grpcJavaChecksThePolicyInBuildNotBefore() throws Exception {
    Map<String, ?> config = ServiceConfigs.load(write(maxAttempts(1)).toString());
    ManagedChannelBuilder<?> builder = inProcess().defaultServiceConfig(config); // no complaint yet
    IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);
    assertTrue(e.getMessage().startsWith("Default config is invalid: "), e.getMessage());
    assertTrue(e.getMessage().contains("maxAttempts must be greater than 1: 1"), e.getMessage());

    // With retries off, grpc-java does not read retry policies at all, bad or good.
    inProcess().defaultServiceConfig(config).disableRetry().build().shutdownNow();
  }

  @Test
  void maxAttemptsOfOneIsGrpcJavasReasonOnOneLine() throws Exception {
    assertEquals(": grpc-java refuses this service config: maxAttempts must be greater than 1: 1",
        refusal(maxAttempts(1)));
  }

  @Test
  void anUnknownStatusCodeIsGrpcJavasReasonOnOneLine() throws Exception {
    assertEquals(": grpc-java refuses this service config: Status code UNAVAILABEL is not valid",
        refusal(RETRY.replace("\"UNAVAILABLE\"", "\"UNAVAILABEL\"")));
  }

  @Test
  void aDurationWithoutItsUnitIsGrpcJavasReasonOnOneLine() throws Exception {
    assertEquals(": grpc-java refuses this service config: Invalid duration string: 100",
        refusal(RETRY.replace("\"0.1s\"", "\"100\"")));
  }

  @Test
  void anUnknownLoadBalancerIsGrpcJavasReasonOnOneLine() throws Exception {
    assertEquals(": grpc-java refuses this service config: None of [round_robbin] specified by "
        + "Service Config are available.",
        refusal("{\"loadBalancingConfig\": [{\"round_robbin\": {}}]}"));
  }

  /** grpc-java builds a channel with a misspelt key and ignores it: the policy would never run. */
  @Test
  void aMisspeltKeyIsRefusedWithItsPath() throws Exception {
    String typo = RETRY.replace("retryPolicy", "retryPolicyy");
    @SuppressWarnings("unchecked")
    Map<String, ?> asGrpcJavaSeesIt = new com.google.gson.Gson().fromJson(typo, Map.class);
    inProcess().defaultServiceConfig(asGrpcJavaSeesIt).build().shutdownNow();

    assertEquals(": methodConfig[0].retryPolicyy is not a key grpc-java reads here, so it would be "
        + "ignored (it knows hedgingPolicy, maxRequestMessageBytes, maxResponseMessageBytes, name, "
        + "retryPolicy, timeout, waitForReady)", problem(typo));
    assertEquals(": methodConfig[0].retryPolicy.maxBackof is not a key grpc-java reads here, so it "
        + "would be ignored (it knows backoffMultiplier, initialBackoff, maxAttempts, maxBackoff, "
        + "perAttemptRecvTimeout, retryableStatusCodes)",
        problem(RETRY.replace("maxBackoff", "maxBackof")));
    assertEquals(": retryThrotling is not a key grpc-java reads here, so it would be ignored (it "
        + "knows healthCheckConfig, loadBalancingConfig, loadBalancingPolicy, methodConfig, "
        + "retryThrottling)", problem("{\"retryThrotling\": {}}"));
  }

  /** The spec allows one policy per method; grpc-java builds a channel with both. */
  @Test
  void retryAndHedgingTogetherAreRefused() throws Exception {
    assertEquals(": methodConfig[0] has both a retryPolicy and a hedgingPolicy; a method can use "
        + "only one", problem(RETRY.replace("\"retryPolicy\": {",
            "\"hedgingPolicy\": {\"maxAttempts\": 3, \"hedgingDelay\": \"1s\"}, \"retryPolicy\": {")));
  }

  @Test
  void brokenJsonAndMissingFilesAreOneLine() throws Exception {
    assertTrue(problem("{\"methodConfig\": [").startsWith(": not valid JSON ("));
    Cli.InputError e = assertThrows(Cli.InputError.class, () -> ServiceConfigs.load("nope.json"));
    assertEquals("--service-config nope.json: no such file (or use one of hedging, retry, "
        + "retry-throttled, round-robin)", e.getMessage());
  }

  /** An in-process channel with retries on, as a client's channel has them (ClientResilienceOptions). */
  private static ManagedChannelBuilder<?> inProcess() {
    return InProcessChannelBuilder.forName("unused").enableRetry();
  }

  private static String maxAttempts(int n) {
    return RETRY.replace("\"maxAttempts\": 4", "\"maxAttempts\": " + n);
  }

  private Path write(String json) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, json);
    return file;
  }

  /** The message of ServiceConfigs' own checks, without the file name in front. */
  private String problem(String json) throws Exception {
    Path file = write(json);
    Cli.InputError e = assertThrows(Cli.InputError.class, () -> ServiceConfigs.load(file.toString()));
    return e.getMessage().substring(file.toString().length());
  }

  /** What opening a client's channel with {@code --service-config FILE} says, minus the file name. */
  private String refusal(String json) throws Exception {
    Path file = write(json);
    ClientOptions options = new ClientOptions("localhost:1");
    new CommandLine(options).parseArgs("--service-config", file.toString());
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    Cli.InputError e = assertThrows(Cli.InputError.class, () -> {
      ManagedChannel opened = Channels.open(Channels.builder(options), options, nowhere);
      opened.shutdownNow();
    });
    return e.getMessage().substring(file.toString().length());
  }
}
