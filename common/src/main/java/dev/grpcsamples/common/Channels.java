package dev.grpcsamples.common;

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
  private static final java.time.Duration MIN_KEEPALIVE = java.time.Duration.ofSeconds(10);

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
    if (options.security.authority != null) {
      builder.overrideAuthority(options.security.authority);
    }
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
    ClientResilienceOptions r = options.resilience;
    if (r.serviceConfig != null) {
      builder.defaultServiceConfig(ServiceConfigs.load(r.serviceConfig));
    }
    if (r.noRetry) {
      builder.disableRetry();
    } else {
      builder.enableRetry(); // the default in grpc-java; a policy comes from the service config
    }
    if (r.waitForReady) {
      builder.intercept(WaitForReady.INTERCEPTOR);
    }
    if (r.keepalive != null) {
      if (r.keepalive.compareTo(MIN_KEEPALIVE) < 0) {
        throw new Cli.UsageError("--keepalive must be at least 10s: grpc-java raises anything "
            + "shorter to 10s, and servers refuse frequent pings (see --permit-keepalive)");
      }
      builder.keepAliveTime(r.keepalive.toNanos(), TimeUnit.NANOSECONDS);
    }
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
