package dev.grpcsamples.common.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.common.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigsTest {
  @TempDir
  Path dir;

  @Test
  void theBuiltInConfigsLoad() {
    for (String name : ServiceConfigs.BUILT_IN) {
      assertTrue(ServiceConfigs.load(name).containsKey("methodConfig"), name);
    }
    Map<String, ?> hedging = ServiceConfigs.load("hedging");
    assertTrue(hedging.containsKey("retryThrottling"));
  }

  @Test
  void gsonGivesTheMapsAndDoublesGrpcJavaTakes() {
    Map<String, ?> retry = ServiceConfigs.load("retry");
    Object policy = ((Map<?, ?>) ((List<?>) retry.get("methodConfig")).get(0)).get("retryPolicy");
    assertEquals(5.0, ((Map<?, ?>) policy).get("maxAttempts"));
  }

  @Test
  void maxAttemptsOfOneIsRefused() throws Exception {
    assertEquals(": methodConfig[0].retryPolicy.maxAttempts must be a whole number of at least 2 "
        + "(the first attempt counts), not 1", problem(RETRY.replace("\"maxAttempts\": 4",
            "\"maxAttempts\": 1")));
  }

  @Test
  void anUnknownStatusCodeIsRefused() throws Exception {
    assertEquals(": methodConfig[0].retryPolicy.retryableStatusCodes 'UNAVAILABEL' is not a status "
        + "code name such as UNAVAILABLE", problem(RETRY.replace("\"UNAVAILABLE\"",
            "\"UNAVAILABEL\"")));
  }

  @Test
  void aDurationWithoutUnitIsRefused() throws Exception {
    assertEquals(": methodConfig[0].retryPolicy.initialBackoff must be a duration string like "
        + "\"0.1s\", not 100", problem(RETRY.replace("\"0.1s\"", "100")));
  }

  @Test
  void brokenJsonAndMissingFilesAreOneLine() throws Exception {
    assertTrue(problem("{\"methodConfig\": [").startsWith(": not valid JSON ("));
    Cli.InputError e = assertThrows(Cli.InputError.class, () -> ServiceConfigs.load("nope.json"));
    assertEquals("--service-config nope.json: no such file (or use one of hedging, retry, "
        + "retry-throttled, round-robin)", e.getMessage());
  }

  private static final String RETRY = "{\"methodConfig\": [{\"name\": [{\"service\": \"x.Y\"}],"
      + " \"retryPolicy\": {\"maxAttempts\": 4, \"initialBackoff\": \"0.1s\", \"maxBackoff\": \"1s\","
      + " \"backoffMultiplier\": 2, \"retryableStatusCodes\": [\"UNAVAILABLE\"]}}]}";

  /** The message for a config, without the file name in front. */
  private String problem(String json) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, json);
    Cli.InputError e = assertThrows(Cli.InputError.class, () -> ServiceConfigs.load(file.toString()));
    return e.getMessage().substring(file.toString().length());
  }
}
