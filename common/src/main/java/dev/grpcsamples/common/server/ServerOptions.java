package dev.grpcsamples.common.server;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.common.cli.DurationConverter;
import dev.grpcsamples.common.cli.SizeConverter;
import dev.grpcsamples.common.security.ServerSecurity;
import io.grpc.CompressorRegistry;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every server in this repository takes. A server mixes them in with its own default port:
 * {@code @Mixin ServerOptions server = new ServerOptions(50051);}
 */
public final class ServerOptions {
  @Option(names = "--port", paramLabel = "PORT",
      description = "Port to listen on; 0 picks a free one and prints it (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads that run service methods (default: ${DEFAULT-VALUE}). "
          + "A call that blocks holds one for as long as it runs.")
  int threads = 10;

  @Option(names = "--executor", paramLabel = "KIND",
      description = "What runs service methods: fixed (a pool of --threads) or virtual (a virtual "
          + "thread per call; Java 21 or newer) (default: ${DEFAULT-VALUE}).")
  String executor = "fixed";

  @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "On SIGINT/SIGTERM, how long in-flight calls may take to finish before they are "
          + "cancelled (default: 5s).")
  Duration grace = Duration.ofSeconds(5);

  @Option(names = "--max-message-size", paramLabel = "SIZE", converter = SizeConverter.class,
      description = "Largest request message this server accepts, e.g. 60MiB (default: 4MiB, "
          + "gRPC's own default).")
  int maxMessageSize = 4 << 20;

  @Option(names = "--compression", paramLabel = "NAME",
      description = "Compress every reply with NAME (gzip), for clients that accept it "
          + "(default: none).")
  String compression;

  @Option(names = "--permit-keepalive", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Let clients ping (keepalive) as often as this; a client that pings more often "
          + "is sent away with GOAWAY too_many_pings (default: 5m, gRPC's own).")
  Duration permitKeepalive = Duration.ofMinutes(5);

  @Option(names = "--unix-socket", paramLabel = "PATH",
      description = "Listen on this Unix domain socket instead of a TCP port (Linux); clients use "
          + "--target unix:///PATH. For a sidecar or a local agent on the same machine.")
  Path unixSocket;

  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "Serve gRPC's standard metrics (OpenTelemetry) in Prometheus text format at "
          + "http://HOST:PORT/metrics (default: off).")
  Integer metricsPort;

  @Option(names = "--admin",
      description = "Also serve channelz (grpc.channelz.v1), gRPC's live view of this server's "
          + "calls and connections, for debugging (default: off).")
  boolean admin;

  @Option(names = {"-v", "--verbose"},
      description = "Log every call (java.util.logging level FINE).")
  boolean verbose;

  @Mixin
  ServerSecurity.Options security = new ServerSecurity.Options();

  public ServerOptions(int defaultPort) {
    this.port = defaultPort;
  }

  public int port() {
    return port;
  }

  public int threads() {
    return threads;
  }

  public Duration grace() {
    return grace;
  }

  /** True for --executor virtual. */
  public boolean virtualThreads() {
    return executor.equals("virtual");
  }

  public Duration permitKeepalive() {
    return permitKeepalive;
  }

  public int maxMessageSize() {
    return maxMessageSize;
  }

  /** The compression for replies, or {@code null} for none. */
  public String compression() {
    return compression;
  }

  public ServerSecurity.Options security() {
    return security;
  }

  /** The Unix domain socket to listen on, or {@code null} to listen on {@link #port()}. */
  public Path unixSocket() {
    return unixSocket;
  }

  /** The port of the metrics endpoint, or {@code null} for none. */
  public Integer metricsPort() {
    return metricsPort;
  }

  /** True for --admin: channelz is served. */
  public boolean admin() {
    return admin;
  }

  public boolean verbose() {
    return verbose;
  }

  /** Rejects values no server can start with; the message names the flag. */
  public void validate() {
    if (port < 0 || port > 65535) {
      throw new Cli.UsageError("--port must be between 0 and 65535, not " + port);
    }
    if (threads < 1) {
      throw new Cli.UsageError("--threads must be at least 1, not " + threads);
    }
    if (!executor.equals("fixed") && !executor.equals("virtual")) {
      throw new Cli.UsageError("--executor must be fixed or virtual, not '" + executor + "'");
    }
    if (maxMessageSize < 1) {
      // 0 would make every message too large, health checks included: a server that cannot serve.
      throw new Cli.UsageError("--max-message-size must be at least 1B, not 0");
    }
    if (compression != null
        && CompressorRegistry.getDefaultInstance().lookupCompressor(compression) == null) {
      throw new Cli.UsageError("--compression '" + compression + "': grpc-java knows gzip and "
          + "identity");
    }
    if (metricsPort != null && (metricsPort < 1 || metricsPort > 65535)) {
      throw new Cli.UsageError("--metrics-port must be between 1 and 65535, not " + metricsPort);
    }
    if (unixSocket != null && unixSocket.toString().isEmpty()) {
      throw new Cli.UsageError("--unix-socket needs a path, like /tmp/greeter.sock");
    }
    security.validate();
  }
}
