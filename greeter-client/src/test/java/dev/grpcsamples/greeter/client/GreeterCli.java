package dev.grpcsamples.greeter.client;

import dev.grpcsamples.common.Channels;
import dev.grpcsamples.testing.CliRun;
import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.RunningServer;
import java.util.ArrayList;
import java.util.List;

/**
 * The greeter CLI run in the test JVM, connecting exactly as the jar does (so the TLS and resilience
 * flags are the real ones), against a server started by the test.
 */
final class GreeterCli {
  private GreeterCli() {}

  static CommandResult run(String... args) {
    return CliRun.run(new GreeterClient(Channels::builder), args);
  }

  /** Runs against {@code server}: {@code --target localhost:PORT} is added unless args give one. */
  static CommandResult against(RunningServer server, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--target")) {
      all.addAll(List.of("--target", "localhost:" + server.server().port()));
    }
    return run(all.toArray(String[]::new));
  }
}
