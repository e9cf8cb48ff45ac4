package dev.grpcsamples.common.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.rpc.DebugInfo;
import com.google.rpc.Help;
import com.google.rpc.LocalizedMessage;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.QuotaFailure;
import com.google.rpc.RequestInfo;
import com.google.rpc.ResourceInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpcErrorsTest {
  @Test
  void codeColonDescription() {
    assertEquals(List.of("INVALID_ARGUMENT: name must not be empty"), RpcErrors.describe(
        Status.INVALID_ARGUMENT.withDescription("name must not be empty").asRuntimeException()));
  }

  @Test
  void aGenericDescriptionIsCompletedByItsCause() {
    Status status = Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new ConnectException("Connection refused: localhost/127.0.0.1:50051"));
    assertEquals("UNAVAILABLE: io exception (Connection refused: localhost/127.0.0.1:50051)",
        RpcErrors.headline(status));
  }

  @Test
  void trailersArePrintedButNotTransportBookkeeping() {
    Metadata trailers = new Metadata();
    trailers.put(Metadata.Key.of("content-type", Metadata.ASCII_STRING_MARSHALLER),
        "application/grpc");
    trailers.put(Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER), "3");
    trailers.put(Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] {1, 2});

    // Sorted by key, so the same failure always prints the same way.
    assertEquals(List.of("UNAVAILABLE: busy", "  trailer retry-after: 3",
            "  trailer trace-bin: AQI= (base64)"),
        RpcErrors.describe(Status.UNAVAILABLE.withDescription("busy").asRuntimeException(trailers)));
  }

  @Test
  void everyLineOfAMultiLineDescriptionIsPrinted() {
    assertEquals(List.of("FAILED_PRECONDITION: the table is locked" + System.lineSeparator()
            + "  by job 17" + System.lineSeparator() + "  until 12:00"),
        RpcErrors.describe(Status.FAILED_PRECONDITION
            .withDescription("the table is locked\nby job 17\nuntil 12:00").asRuntimeException()));
  }

  @Test
  void everyStandardDetailTypeIsPrintedReadably() {
    com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
        .setCode(Status.Code.RESOURCE_EXHAUSTED.value()).setMessage("slow down")
        .addDetails(Any.pack(QuotaFailure.newBuilder().addViolations(QuotaFailure.Violation
            .newBuilder().setSubject("project:7").setDescription("100 calls a minute")).build()))
        .addDetails(Any.pack(PreconditionFailure.newBuilder().addViolations(
            PreconditionFailure.Violation.newBuilder().setType("TOS").setSubject("user:ada")
                .setDescription("terms not accepted")).build()))
        .addDetails(Any.pack(ResourceInfo.newBuilder().setResourceType("table")
            .setResourceName("orders").setOwner("team-a").setDescription("locked").build()))
        .addDetails(Any.pack(RequestInfo.newBuilder().setRequestId("r-42")
            .setServingData("shard 3").build()))
        .addDetails(Any.pack(Help.newBuilder().addLinks(Help.Link.newBuilder()
            .setDescription("quotas").setUrl("https://example.com/quotas")).build()))
        .addDetails(Any.pack(LocalizedMessage.newBuilder().setLocale("fr-FR")
            .setMessage("ralentissez").build()))
        .addDetails(Any.pack(DebugInfo.newBuilder().setDetail("limiter said no")
            .addStackEntries("at Limiter.check").build()))
        .build();
    assertEquals(List.of("RESOURCE_EXHAUSTED: slow down",
            "  quota: project:7: 100 calls a minute",
            "  precondition TOS: user:ada: terms not accepted",
            "  resource: table orders (owner team-a): locked",
            "  request id: r-42 (shard 3)",
            "  help: quotas https://example.com/quotas",
            "  message (fr-FR): ralentissez",
            "  debug: limiter said no",
            "    at Limiter.check"),
        RpcErrors.describe(StatusProto.toStatusRuntimeException(status)).stream()
            .filter(l -> !l.startsWith("  trailer")).toList());
  }

  @Test
  void detailsThatDisagreeWithTheStatusAreReportedNotThrown() {
    Metadata trailers = new Metadata();
    trailers.put(Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER),
        com.google.rpc.Status.newBuilder().setCode(Status.Code.NOT_FOUND.value()).build()
            .toByteArray());
    List<String> lines = RpcErrors.describe(
        Status.INTERNAL.withDescription("boom").asRuntimeException(trailers));
    assertEquals("INTERNAL: boom", lines.get(0));
    assertTrue(lines.get(1).startsWith("  (the server's error details, grpc-status-details-bin, "
        + "cannot be read: "), lines.toString());
  }

  @Test
  void detailsThatAreNotAStatusAtAllAreReportedNotThrown() {
    Metadata trailers = new Metadata();
    trailers.put(Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER),
        new byte[] {(byte) 0xff, (byte) 0xff, 0x01});
    List<String> lines = RpcErrors.describe(
        Status.INTERNAL.withDescription("boom").asRuntimeException(trailers));
    assertEquals("INTERNAL: boom", lines.get(0));
    assertTrue(lines.get(1).contains("cannot be read"), lines.toString());
  }
}
