package dev.grpcsamples.common.resilience;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.common.cli.DurationConverter;
import dev.grpcsamples.common.client.ClientOptions;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** A client's retry, hedging, load-balancing and connection options; part of {@link ClientOptions}. */
public final class ClientResilienceOptions {
  private static final Duration MIN_KEEPALIVE = Duration.ofSeconds(10);

  @Option(names = "--service-config", paramLabel = "NAME|FILE", scope = ScopeType.INHERIT,
      description = "Retry, hedging, throttling and load-balancing policy (service config JSON): "
          + "retry, retry-throttled, hedging, round-robin, or a file (default: none).")
  String serviceConfig;

  @Option(names = "--no-retry", scope = ScopeType.INHERIT,
      description = "Turn retries and hedging off, to compare.")
  boolean noRetry;

  @Option(names = "--wait-for-ready", scope = ScopeType.INHERIT,
      description = "If the server is not reachable yet, wait for it (within --deadline) instead "
          + "of failing at once with UNAVAILABLE.")
  boolean waitForReady;

  @Option(names = "--keepalive", paramLabel = "DURATION", scope = ScopeType.INHERIT,
      converter = DurationConverter.class,
      description = "Ping the server after this long without reading anything, to find dead "
          + "connections (at least 10s; the server must --permit-keepalive it) (default: off).")
  Duration keepalive;

  /**
   * What to tell the user when {@code build()} refused the channel these options were applied to.
   * grpc-java parses the service config there, not in {@code defaultServiceConfig}, and throws an
   * IllegalStateException with its reason; that becomes one line naming the config.
   */
  public RuntimeException whyBuildFailed(IllegalStateException e) {
    return serviceConfig == null ? e : ServiceConfigs.refused(serviceConfig, e);
  }

  /** Applies these options to a channel being built. */
  public void applyTo(ManagedChannelBuilder<?> builder) {
    if (serviceConfig != null) {
      builder.defaultServiceConfig(ServiceConfigs.load(serviceConfig));
    }
    if (noRetry) {
      builder.disableRetry();
    } else {
      builder.enableRetry(); // the default in grpc-java; a policy comes from the service config
    }
    if (waitForReady) {
      builder.intercept(WaitForReady.INTERCEPTOR);
    }
    if (keepalive != null) {
      if (keepalive.compareTo(MIN_KEEPALIVE) < 0) {
        throw new Cli.UsageError("--keepalive must be at least 10s: grpc-java raises anything "
            + "shorter to 10s, and servers refuse frequent pings (see --permit-keepalive)");
      }
      builder.keepAliveTime(keepalive.toNanos(), TimeUnit.NANOSECONDS);
    }
  }
}
