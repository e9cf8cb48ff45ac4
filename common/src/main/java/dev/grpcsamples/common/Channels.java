package dev.grpcsamples.common;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/**
 * Opens and closes the client side's one channel.
 *
 * <p>A channel is expensive (connections, threads, name resolution) and safe to share: a client opens
 * one at start-up and makes every call on it. Stubs, by contrast, are cheap and made per call.
 */
public final class Channels {
  private Channels() {}

  public static ManagedChannel open(ClientOptions options) {
    return Grpc.newChannelBuilder(options.target(), InsecureChannelCredentials.create()).build();
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
