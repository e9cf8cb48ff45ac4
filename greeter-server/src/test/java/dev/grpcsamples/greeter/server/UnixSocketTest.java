package dev.grpcsamples.greeter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.common.server.ServerBootstrap;
import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.LogRecorder;
import dev.grpcsamples.testing.RunningServer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --unix-socket}: a server on a socket file, a client on {@code unix:///PATH}. */
class UnixSocketTest {
  @RegisterExtension
  final LogRecorder log = LogRecorder.of(ServerBootstrap.class);

  @TempDir
  Path dir;

  private static RunningServer server(Path socket) {
    GreeterServer command = GreeterServer.parse("--unix-socket", socket.toString());
    return RunningServer.start(command.serverOptions(), List.of(command.greeter(null)));
  }

  private static String hello(RunningServer running) {
    return GreeterGrpc.newBlockingStub(running.channel())
        .sayHello(HelloRequest.newBuilder().setName("Ada").build()).getMessage();
  }

  @Test
  void aClientReachesTheServerThroughTheSocketFile() throws Exception {
    Path socket = dir.resolve("greeter.sock");
    try (RunningServer running = server(socket)) {
      assertEquals("unix://" + socket, running.server().target());
      assertEquals("Hello, Ada!", hello(running));
      assertTrue(log.messages().stream().anyMatch(
          m -> m.startsWith("test-server listening on unix://" + socket + " (")), log.messages().toString());
      running.shutdownGracefully();
    }
    assertFalse(Files.exists(socket), "a clean stop removes the socket file");
  }

  @Test
  void aStaleSocketFileLeftByAKilledServerIsRemoved() throws Exception {
    Path socket = dir.resolve("greeter.sock");
    // What a killed server leaves: a socket file that nobody listens on any more (the JDK, like a
    // process that dies, does not remove it on close).
    try (ServerSocketChannel killed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      killed.bind(UnixDomainSocketAddress.of(socket));
    }
    assertTrue(Files.exists(socket));

    try (RunningServer running = server(socket)) {
      assertEquals("Hello, Ada!", hello(running));
      assertTrue(log.messages().contains("removed stale socket file " + socket + ": nothing was "
          + "listening on it (left behind by a server that did not stop cleanly)"),
          log.messages().toString());
    }
  }

  @Test
  void aSocketInUseIsLeftAloneAndTheSecondServerSaysWhy() throws Exception {
    Path socket = dir.resolve("greeter.sock");
    try (RunningServer first = server(socket)) {
      ServerBootstrap.StartupException e =
          assertThrows(ServerBootstrap.StartupException.class, () -> server(socket));
      assertEquals("test-server cannot listen on unix://" + socket
          + ": another server is listening on it", e.getMessage());
      assertEquals("Hello, Ada!", hello(first), "the first server is untouched");
    }
  }

  @Test
  void aFileThatIsNotASocketIsNotRemoved() throws Exception {
    Path notASocket = dir.resolve("notes.txt");
    Files.writeString(notASocket, "keep me");
    ServerBootstrap.StartupException e =
        assertThrows(ServerBootstrap.StartupException.class, () -> server(notASocket));
    assertEquals("test-server cannot listen on unix://" + notASocket + ": the file exists and is "
        + "not a socket (remove it, or pick another --unix-socket)", e.getMessage());
    assertEquals("keep me", Files.readString(notASocket));
  }
}
