package dev.grpcsamples.common.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Metadata;
import io.grpc.Status;
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
}
