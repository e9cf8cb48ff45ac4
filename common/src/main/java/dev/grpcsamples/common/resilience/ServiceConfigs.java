package dev.grpcsamples.common.resilience;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.grpcsamples.common.cli.Cli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Service configs: the JSON that tells a gRPC channel how to retry, hedge, throttle and load-balance
 * (grpc/doc/service_config.md). --service-config takes a built-in name (retry, retry-throttled,
 * hedging, round-robin: the files in resources/.../service-configs) or a file.
 *
 * <p>grpc-java reads the JSON as nested maps and lists, numbers as doubles, which is what Gson makes.
 * {@code defaultServiceConfig(map)} only keeps a copy; {@code build()} parses it, and throws an
 * IllegalStateException if a policy is unusable ("maxAttempts must be greater than 1", an unknown
 * status code, a duration without its "s"). {@link #refused} turns that into one line naming the
 * file. What grpc-java does not check, {@link #load} does: a key it does not know (a typo such as
 * {@code retryPolicyy}) is ignored without a word, so the policy the user wrote never runs; and a
 * method with both a retryPolicy and a hedgingPolicy, which the spec forbids, is accepted.
 */
public final class ServiceConfigs {
  static final Set<String> BUILT_IN = Set.of("retry", "retry-throttled", "hedging", "round-robin");

  /**
   * The keys grpc-java reads, by the key of the object they sit in ("" for the top level). The
   * objects inside loadBalancingConfig belong to each load balancer, and are not listed.
   */
  private static final Map<String, Set<String>> KNOWN_KEYS = Map.of(
      "", Set.of("loadBalancingPolicy", "loadBalancingConfig", "methodConfig", "retryThrottling",
          "healthCheckConfig"),
      "methodConfig", Set.of("name", "waitForReady", "timeout", "maxRequestMessageBytes",
          "maxResponseMessageBytes", "retryPolicy", "hedgingPolicy"),
      "name", Set.of("service", "method"),
      "retryPolicy", Set.of("maxAttempts", "initialBackoff", "maxBackoff", "backoffMultiplier",
          "retryableStatusCodes", "perAttemptRecvTimeout"),
      "hedgingPolicy", Set.of("maxAttempts", "hedgingDelay", "nonFatalStatusCodes"),
      "retryThrottling", Set.of("maxTokens", "tokenRatio"),
      "healthCheckConfig", Set.of("serviceName"));

  private ServiceConfigs() {}

  /** Reads and checks a built-in config or a file; a bad one is a {@link Cli.InputError}. */
  public static Map<String, ?> load(String nameOrFile) {
    String json;
    if (BUILT_IN.contains(nameOrFile)) {
      try (InputStream in = ServiceConfigs.class.getResourceAsStream(
          "service-configs/" + nameOrFile + ".json")) {
        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException("the built-in service config " + nameOrFile, e);
      }
    } else {
      Path file = Path.of(nameOrFile);
      if (!Files.isRegularFile(file)) {
        throw new Cli.InputError("--service-config " + nameOrFile + ": no such file (or use one of "
            + String.join(", ", new TreeSet<>(BUILT_IN)) + ")");
      }
      try {
        json = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new Cli.InputError("--service-config " + nameOrFile + ": cannot read (" + e + ")");
      }
    }
    Map<String, ?> config;
    try {
      @SuppressWarnings("unchecked")
      Map<String, ?> parsed = new Gson().fromJson(json, Map.class);
      config = parsed;
    } catch (JsonParseException e) {
      throw new Cli.InputError(nameOrFile + ": not valid JSON (" + e.getMessage() + ")");
    }
    if (config == null) {
      throw new Cli.InputError(nameOrFile + ": empty");
    }
    checkKeys(nameOrFile, "", "", config);
    return config;
  }

  /**
   * The one line for a config that {@code build()} refused. grpc-java puts its reason in the
   * exception's message, as the Status it made: "Default config is invalid: Status{code=UNKNOWN,
   * description=failed to parse service config, cause=java.lang.IllegalArgumentException:
   * maxAttempts must be greater than 1: 1 ...}". The reason is the cause's first line, or the
   * description when there is no cause ("None of [x] specified by Service Config are available.").
   */
  public static Cli.InputError refused(String nameOrFile, IllegalStateException e) {
    return new Cli.InputError(nameOrFile + ": grpc-java refuses this service config: "
        + reason(String.valueOf(e.getMessage())));
  }

  private static final Pattern CAUSE = Pattern.compile("cause=[\\w.$]+: (.+)");
  private static final Pattern DESCRIPTION = Pattern.compile("description=(.+?), cause=null");
  private static final Pattern CLASS_NAMES =
      Pattern.compile("^(?:(?:[a-z]\\w*\\.)+[A-Z][\\w$]*: )+");

  static String reason(String message) {
    Matcher cause = CAUSE.matcher(message);
    if (cause.find()) {
      // A wrapped exception reads "java.lang.RuntimeException: java.text.ParseException: ...".
      return CLASS_NAMES.matcher(cause.group(1).trim()).replaceFirst("");
    }
    Matcher description = DESCRIPTION.matcher(message);
    return description.find() ? description.group(1) : message.lines().findFirst().orElse(message);
  }

  /** Walks the objects whose keys are known, with the JSON path for a message. */
  private static void checkKeys(String source, String kind, String path, Map<String, ?> object) {
    Set<String> known = KNOWN_KEYS.get(kind);
    for (Map.Entry<String, ?> entry : object.entrySet()) {
      String key = entry.getKey();
      String at = path.isEmpty() ? key : path + "." + key;
      if (!known.contains(key)) {
        throw new Cli.InputError(source + ": " + at + " is not a key grpc-java reads here, so it "
            + "would be ignored (it knows " + String.join(", ", new TreeSet<>(known)) + ")");
      }
      if (!KNOWN_KEYS.containsKey(key)) {
        continue; // a value, not an object of known keys
      }
      // Wrong shapes (a list where an object belongs) are left for grpc-java to refuse at build().
      if (entry.getValue() instanceof Map<?, ?> child) {
        checkKeys(source, key, at, asObject(child));
      } else if (entry.getValue() instanceof List<?> children) {
        for (int i = 0; i < children.size(); i++) {
          if (children.get(i) instanceof Map<?, ?> child) {
            checkKeys(source, key, at + "[" + i + "]", asObject(child));
          }
        }
      }
    }
    if (object.containsKey("retryPolicy") && object.containsKey("hedgingPolicy")) {
      throw new Cli.InputError(source + ": " + path + " has both a retryPolicy and a hedgingPolicy; "
          + "a method can use only one");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> asObject(Map<?, ?> json) {
    return (Map<String, ?>) json; // JSON object keys are strings
  }
}
