package dev.grpcsamples.common;

import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** A client's retry, hedging, load-balancing and connection options; part of {@link ClientOptions}. */
public final class ClientResilienceOptions {
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
}
