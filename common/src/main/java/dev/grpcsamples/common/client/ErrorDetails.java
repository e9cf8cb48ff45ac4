package dev.grpcsamples.common.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import dev.grpcsamples.common.cli.DurationConverter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the standard error details a server can attach to a failed call (google/rpc/error_details.proto)
 * and says each in a line a person can act on. A detail of another type is named, not dropped.
 */
final class ErrorDetails {
  private ErrorDetails() {}

  static List<String> describe(Any detail) {
    try {
      if (detail.is(BadRequest.class)) {
        return detail.unpack(BadRequest.class).getFieldViolationsList().stream()
            .map(v -> "  " + v.getField() + ": " + v.getDescription())
            .toList();
      }
      if (detail.is(ErrorInfo.class)) {
        ErrorInfo info = detail.unpack(ErrorInfo.class);
        String metadata = info.getMetadataMap().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .sorted()
            .collect(Collectors.joining(", "));
        return List.of("  reason: " + info.getReason() + " (" + info.getDomain() + ")"
            + (metadata.isEmpty() ? "" : " " + metadata));
      }
      if (detail.is(RetryInfo.class)) {
        com.google.protobuf.Duration delay = detail.unpack(RetryInfo.class).getRetryDelay();
        return List.of("  retry after: "
            + DurationConverter.format(java.time.Duration.ofSeconds(delay.getSeconds(), delay.getNanos())));
      }
    } catch (InvalidProtocolBufferException e) {
      return List.of("  (unreadable detail " + detail.getTypeUrl() + ")");
    }
    return List.of("  detail: " + detail.getTypeUrl());
  }
}
