package dev.grpcsamples.common.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.DebugInfo;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Help;
import com.google.rpc.LocalizedMessage;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.QuotaFailure;
import com.google.rpc.RequestInfo;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import dev.grpcsamples.common.cli.DurationConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the standard error details a server can attach to a failed call (google/rpc/error_details.proto,
 * every type in it) and says each in lines a person can act on. A detail of another type is named, not
 * dropped.
 */
final class ErrorDetails {
  private ErrorDetails() {}

  static List<String> describe(Any detail) {
    try {
      return readable(detail);
    } catch (InvalidProtocolBufferException e) {
      return List.of("  (unreadable detail " + detail.getTypeUrl() + ")");
    }
  }

  private static List<String> readable(Any detail) throws InvalidProtocolBufferException {
    List<String> lines = new ArrayList<>();
    if (detail.is(BadRequest.class)) {
      detail.unpack(BadRequest.class).getFieldViolationsList()
          .forEach(v -> lines.add("  " + v.getField() + ": " + v.getDescription()));
    } else if (detail.is(ErrorInfo.class)) {
      ErrorInfo info = detail.unpack(ErrorInfo.class);
      String metadata = info.getMetadataMap().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue())
          .sorted()
          .collect(Collectors.joining(", "));
      lines.add("  reason: " + info.getReason() + " (" + info.getDomain() + ")"
          + (metadata.isEmpty() ? "" : " " + metadata));
    } else if (detail.is(RetryInfo.class)) {
      com.google.protobuf.Duration delay = detail.unpack(RetryInfo.class).getRetryDelay();
      lines.add("  retry after: " + DurationConverter.format(
          java.time.Duration.ofSeconds(delay.getSeconds(), delay.getNanos())));
    } else if (detail.is(QuotaFailure.class)) {
      detail.unpack(QuotaFailure.class).getViolationsList()
          .forEach(v -> lines.add("  quota: " + v.getSubject() + ": " + v.getDescription()));
    } else if (detail.is(PreconditionFailure.class)) {
      detail.unpack(PreconditionFailure.class).getViolationsList().forEach(v -> lines.add(
          "  precondition " + v.getType() + ": " + v.getSubject() + ": " + v.getDescription()));
    } else if (detail.is(ResourceInfo.class)) {
      ResourceInfo r = detail.unpack(ResourceInfo.class);
      lines.add("  resource: " + r.getResourceType() + " " + r.getResourceName()
          + (r.getOwner().isEmpty() ? "" : " (owner " + r.getOwner() + ")")
          + (r.getDescription().isEmpty() ? "" : ": " + r.getDescription()));
    } else if (detail.is(RequestInfo.class)) {
      RequestInfo r = detail.unpack(RequestInfo.class);
      lines.add("  request id: " + r.getRequestId()
          + (r.getServingData().isEmpty() ? "" : " (" + r.getServingData() + ")"));
    } else if (detail.is(Help.class)) {
      detail.unpack(Help.class).getLinksList()
          .forEach(l -> lines.add("  help: " + l.getDescription() + " " + l.getUrl()));
    } else if (detail.is(LocalizedMessage.class)) {
      LocalizedMessage m = detail.unpack(LocalizedMessage.class);
      lines.add("  message (" + m.getLocale() + "): " + m.getMessage());
    } else if (detail.is(DebugInfo.class)) {
      DebugInfo d = detail.unpack(DebugInfo.class);
      lines.add("  debug: " + d.getDetail());
      d.getStackEntriesList().forEach(entry -> lines.add("    " + entry));
    } else {
      lines.add("  detail: " + detail.getTypeUrl());
    }
    return lines;
  }
}
