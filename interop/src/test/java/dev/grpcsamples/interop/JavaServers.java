package dev.grpcsamples.interop;

import dev.grpcsamples.testing.RunningJar;
import dev.grpcsamples.testing.ServerJar;
import java.util.ArrayList;
import java.util.List;

/**
 * Every Java server these tests start, and the flags it gets: in one place, so that a change to the
 * servers' demo flags is one edit here.
 */
final class JavaServers {
  /**
   * What the metadata tests need from greeter-server: request headers echoed back as {@code echo-}
   * trailers, and the {@code served-by} and {@code deadline-remaining} headers. The server does this
   * only when started with {@code --echo-metadata}.
   */
  static final List<String> ECHO_METADATA = List.of("--echo-metadata");

  private JavaServers() {}

  /** greeter-server on a free port, with the metadata echo on and {@code flags} added. */
  static ServerJar.Started greeter(String... flags) throws Exception {
    List<String> args = new ArrayList<>(ECHO_METADATA);
    args.addAll(List.of(flags));
    return ServerJar.start(RunningJar.jar("greeter-server.jar"), args.toArray(String[]::new));
  }

  /** recommend-server on a free port (its default --max-articles, 100), with {@code flags}. */
  static ServerJar.Started recommend(String... flags) throws Exception {
    return ServerJar.start(RunningJar.jar("recommend-server.jar"), flags);
  }
}
