package dev.grpcsamples.common.client;

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
    return Grpc.newChannelBuilder(options.target(), ClientSecurity.credentials(options.security));
  }

  /**
   * Builds the channel with what the options ask for on every call: {@code --deadline},
   * {@code --header}s, {@code --compression}, {@code --max-message-size}, the resilience and TLS
   * options, and {@code --show-metadata} (printing to {@code err}).
   */
  public static ManagedChannel open(ManagedChannelBuilder<?> builder, ClientOptions options,
      PrintWriter err) {
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
    return builder.build();
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
