package dev.grpcsamples.common.resilience;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.grpcsamples.common.cli.Cli;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Service configs: the JSON that tells a gRPC channel how to retry, hedge, throttle and load-balance
 * (grpc/doc/service_config.md). --service-config takes a built-in name (retry, retry-throttled,
 * hedging, round-robin: the files in resources/.../service-configs) or a file.
 *
 * <p>grpc-java reads the JSON as nested maps and lists, numbers as doubles, which is what Gson makes.
 * It checks a retry or hedging policy only when a call first uses it, and then quietly drops a bad
 * one; so this class checks the policies up front, and a bad file stops the client with a line that
 * says what is wrong and where.
 */
public final class ServiceConfigs {
  static final Set<String> BUILT_IN = Set.of("retry", "retry-throttled", "hedging", "round-robin");

  private ServiceConfigs() {}

  /** Reads and checks a built-in config or a file; a bad one is a {@link Cli.InputError}. */
  public static Map<String, ?> load(String nameOrFile) {
    String json;
    String source = nameOrFile;
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
            + String.join(", ", new java.util.TreeSet<>(BUILT_IN)) + ")");
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
      throw new Cli.InputError(source + ": not valid JSON (" + e.getMessage() + ")");
    }
    if (config == null) {
      throw new Cli.InputError(source + ": empty");
    }
    new Checker(source).check(config);
    return config;
  }

  /** The checks, with a JSON path for every message. */
  private static final class Checker {
    private final String source;

    Checker(String source) {
      this.source = source;
    }

    void check(Map<String, ?> config) {
      List<?> methodConfigs = list(config, "methodConfig", "methodConfig");
      for (int i = 0; methodConfigs != null && i < methodConfigs.size(); i++) {
        String at = "methodConfig[" + i + "]";
        Map<String, ?> mc = map(methodConfigs.get(i), at);
        if (mc.containsKey("retryPolicy") && mc.containsKey("hedgingPolicy")) {
          fail(at, "has both retryPolicy and hedgingPolicy; a method can use only one");
        }
        if (mc.containsKey("retryPolicy")) {
          Map<String, ?> p = map(mc.get("retryPolicy"), at + ".retryPolicy");
          attempts(p, at + ".retryPolicy");
          duration(p, "initialBackoff", at + ".retryPolicy");
          duration(p, "maxBackoff", at + ".retryPolicy");
          positive(p, "backoffMultiplier", at + ".retryPolicy");
          codes(p, "retryableStatusCodes", at + ".retryPolicy");
        }
        if (mc.containsKey("hedgingPolicy")) {
          Map<String, ?> p = map(mc.get("hedgingPolicy"), at + ".hedgingPolicy");
          attempts(p, at + ".hedgingPolicy");
          if (p.containsKey("hedgingDelay")) {
            duration(p, "hedgingDelay", at + ".hedgingPolicy");
          }
          if (p.containsKey("nonFatalStatusCodes")) {
            codes(p, "nonFatalStatusCodes", at + ".hedgingPolicy");
          }
        }
      }
      if (config.containsKey("retryThrottling")) {
        Map<String, ?> t = map(config.get("retryThrottling"), "retryThrottling");
        double maxTokens = number(t, "maxTokens", "retryThrottling");
        if (maxTokens <= 0 || maxTokens > 1000) {
          fail("retryThrottling.maxTokens", "must be more than 0 and at most 1000");
        }
        positive(t, "tokenRatio", "retryThrottling");
      }
    }

    private void attempts(Map<String, ?> policy, String at) {
      double n = number(policy, "maxAttempts", at);
      if (n < 2 || n != Math.floor(n)) {
        fail(at + ".maxAttempts", "must be a whole number of at least 2 (the first attempt "
            + "counts), not " + fmt(n));
      }
    }

    private void duration(Map<String, ?> policy, String key, String at) {
      Object v = policy.get(key);
      if (!(v instanceof String) || !((String) v).matches("\\d+(\\.\\d+)?s")) {
        fail(at + "." + key, "must be a duration string like \"0.1s\", not " + show(v));
      }
    }

    private void positive(Map<String, ?> policy, String key, String at) {
      if (number(policy, key, at) <= 0) {
        fail(at + "." + key, "must be more than 0");
      }
    }

    private void codes(Map<String, ?> policy, String key, String at) {
      List<?> codes = list(policy, key, at + "." + key);
      if (codes == null || codes.isEmpty()) {
        fail(at + "." + key, "must list at least one status code");
      }
      for (Object code : codes) {
        try {
          Status.Code c = Status.Code.valueOf(String.valueOf(code));
          if (c == Status.Code.OK) {
            throw new IllegalArgumentException();
          }
        } catch (IllegalArgumentException e) {
          fail(at + "." + key, "'" + code + "' is not a status code name such as UNAVAILABLE");
        }
      }
    }

    private double number(Map<String, ?> m, String key, String at) {
      Object v = m.get(key);
      if (!(v instanceof Number)) {
        fail(at + "." + key, v == null ? "is missing" : "must be a number, not " + show(v));
      }
      return ((Number) v).doubleValue();
    }

    private List<?> list(Map<String, ?> m, String key, String at) {
      Object v = m.get(key);
      if (v != null && !(v instanceof List)) {
        fail(at, "must be a list");
      }
      return (List<?>) v;
    }

    @SuppressWarnings("unchecked")
    private Map<String, ?> map(Object v, String at) {
      if (!(v instanceof Map)) {
        fail(at, "must be an object");
      }
      return (Map<String, ?>) v;
    }

    private void fail(String at, String problem) {
      throw new Cli.InputError(source + ": " + at + " " + problem);
    }

    /** A JSON value as it was written: Gson reads every number as a double (100 -> 100.0). */
    private static String show(Object v) {
      return v instanceof Number ? fmt(((Number) v).doubleValue()) : String.valueOf(v);
    }

    private static String fmt(double n) {
      return n == Math.floor(n) ? String.valueOf((long) n) : String.valueOf(n);
    }
  }
}
