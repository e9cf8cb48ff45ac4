package dev.grpcsamples.interop;

import dev.grpcsamples.testing.CommandResult;
import java.util.List;

/** What a user sees from the Greeter, whichever language is on either end. */
final class Expected {
  private Expected() {}

  /** The client's {@code all}: the five calls in order, with the Java GreeterService's replies. */
  static final List<String> ALL = List.of(
      "# SayHello (unary)",
      "Hello, world!",
      "# SayHelloAgain (unary)",
      "Hello again, world!",
      "# LotsOfReplies (server streaming)",
      "Hello, world! (reply 1 of 5)",
      "Hello, world! (reply 2 of 5)",
      "Hello, world! (reply 3 of 5)",
      "Hello, world! (reply 4 of 5)",
      "Hello, world! (reply 5 of 5)",
      "# LotsOfGreetings (client streaming)",
      "Hello to all 3 names: Ada, Grace, Alan!",
      "# BidiHello (bidirectional streaming)",
      "Hello, Ada!",
      "Hello, Grace!",
      "Hello, Alan!");

  /** Two headers, one of them binary (-bin, base64 on the command line: 北京 in UTF-8). */
  static final String[] HEADERS = {"-H", "trace-id=abc123", "-H", "city-bin=5YyX5Lqs"};

  /** The trailers a server that echoes metadata sends back for {@link #HEADERS}. */
  static final List<String> ECHO_TRAILERS = List.of(
      "trailer echo-city-bin: 5YyX5Lqs (UTF-8: 北京)",
      "trailer echo-trace-id: abc123");

  /**
   * The milliseconds the server had left, from the {@code deadline-remaining} header it echoed
   * (printed by {@code --show-metadata}); fails if there was none.
   */
  static int deadlineRemainingMillis(CommandResult r) {
    return r.stderr().stream().filter(l -> l.startsWith("header deadline-remaining: "))
        .map(l -> Integer.parseInt(l.replaceAll("\\D", ""))).findFirst()
        .orElseThrow(() -> new AssertionError("no deadline-remaining header: " + r));
  }
}
