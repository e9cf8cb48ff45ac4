package dev.grpcsamples.common.client;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.common.security.ClientSecurity;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

/**
 * Opens and closes the client side's one channel.
 *
 * <p>A channel is expensive (connections, threads, name resolution) and safe to share: a client opens
 * one at start-up and makes every call on it. Stubs, by contrast, are cheap and made per call.
 */
public final class Channels {
  private Channels() {}

  /** Where {@code --target} points, before the options are applied. */
  public static ManagedChannelBuilder<?> builder(ClientOptions options) {
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
    try {
      return configured.build();
    } catch (IllegalStateException e) {
      // build() is where grpc-java parses the service config: a bad policy fails here, before
      // any call is made.
      throw options.resilience.whyBuildFailed(e);
    } catch (IllegalArgumentException e) {
      // grpc-java checks the target's syntax when the channel is built ("Invalid DNS name", a space).
      throw new Cli.UsageError("--target '" + options.target() + "' is not a valid target ("
          + e.getMessage() + "); use HOST:PORT, like localhost:50051, or a URI such as "
          + "dns:///HOST:PORT");
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
    }
  }
}
