package dev.grpcsamples.recommend.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.grpcsamples.testing.ReplyRecorder;
import dev.grpcsamples.testing.RunningServer;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reflection serves the error details the service sends, so grpcurl and buf curl print a BadRequest
 * as JSON rather than base64. It does because recommend.proto imports google/rpc/error_details.proto:
 * reflection serves the files of the registered services and everything they import, nothing else.
 */
class ReflectionTest {
  @ParameterizedTest
  @ValueSource(strings = {"google.rpc.BadRequest", "google.rpc.RetryInfo", "google.rpc.ErrorInfo"})
  void reflectionServesTheErrorDetailTypes(String symbol) throws Exception {
    try (RunningServer running = RunningServer.start(
        List.of(new RecommendService(ArticleCatalog.bundled(), 100, Clock.systemUTC())))) {
      ReplyRecorder<ServerReflectionResponse> responses = new ReplyRecorder<>();
      StreamObserver<ServerReflectionRequest> requests =
          ServerReflectionGrpc.newStub(running.channel()).serverReflectionInfo(responses);
      requests.onNext(ServerReflectionRequest.newBuilder().setFileContainingSymbol(symbol).build());
      requests.onCompleted();
      responses.awaitClose();

      ServerReflectionResponse response = responses.messages().get(0);
      assertEquals("", response.getErrorResponse().getErrorMessage(), symbol + " not served");
      List<String> files = response.getFileDescriptorResponse().getFileDescriptorProtoList().stream()
          .map(ReflectionTest::fileName).toList();
      // The file that defines the symbol comes first, then what it imports.
      assertEquals("google/rpc/error_details.proto", files.get(0), files.toString());
    }
  }

  private static String fileName(com.google.protobuf.ByteString bytes) {
    try {
      return FileDescriptorProto.parseFrom(bytes).getName();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
