package dev.grpcsamples.greeter.client;

import dev.grpcsamples.common.client.Channels;
import dev.grpcsamples.greeter.server.GreeterServer;
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

  /**
   * greeter-server in the test JVM, started from its own flags (demo switches included) on a free
   * port, with 3 LotsOfReplies replies and no pause between them unless the flags say otherwise.
   */
  static RunningServer greeterServer(String... flags) {
    List<String> all = new ArrayList<>(List.of(flags));
    for (String[] fallback : new String[][] {
        {"--port", "0"}, {"--replies", "3"}, {"--reply-interval", "0ms"}}) {
      if (!all.contains(fallback[0])) {
        all.addAll(List.of(fallback));
      }
    }
    GreeterServer command = GreeterServer.parse(all.toArray(String[]::new));
    return RunningServer.start(command.serverOptions(), List.of(command.greeter(null)));
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
