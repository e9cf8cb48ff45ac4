package dev.grpcsamples.common.client;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.ErrorDetailsProto;
import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.common.security.ConnectionHints;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a failed call into the lines a user reads: {@code CODE: description}, then the rich error
 * details the server attached (google.rpc.Status: field violations, error info, retry advice), then
 * one line per other trailer. No stack trace: a failed RPC is an expected outcome, not a bug.
 */
public final class RpcErrors {
  /** How grpc-java starts the description of a message over the receiver's size limit. */
  private static final String TOO_LARGE = "message exceeds maximum size";

  private RpcErrors() {}

  /** The error detail types a JSON failure decodes: all of google/rpc/error_details.proto. */
  private static final JsonFormat.Printer JSON = JsonFormat.printer()
      .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder()
          .add(ErrorDetailsProto.getDescriptor().getMessageTypes()).build())
      .omittingInsignificantWhitespace();

  /** For {@code Cli.main}: the lines for a failed RPC, or null if {@code e} is not one. */
  public static List<String> ofFailure(Exception e) {
    if (e instanceof AsJson) {
      return List.of(json(((AsJson) e).call));
    }
    return e instanceof StatusRuntimeException ? describe((StatusRuntimeException) e) : null;
  }

  /** A failed call from a command run with --json: printed as one line of JSON (see json()). */
  public static final class AsJson extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient StatusRuntimeException call;

    public AsJson(StatusRuntimeException call) {
      super(call.getMessage(), call);
      this.call = call;
    }
  }

  /**
   * The failure as the google.rpc.Status it is on the wire, in protobuf's JSON mapping, details
   * decoded ({@code "@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": ...}),
   * on one line for jq.
   */
  public static String json(StatusRuntimeException e) {
    com.google.rpc.Status status = null;
    try {
      status = StatusProto.fromThrowable(e);
    } catch (RuntimeException unreadable) {
      // details that cannot be read: the code and message alone, below
    }
    com.google.rpc.Status plain = com.google.rpc.Status.newBuilder()
        .setCode(e.getStatus().getCode().value())
        .setMessage(String.valueOf(e.getStatus().getDescription())).build();
    try {
      return JSON.print(status == null ? plain : status);
    } catch (InvalidProtocolBufferException unknownDetailType) {
      try {
        return JSON.print(plain);
      } catch (InvalidProtocolBufferException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }

  public static List<String> describe(StatusRuntimeException e) {
    List<String> lines = new ArrayList<>();
    Status tooLarge = tooLarge(e);
    if (tooLarge != null) {
      lines.add(headline(tooLarge));
      lines.add(fromServer(e)
          ? "  the request is larger than the server accepts: start the server with a larger "
              + "--max-message-size (default 4MiB)"
          : "  the reply is larger than this client accepts: raise the client's "
              + "--max-message-size (default 4MiB)");
      return lines;
    }
    lines.add(headline(e.getStatus()));
    String connectionHint = ConnectionHints.hint(e.getStatus());
    if (connectionHint != null) {
      lines.add("  " + connectionHint);
    }
    try {
      com.google.rpc.Status details = StatusProto.fromThrowable(e);
      if (details != null) {
        details.getDetailsList().forEach(any -> lines.addAll(ErrorDetails.describe(any)));
      }
    } catch (RuntimeException unreadable) {
      // A server (often not a Java one) sent grpc-status-details-bin that is not a google.rpc.Status,
      // or one whose code is not the call's: say so, and still show everything else.
      lines.add("  (the server's error details, grpc-status-details-bin, cannot be read: "
          + unreadable.getMessage() + ")");
    }
    Metadata trailers = e.getTrailers();
    if (trailers != null) {
      // Transport bookkeeping (content-type, grpc-status...) is left out: it is the line above.
      MetadataText.lines(trailers).forEach(line -> lines.add("  trailer " + line));
    }
    return lines;
  }

  /**
   * A message over the receiver's --max-message-size: RESOURCE_EXHAUSTED, or (when grpc-java's client
   * finds it while decompressing) CANCELLED "Failed to read message." with RESOURCE_EXHAUSTED as its
   * cause. Returns the RESOURCE_EXHAUSTED status, or null for any other failure.
   */
  private static Status tooLarge(StatusRuntimeException e) {
    Status status = e.getStatus();
    if (status.getCode() == Status.Code.CANCELLED && status.getCause() != null) {
      status = Status.fromThrowable(status.getCause());
    }
    return status.getCode() == Status.Code.RESOURCE_EXHAUSTED
        && String.valueOf(status.getDescription()).contains(TOO_LARGE) ? status : null;
  }

  /**
   * Whether the server sent this status. A server's status arrives with its trailers (at least
   * content-type); one that grpc-java made up on this side, such as a reply over this client's
   * limit, comes with none.
   */
  private static boolean fromServer(StatusRuntimeException e) {
    return e.getTrailers() != null && !e.getTrailers().keys().isEmpty();
  }

  /**
   * {@code CODE: description}, every line of it. When the description is only grpc-java's generic one (for example
   * "io exception" for a refused connection), the cause's message says what actually happened
   * ("Connection refused: localhost/127.0.0.1:50051").
   */
  public static String headline(Status status) {
    StringBuilder line = new StringBuilder(status.getCode().name()).append(": ");
    String description = status.getDescription();
    // A description of several lines keeps them all, each further one indented under the first;
    // except the "Channel Pipeline: [...]" that grpc-java's Netty transport adds to connection
    // failures, which names its internal handlers and helps nobody calling a server.
    line.append(description == null ? "(no description)" : description.strip().lines()
        .filter(l -> !l.startsWith("Channel Pipeline:"))
        .collect(java.util.stream.Collectors.joining(System.lineSeparator() + "  ")));
    Throwable cause = status.getCause();
    if (cause != null) {
      String message = ConnectionHints.causeMessage(cause);
      if (message != null && (description == null || !description.contains(message))) {
        line.append(" (").append(message).append(')');
      }
    }
    return line.toString();
  }
}
