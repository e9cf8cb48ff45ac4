package dev.grpcsamples.common.client;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.common.security.ClientSecurity;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens and closes the client side's one channel.
 *
 * <p>A channel is expensive (connections, threads, name resolution) and safe to share: a client opens
 * one at start-up and makes every call on it. Stubs, by contrast, are cheap and made per call.
 */
public final class Channels {
  private static volatile boolean quickStart;
  private static final Map<ManagedChannel, EventLoopGroup> EVENT_LOOPS = new ConcurrentHashMap<>();

  private Channels() {}

  /**
   * For a command-line client that makes a few calls and exits; call it first thing in main, before
   * any channel is built. Channels built afterwards leave out what costs start-up time and buys
   * nothing for a handful of calls:
   * <ul>
   *   <li>Netty's Java Flight Recorder events: checking for JFR starts the JDK's JFR machinery,
   *       a few hundred classes, even when nobody records;</li>
   *   <li>grpc-java's shared event-loop thread: it stays in the kernel's epoll_wait for a second
   *       after the last channel closes, and the JVM waits about 300ms at exit for a thread in
   *       native code. Each channel gets a thread of its own instead, stopped when it is closed
   *       (a {@code unix:} target keeps grpc-java's own).</li>
   * </ul>
   * A value given with {@code -D} on the java command line wins.
   */
  public static void startQuickly() {
    quickStart = true;
  }

  /** Whether a channel to {@code target} may take the quick-start shortcuts: not a Unix socket. */
  private static boolean quickStart(String target) {
    return quickStart && !target.startsWith("unix:");
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /**
   * gRPC asks every connection for TCP keepalive; a Unix socket ({@code --target unix:///PATH}) has
   * none, and Netty says so in a WARNING per connection. Harmless, so that logger is quieted for
   * such targets (kept in a field: JUL holds loggers weakly).
   */
  private static final Logger NETTY_BOOTSTRAP =
      Logger.getLogger("io.grpc.netty.shaded.io.netty.bootstrap");

  /** Where {@code --target} points, before the options are applied. */
  public static ManagedChannelBuilder<?> builder(ClientOptions options) {
    if (options.target().startsWith("unix:")) {
      NETTY_BOOTSTRAP.setLevel(Level.SEVERE);
    }
    if (quickStart(options.target())) { // before Netty's classes load: they read these once
      setIfAbsent("io.grpc.netty.shaded.io.netty.jfr.enabled", "false");
    }
    checkPort(options.target());
    return Grpc.newChannelBuilder(options.target(), ClientSecurity.credentials(options.security));
  }

  /**
   * A port out of range is not found by grpc-java until its name resolver runs, on a thread of its
   * own, and the channel then waits for an address that never comes: check it here instead.
   */
  private static void checkPort(String target) {
    String authority = target.startsWith("dns:///") ? target.substring("dns:///".length())
        : target.contains(":/") ? null : target;
    if (authority == null || authority.indexOf(':') < 0) {
      return; // another scheme (static:///, unix:///...), or no port: the resolver's default
    }
    String port = authority.substring(authority.lastIndexOf(':') + 1);
    boolean valid = port.matches("\\d{1,5}") && Integer.parseInt(port) >= 1
        && Integer.parseInt(port) <= 65535;
    if (!valid && !authority.endsWith("]")) { // (an IPv6 address without a port ends with ])
      throw new Cli.UsageError("--target '" + target + "': '" + port + "' is not a port (1 to "
          + "65535); use HOST:PORT, like localhost:50051");
    }
  }

  /**
   * Builds the channel with what the options ask for on every call: {@code --deadline},
   * {@code --header}s, {@code --compression}, {@code --max-message-size}, the resilience and TLS
   * options, and {@code --show-metadata} (printing to {@code err}).
   */
  public static ManagedChannel open(ManagedChannelBuilder<?> builder, ClientOptions options,
      PrintWriter err) {
    ManagedChannelBuilder<?> configured = configure(builder, options, err);
    EventLoopGroup eventLoop = null;
    if (quickStart(options.target()) && configured instanceof NettyChannelBuilder netty) {
      // The transport grpc-java would pick: epoll on Linux, else the JDK's NIO.
      boolean epoll = Epoll.isAvailable();
      eventLoop = new MultiThreadIoEventLoopGroup(1,
          epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
      netty.eventLoopGroup(eventLoop)
          .channelType(epoll ? EpollSocketChannel.class : NioSocketChannel.class);
    }
    try {
      ManagedChannel channel = configured.build();
      if (eventLoop != null) {
        EVENT_LOOPS.put(channel, eventLoop);
        eventLoop = null;
      }
      return channel;
    } catch (IllegalStateException e) {
      // build() is where grpc-java parses the service config: a bad policy fails here, before
      // any call is made.
      throw options.resilience.whyBuildFailed(e);
    } catch (IllegalArgumentException e) {
      // grpc-java checks the target's syntax when the channel is built ("Invalid DNS name", a space).
      throw new Cli.UsageError("--target '" + options.target() + "' is not a valid target ("
          + e.getMessage() + "); use HOST:PORT, like localhost:50051, or a URI such as "
          + "dns:///HOST:PORT");
    } finally {
      if (eventLoop != null) { // build() failed
        eventLoop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      }
    }
  }

  private static ManagedChannelBuilder<?> configure(ManagedChannelBuilder<?> builder,
      ClientOptions options, PrintWriter err) {
    builder.maxInboundMessageSize(options.maxMessageSize());
    if (options.deadline() != null) {
      builder.intercept(new CallDeadline(options.deadline()));
    }
    options.security.applyTo(builder);
    if (options.compression() != null) {
      builder.intercept(Compression.forCalls(options.compression()));
    }
    Metadata headers = options.headers();
    if (headers.keys().size() > 0) {
      builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    if (options.showMetadata()) {
      builder.intercept(new MetadataPrinter(err));
    }
    options.resilience.applyTo(builder);
    return builder;
  }

  /** Lets calls in flight finish for a moment, then cuts the rest off. */
  public static void close(ManagedChannel channel) {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      EventLoopGroup eventLoop = EVENT_LOOPS.remove(channel);
      if (eventLoop != null) {
        eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
      }
    }
  }
}
