package dev.grpcsamples.greeter.server.demo;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The status-code tour: a call that carries the header {@code demo-status: CODE} is answered with that
 * status code instead of running, with the standard error details a real server would attach. Every
 * server has it, so {@code greeter-client status NOT_FOUND} works against any of them. The value
 * {@code crash} makes the service throw instead, to show what an uncaught exception looks like.
 */
final class StatusDemo implements ServerInterceptor {
  static final Metadata.Key<String> HEADER =
      Metadata.Key.of("demo-status", Metadata.ASCII_STRING_MARSHALLER);
  static final String CRASH = "crash";
  static final String DOMAIN = "grpcsamples.dev";

  /** What each code means, as the server says it; the README's table uses the same words. */
  static final Map<Status.Code, String> MEANING = new EnumMap<>(Status.Code.class);

  static {
    MEANING.put(Status.Code.CANCELLED, "the call was cancelled, usually by the caller");
    MEANING.put(Status.Code.UNKNOWN, "an error the server could not classify");
    MEANING.put(Status.Code.INVALID_ARGUMENT, "the request is wrong, whatever the server's state");
    MEANING.put(Status.Code.DEADLINE_EXCEEDED, "the deadline passed before the call finished");
    MEANING.put(Status.Code.NOT_FOUND, "the thing asked for does not exist");
    MEANING.put(Status.Code.ALREADY_EXISTS, "the thing to create exists already");
    MEANING.put(Status.Code.PERMISSION_DENIED, "the caller is known but may not do this");
    MEANING.put(Status.Code.RESOURCE_EXHAUSTED, "a quota or limit ran out; slow down");
    MEANING.put(Status.Code.FAILED_PRECONDITION,
        "the system is not in a state to do this; fix the state, do not just retry");
    MEANING.put(Status.Code.ABORTED, "a conflict (e.g. concurrent update); retry the whole sequence");
    MEANING.put(Status.Code.OUT_OF_RANGE, "past the end of a valid range, e.g. a page after the last");
    MEANING.put(Status.Code.UNIMPLEMENTED, "this server does not offer the method");
    MEANING.put(Status.Code.INTERNAL, "a broken invariant inside the server: a bug");
    MEANING.put(Status.Code.UNAVAILABLE, "the service cannot answer right now; retry with backoff");
    MEANING.put(Status.Code.DATA_LOSS, "unrecoverable loss or corruption of data");
    MEANING.put(Status.Code.UNAUTHENTICATED, "the caller could not be identified (no or bad credentials)");
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String asked = headers.get(HEADER);
    if (asked == null) {
      return next.startCall(call, headers);
    }
    if (asked.equalsIgnoreCase(CRASH)) {
      return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
        @Override
        public void onHalfClose() {
          throw new IllegalStateException("demo: a bug in the service (demo-status: crash)");
        }
      };
    }
    Status.Code code;
    try {
      code = Status.Code.valueOf(asked.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      call.close(Status.INVALID_ARGUMENT.withDescription("demo-status: '" + asked
          + "' is not a status code name (OK, CANCELLED, ... UNAUTHENTICATED) or 'crash'"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    if (code == Status.Code.OK) {
      return next.startCall(call, headers); // nothing to fail: the call runs as usual
    }
    String method = call.getMethodDescriptor().getFullMethodName();
    com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
        .setCode(code.value())
        .setMessage(MEANING.get(code) + " (asked for with demo-status)")
        .addAllDetails(details(code, method))
        .build();
    // StatusProto puts the google.rpc.Status, details and all, into the grpc-status-details-bin trailer.
    io.grpc.StatusRuntimeException failure = StatusProto.toStatusRuntimeException(status);
    call.close(failure.getStatus(), failure.getTrailers());
    return new ServerCall.Listener<>() {};
  }

  /** The standard details (google/rpc/error_details.proto) a real server would send with each code. */
  private static java.util.List<Any> details(Status.Code code, String method) {
    ErrorInfo info = ErrorInfo.newBuilder()
        .setReason(code.name())
        .setDomain(DOMAIN)
        .putMetadata("method", method)
        .build();
    switch (code) {
      case INVALID_ARGUMENT:
      case OUT_OF_RANGE:
        return java.util.List.of(Any.pack(BadRequest.newBuilder()
            .addFieldViolations(BadRequest.FieldViolation.newBuilder()
                .setField("name").setDescription("an example of a field at fault"))
            .build()));
      case UNAVAILABLE:
      case RESOURCE_EXHAUSTED:
      case ABORTED:
        return java.util.List.of(Any.pack(info), Any.pack(RetryInfo.newBuilder()
            .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(1)).build()));
      default:
        return java.util.List.of(Any.pack(info));
    }
  }
}
