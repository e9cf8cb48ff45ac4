package dev.grpcsamples.greeter.server.demo;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.common.cli.DurationConverter;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tutorial's demo switches. Each one is off unless its flag is given, and each installs one
 * interceptor on the Greeter service only when it is on: a server started with no flags ignores a
 * {@code demo-status} header, echoes nothing, and fails nothing on purpose. Copying greeter-server?
 * Leave this package behind.
 */
public final class DemoOptions {
  @picocli.CommandLine.Option(names = "--demo-status",
      description = "Status-code tour: answer a call that carries the header 'demo-status: CODE' "
          + "with that status and its standard error details ('crash': throw instead).")
  boolean statusTour;

  @picocli.CommandLine.Option(names = "--echo-metadata",
      description = "Send served-by and deadline-remaining headers, and every request header back "
          + "as an echo-KEY trailer.")
  boolean echoMetadata;

  @picocli.CommandLine.Option(names = "--fail-rate", paramLabel = "FRACTION",
      description = "Fail this fraction of calls (0 to 1) with --fail-code, before they run, to "
          + "see retries work (default: 0).")
  double failRate;

  @picocli.CommandLine.Option(names = "--fail-code", paramLabel = "CODE",
      description = "The status code of injected failures (default: ${DEFAULT-VALUE}).")
  String failCode = "UNAVAILABLE";

  @picocli.CommandLine.Option(names = "--slow-rate", paramLabel = "FRACTION",
      description = "Delay this fraction of calls (0 to 1) by --slow-delay, to see hedging cut "
          + "the tail latency (default: 0).")
  double slowRate;

  @picocli.CommandLine.Option(names = "--slow-delay", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long an injected delay lasts (default: 500ms).")
  Duration slowDelay = Duration.ofMillis(500);

  private FaultInjection faults;

  /**
   * The interceptors the flags ask for, in the order {@code ServerInterceptors.intercept} takes them
   * (the last runs first): fault injection decides first, then the status tour, then the echo.
   */
  public List<ServerInterceptor> interceptors(String serverName) {
    validate();
    List<ServerInterceptor> on = new ArrayList<>();
    if (echoMetadata) {
      on.add(new MetadataEcho(serverName));
    }
    if (statusTour) {
      on.add(new StatusDemo());
    }
    if (failRate > 0 || slowRate > 0) {
      faults = new FaultInjection(failRate, Status.Code.valueOf(failCode), slowRate, slowDelay);
      on.add(faults);
    }
    return on;
  }

  /** A line for the log once the server starts, naming the demos that are on; null if none is. */
  public String describe() {
    List<String> on = new ArrayList<>();
    if (statusTour) {
      on.add("status-code tour (demo-status header)");
    }
    if (echoMetadata) {
      on.add("metadata echo");
    }
    if (faults != null) {
      on.add("fault injection: " + failRate + " of calls fail with " + failCode + ", " + slowRate
          + " are slowed by " + DurationConverter.format(slowDelay));
    }
    return on.isEmpty() ? null : "demo switches on: " + String.join("; ", on);
  }

  /** What fault injection did, for the log at shutdown; null if it was off. */
  public String faultReport() {
    return faults == null ? null : faults.summary();
  }

  private void validate() {
    // NaN fails every comparison, so "not inside [0, 1]" is written to catch it too.
    if (!(failRate >= 0 && failRate <= 1) || !(slowRate >= 0 && slowRate <= 1)) {
      throw new Cli.UsageError("--fail-rate and --slow-rate are fractions from 0 to 1");
    }
    try {
      if (Status.Code.valueOf(failCode.toUpperCase(Locale.ROOT)) == Status.Code.OK) {
        throw new IllegalArgumentException();
      }
      failCode = failCode.toUpperCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new Cli.UsageError("--fail-code '" + failCode + "' is not a status code other than OK");
    }
  }
}
