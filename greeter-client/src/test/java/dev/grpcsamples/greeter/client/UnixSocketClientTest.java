package dev.grpcsamples.greeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.RunningServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The greeter CLI reaches a server on a Unix socket with {@code --target unix:///PATH}. */
class UnixSocketClientTest {
  @TempDir
  Path dir;

  @Test
  void helloOverAUnixSocket() throws Exception {
    Path socket = dir.resolve("greeter.sock");
    try (RunningServer server = GreeterCli.greeterServer("--unix-socket", socket.toString())) {
      CommandResult result = GreeterCli.run("hello", "--target", "unix://" + socket,
          "--name", "Ada");
      assertEquals(0, result.exitCode(), result.toString());
      assertEquals(List.of("Hello, Ada!"), result.stdout());
      assertEquals(List.of(), result.stderr());
    }
  }
}
