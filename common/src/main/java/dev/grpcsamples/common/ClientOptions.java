package dev.grpcsamples.common;

import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every client in this repository takes. They are inherited by every subcommand, so
 * {@code greeter-client hello --target host:port} and {@code greeter-client --target host:port hello}
 * both work. A client mixes them in with its own default target:
 * {@code @Mixin ClientOptions client = new ClientOptions("localhost:50051");}
 */
public final class ClientOptions {
  @Option(names = "--target", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
      description = "Server to call: host:port, or any gRPC target URI such as dns:///host:port "
          + "(default: ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--deadline", paramLabel = "DURATION", scope = ScopeType.INHERIT,
      converter = DurationConverter.class,
      description = "Give up on each call after this long, e.g. 500ms or 2s (default: no deadline).")
  Duration deadline;

  public ClientOptions(String defaultTarget) {
    this.target = defaultTarget;
  }

  public String target() {
    return target;
  }

  /** The per-call deadline, or {@code null} for none. */
  public Duration deadline() {
    return deadline;
  }
}
