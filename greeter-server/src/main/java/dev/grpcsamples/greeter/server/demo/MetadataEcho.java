package dev.grpcsamples.greeter.server.demo;

import dev.grpcsamples.common.security.Authentication;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Metadata on the server side, both ways. Reads the request headers (Python's
 * {@code context.invocation_metadata()}) and logs them at FINE; sends response headers before the
 * first reply, {@code served-by: SERVER}, {@code authenticated-as: IDENTITY} when the caller is
 * known (mutual TLS or a token, see {@link Authentication}), and, when the call has a deadline, the time the server sees
 * left of it ({@code deadline-remaining: 1987ms}, Python's {@code context.time_remaining()}); and at
 * the end sends every request header back as a trailer {@code echo-KEY} (Python's
 * {@code context.set_trailing_metadata()}). Run a client with {@code --header k=v --show-metadata}.
 */
final class MetadataEcho implements ServerInterceptor {
  static final Metadata.Key<String> SERVED_BY =
      Metadata.Key.of("served-by", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> DEADLINE_REMAINING =
      Metadata.Key.of("deadline-remaining", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> AUTHENTICATED_AS =
      Metadata.Key.of("authenticated-as", Metadata.ASCII_STRING_MARSHALLER);
  static final String ECHO_PREFIX = "echo-";
  private static final java.util.Set<String> NOT_ECHOED = java.util.Set.of("content-type",
      "user-agent", "te", "authorization", StatusDemo.HEADER.name());

  private static final Logger logger = Logger.getLogger(MetadataEcho.class.getName());

  private final String serverName;

  MetadataEcho(String serverName) {
    this.serverName = serverName;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata requestHeaders, ServerCallHandler<ReqT, RespT> next) {
    Metadata echo = echoOf(requestHeaders);
    if (logger.isLoggable(Level.FINE) && echo.keys().size() > 0) {
      logger.fine(call.getMethodDescriptor().getFullMethodName() + " request headers: "
          + echo.keys().stream().map(k -> k.substring(ECHO_PREFIX.length()))
              .collect(java.util.stream.Collectors.joining(", ")));
    }
    // The call's deadline, as the client set it; grpc-java puts it on the call's Context.
    Deadline deadline = Context.current().getDeadline();
    String identity = Authentication.IDENTITY.get();
    return next.startCall(new SimpleForwardingServerCall<>(call) {
      @Override
      public void sendHeaders(Metadata headers) {
        headers.put(SERVED_BY, serverName);
        if (identity != null) {
          headers.put(AUTHENTICATED_AS, identity);
        }
        if (deadline != null) {
          headers.put(DEADLINE_REMAINING,
              Math.max(0, deadline.timeRemaining(TimeUnit.MILLISECONDS)) + "ms");
        }
        super.sendHeaders(headers);
      }

      @Override
      public void close(Status status, Metadata trailers) {
        trailers.merge(echo);
        super.close(status, trailers);
      }
    }, requestHeaders);
  }

  private static Metadata echoOf(Metadata request) {
    Metadata echo = new Metadata();
    for (String key : request.keys()) {
      if (NOT_ECHOED.contains(key) || key.startsWith("grpc-") || key.startsWith(":")) {
        continue; // HTTP/2 and gRPC's own headers, the demo switch, and credentials (never echoed)
      }
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        Metadata.Key<byte[]> from = Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER);
        Metadata.Key<byte[]> to =
            Metadata.Key.of(ECHO_PREFIX + key, Metadata.BINARY_BYTE_MARSHALLER);
        request.getAll(from).forEach(v -> echo.put(to, v));
      } else {
        Metadata.Key<String> from = Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER);
        Metadata.Key<String> to =
            Metadata.Key.of(ECHO_PREFIX + key, Metadata.ASCII_STRING_MARSHALLER);
        request.getAll(from).forEach(v -> echo.put(to, v));
      }
    }
    return echo;
  }
}
