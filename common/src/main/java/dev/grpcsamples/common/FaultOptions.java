package dev.grpcsamples.common;

import java.time.Duration;
import picocli.CommandLine.Option;

/** A server's fault-injection options (part of {@link ServerOptions}): misbehave, on purpose. */
public final class FaultOptions {
  @Option(names = "--fail-rate", paramLabel = "FRACTION",
      description = "Fail this fraction of calls (0 to 1) with --fail-code, before they run, to "
          + "see retries work (default: 0).")
  double failRate;

  @Option(names = "--fail-code", paramLabel = "CODE",
      description = "The status code of injected failures (default: ${DEFAULT-VALUE}).")
  String failCode = "UNAVAILABLE";

  @Option(names = "--slow-rate", paramLabel = "FRACTION",
      description = "Delay this fraction of calls (0 to 1) by --slow-delay, to see hedging cut "
          + "the tail latency (default: 0).")
  double slowRate;

  @Option(names = "--slow-delay", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long an injected delay lasts (default: 500ms).")
  Duration slowDelay = Duration.ofMillis(500);

  boolean any() {
    return failRate > 0 || slowRate > 0;
  }

  void validate() {
    if (failRate < 0 || failRate > 1 || slowRate < 0 || slowRate > 1) {
      throw new Cli.UsageError("--fail-rate and --slow-rate are fractions from 0 to 1");
    }
    try {
      io.grpc.Status.Code code = io.grpc.Status.Code.valueOf(failCode);
      if (code == io.grpc.Status.Code.OK) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new Cli.UsageError("--fail-code '" + failCode + "' is not a status code other than OK");
    }
  }
}
