package dev.grpcsamples.common.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.testing.ReplyRecorder;
import dev.grpcsamples.testing.RunningServer;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every server gets from the bootstrap, checked on a real port. */
class ServerBootstrapTest {
  @Test
  void portZeroPicksAFreePort() throws Exception {
    try (RunningServer running = RunningServer.start(List.of())) {
      assertTrue(running.server().port() > 0);
    }
  }

  @Test
  void healthSaysServing() throws Exception {
    try (RunningServer running = RunningServer.start(List.of())) {
      HealthCheckResponse health = HealthGrpc.newBlockingStub(running.channel())
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance());
      assertEquals(ServingStatus.SERVING, health.getStatus());
    }
  }

  @Test
  void reflectionListsTheServices() throws Exception {
    try (RunningServer running = RunningServer.start(List.of())) {
      ReplyRecorder<ServerReflectionResponse> responses = new ReplyRecorder<>();
      StreamObserver<ServerReflectionRequest> requests =
          ServerReflectionGrpc.newStub(running.channel()).serverReflectionInfo(responses);
      requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
      requests.onCompleted();
      responses.awaitClose();

      List<String> services = responses.messages().get(0).getListServicesResponse()
          .getServiceList().stream().map(ServiceResponse::getName).toList();
      assertTrue(services.containsAll(List.of("grpc.health.v1.Health",
          "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection")),
          services.toString());
    }
  }

  @Test
  void aPortInUseIsAOneLineStartupError() throws Exception {
    try (RunningServer first = RunningServer.start(List.of())) {
      int port = first.server().port();
      ServerBootstrap.StartupException e = assertThrows(ServerBootstrap.StartupException.class,
          () -> RunningServer.start(List.of(), "--port", String.valueOf(port)));
      assertTrue(e.getMessage().startsWith("test-server cannot listen on port " + port + ": "),
          e.getMessage());
      assertTrue(e.getMessage().endsWith("try --port 0)"), e.getMessage());
    }
  }

  @Test
  void badOptionsNameTheFlag() {
    Cli.UsageError e = assertThrows(Cli.UsageError.class,
        () -> RunningServer.start(List.of(), "--threads", "0"));
    assertEquals("--threads must be at least 1, not 0", e.getMessage());
  }
}
