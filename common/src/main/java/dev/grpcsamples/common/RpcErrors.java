package dev.grpcsamples.common;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns a failed call into the lines a user reads: {@code CODE: description}, then the rich error
 * details the server attached (google.rpc.Status: field violations, error info, retry advice), then
 * one line per other trailer. No stack trace: a failed RPC is an expected outcome, not a bug.
 */
public final class RpcErrors {
  private RpcErrors() {}

  public static List<String> describe(StatusRuntimeException e) {
    List<String> lines = new ArrayList<>();
    lines.add(headline(e.getStatus()));
    com.google.rpc.Status details = StatusProto.fromThrowable(e);
    if (details != null) {
      details.getDetailsList().forEach(any -> lines.addAll(ErrorDetails.describe(any)));
    }
    Metadata trailers = e.getTrailers();
    if (trailers != null) {
      for (String key : new TreeSet<>(trailers.keys())) {
        if (key.equals("content-type") || key.startsWith("grpc-")) {
          continue; // transport bookkeeping, already shown as the code and description
        }
        lines.add("  trailer " + key + ": " + trailerValue(trailers, key));
      }
    }
    return lines;
  }

  /**
   * {@code CODE: description}. When the description is only grpc-java's generic one (for example
   * "io exception" for a refused connection), the cause's message says what actually happened
   * ("Connection refused: localhost/127.0.0.1:50051").
   */
  public static String headline(Status status) {
    StringBuilder line = new StringBuilder(status.getCode().name()).append(": ");
    String description = status.getDescription();
    line.append(description == null ? "(no description)" : description);
    Throwable cause = status.getCause();
    if (cause != null) {
      if (cause.getMessage() != null
          && (description == null || !description.contains(cause.getMessage()))) {
        line.append(" (").append(cause.getMessage()).append(')');
      }
    }
    return line.toString();
  }

  private static String trailerValue(Metadata trailers, String key) {
    if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
      byte[] value = trailers.get(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER));
      return value == null ? "" : Base64.getEncoder().encodeToString(value) + " (base64)";
    }
    return trailers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
  }
}
