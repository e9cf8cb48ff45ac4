package dev.grpcsamples.greeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grpcsamples.greeter.server.GreeterService;
import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.RunningServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --max-message-size on both sides and --payload, through the CLI against real servers. */
class MessageSizeTest {
  private static CommandResult client(RunningServer server, String... args) {
    return GreeterCli.against(server, args);
  }

  private static RunningServer server(String... flags) {
    return GreeterCli.greeterServer(flags);
  }

  @Test
  void aRequestOverTheServersLimitNamesTheServerAndTheServerKeepsServing() throws Exception {
    try (RunningServer defaults = server()) {
      CommandResult r = client(defaults, "hello", "--payload", "5MiB");
      assertEquals(1, r.exitCode(), r.toString());
      assertEquals(List.of(
          "RESOURCE_EXHAUSTED: gRPC message exceeds maximum size 4194304: 5242892",
          "  the request is larger than the server accepts: start the server with a larger "
              + "--max-message-size (default 4MiB)"), r.stderr());

      assertEquals(List.of("Hello, world!"), client(defaults, "hello").stdout());
    }
  }

  @Test
  void aReplyOverTheClientsLimitNamesTheClient() throws Exception {
    try (RunningServer big = server("--max-message-size", "60MiB")) {
      CommandResult r = client(big, "hello", "--payload", "5MiB");
      assertEquals(1, r.exitCode(), r.toString());
      assertEquals("  the reply is larger than this client accepts: raise the client's "
          + "--max-message-size (default 4MiB)", r.stderr().get(1));
    }
  }

  @Test
  void aCompressedReplyOverTheClientsLimitIsResourceExhaustedToo() throws Exception {
    try (RunningServer big = server("--max-message-size", "60MiB", "--compression", "gzip")) {
      CommandResult r = client(big, "hello", "--payload", "5MiB");
      assertEquals(1, r.exitCode(), r.toString());
      assertEquals(List.of(
          "RESOURCE_EXHAUSTED: Decompressed gRPC message exceeds maximum size 4194304",
          "  the reply is larger than this client accepts: raise the client's "
              + "--max-message-size (default 4MiB)"), r.stderr());
    }
  }

  @Test
  void sixtyMebibytesWorkWhenBothSidesAllowIt() throws Exception {
    try (RunningServer big = server("--max-message-size", "60MiB")) {
      CommandResult r = client(big, "hello", "--payload", "59MiB", "--max-message-size", "60MiB");
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(List.of("Hello, world! (61865984 bytes of payload received and returned)"), r.stdout());
    }
  }

  @Test
  void aSizeThatIsNotASizeIsAUsageError() throws Exception {
    try (RunningServer any = server()) {
      CommandResult r = client(any, "hello", "--payload", "lots");
      assertEquals(2, r.exitCode());
      assertEquals("Invalid value for option '--payload': 'lots' is not a size below 2GiB: use "
          + "bytes, or a number with KiB, MiB or GiB, like 4MiB", r.stderr().get(0));
    }
  }

  @Test
  void aSizeThatWouldOverflowIsAUsageErrorNotALimitOfZero() {
    CommandResult r = GreeterCli.run("hello", "--max-message-size", "8589934592GiB");
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals("Invalid value for option '--max-message-size': '8589934592GiB' is not a size "
        + "below 2GiB: use bytes, or a number with KiB, MiB or GiB, like 4MiB", r.stderr().get(0));
  }
}
