package dev.grpcsamples.common.client;

import dev.grpcsamples.common.cli.DurationConverter;
import dev.grpcsamples.common.cli.SizeConverter;
import dev.grpcsamples.common.resilience.ClientResilienceOptions;
import dev.grpcsamples.common.security.ClientSecurityOptions;
import io.grpc.Metadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every client in this repository takes. They are inherited by every subcommand, so
 * {@code greeter-client hello --target host:port} and {@code greeter-client --target host:port hello}
 * both work. A client mixes them in with its own default target:
 * {@code @Mixin ClientOptions client = new ClientOptions("localhost:50051");}
 */
public final class ClientOptions {
  @Option(names = "--target", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
      description = "Server to call: host:port, or any gRPC target URI such as dns:///host:port "
          + "or unix:///path/to/socket (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--deadline", paramLabel = "DURATION", scope = ScopeType.INHERIT,
      converter = DurationConverter.class,
      description = "Give up on each call after this long, e.g. 500ms or 2s (default: no deadline).")
  Duration deadline;

  @Option(names = "--compression", paramLabel = "NAME", scope = ScopeType.INHERIT,
      description = "Compress every request with NAME (gzip) (default: none).")
  String compression;

  @Option(names = "--max-message-size", paramLabel = "SIZE", scope = ScopeType.INHERIT,
      converter = SizeConverter.class,
      description = "Largest reply message this client accepts, e.g. 60MiB (default: 4MiB).")
  int maxMessageSize = 4 << 20;

  @Option(names = "--json", scope = ScopeType.INHERIT,
      description = "Print replies as JSON (protobuf's JSON mapping), for jq and other programs.")
  boolean json;

  @Option(names = {"-H", "--header"}, paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT,
      description = "Send a request header (metadata) with every call; repeatable. Keys ending in "
          + "-bin take base64: --header trace-bin=AQID.")
  List<String> headers = new ArrayList<>();

  @Option(names = "--show-metadata", scope = ScopeType.INHERIT,
      description = "Print each call's response headers and trailers on stderr.")
  boolean showMetadata;

  @Mixin
  ClientSecurityOptions security = new ClientSecurityOptions();

  @Mixin
  ClientResilienceOptions resilience = new ClientResilienceOptions();

  public ClientOptions(String defaultTarget) {
    this.target = defaultTarget;
  }

  public String target() {
    return target;
  }

  /** The --header values as gRPC metadata; a malformed one is an IllegalArgumentException. */
  public Metadata headers() {
    Metadata metadata = new Metadata();
    headers.forEach(h -> MetadataText.put(metadata, h));
    return metadata;
  }

  public boolean showMetadata() {
    return showMetadata;
  }

  /** The compression for requests, or {@code null} for none. */
  public String compression() {
    return compression == null ? null : Compression.check("--compression", compression);
  }

  public int maxMessageSize() {
    return maxMessageSize;
  }

  public boolean json() {
    return json;
  }

  /** What to throw for a failed call: with --json, a failure that is printed as JSON. */
  public RuntimeException failure(io.grpc.StatusRuntimeException e) {
    return json ? new RpcErrors.AsJson(e) : e;
  }

  /** The per-call deadline, or {@code null} for none. */
  public Duration deadline() {
    return deadline;
  }
}
