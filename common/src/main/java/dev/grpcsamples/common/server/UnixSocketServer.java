package dev.grpcsamples.common.server;

import dev.grpcsamples.common.cli.Cli;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code --unix-socket PATH}: a Unix domain socket instead of a TCP port, for a client on the same
 * machine (a sidecar in the same pod, a local agent). No port to allocate or firewall, and file
 * permissions decide who may connect. grpc-java has no portable API for it: it is Netty's epoll
 * transport, which grpc-netty-shaded carries for Linux on x86_64 and arm64. Clients need nothing
 * special: grpc-java resolves a {@code unix:///PATH} target to the same transport.
 */
final class UnixSocketServer {
  /** The start-up's own logger: its lines read like the rest of the server's start. */
  private static final Logger logger = Logger.getLogger(ServerBootstrap.class.getName());

  /**
   * gRPC asks every connection for TCP keepalive; a Unix socket has none, and Netty says so in a
   * WARNING per connection. Harmless, so that one logger is quieted (kept here: JUL holds loggers
   * weakly, and a collected logger would forget its level).
   */
  static final Logger NETTY_BOOTSTRAP =
      Logger.getLogger("io.grpc.netty.shaded.io.netty.bootstrap");

  private UnixSocketServer() {}

  /**
   * A server builder listening on {@code path}. The event-loop threads and the socket file are the
   * server's: {@code resources} gets what closes them, to run after the server has stopped.
   */
  static ServerBuilder<?> builder(String name, Path path, ServerCredentials credentials,
      List<AutoCloseable> resources) {
    if (!Epoll.isAvailable()) {
      throw new Cli.UsageError("--unix-socket needs Netty's epoll transport (Linux on x86_64 or "
          + "arm64): " + Epoll.unavailabilityCause().getMessage());
    }
    removeIfStale(name, path.toAbsolutePath());
    NETTY_BOOTSTRAP.setLevel(Level.SEVERE);
    // Netty's epoll threads: one accepts connections, the others do their I/O. They are the
    // server's to shut down, after it has stopped.
    EventLoopGroup boss = new EpollEventLoopGroup(1);
    EventLoopGroup io = new EpollEventLoopGroup();
    resources.add(() -> {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
      io.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
      Files.deleteIfExists(path.toAbsolutePath()); // a clean stop leaves nothing behind
    });
    return NettyServerBuilder
        .forAddress(new DomainSocketAddress(path.toAbsolutePath().toString()), credentials)
        .channelType(EpollServerDomainSocketChannel.class)
        .bossEventLoopGroup(boss)
        .workerEventLoopGroup(io);
  }

  /**
   * A server that stops normally removes its socket file; one that was killed (kill -9, a crash)
   * leaves it behind, and binding would then fail with "Address already in use" although nobody
   * listens. So: if the file is a socket and a connection to it is refused, it is stale, and is
   * removed with a warning. If something answers, or the file is not a socket, the server stops
   * with one line saying so, and nothing is removed.
   */
  private static void removeIfStale(String name, Path path) {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    String cannot = name + " cannot listen on unix://" + path + ": ";
    if (!isSocket(path)) {
      throw new ServerBootstrap.StartupException(cannot + "the file exists and is not a socket (remove it, or "
          + "pick another --unix-socket)", null);
    }
    try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      throw new ServerBootstrap.StartupException(cannot + "another server is listening on it", null);
    } catch (IOException refused) {
      try {
        Files.delete(path);
      } catch (IOException e) {
        throw new ServerBootstrap.StartupException(cannot + "a stale socket file is in the way and cannot be "
            + "removed (" + e.getMessage() + ")", e);
      }
      logger.warning("removed stale socket file " + path + ": nothing was listening on it "
          + "(left behind by a server that did not stop cleanly)");
    }
  }

  private static boolean isSocket(Path path) {
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return (mode & 0170000) == 0140000; // S_IFSOCK
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
