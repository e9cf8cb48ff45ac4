package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EchoService through real gRPC calls, made by {@link EchoClient}, over the in-process transport:
 * the same stubs, serialization and status codes as over TCP, without a port or a socket.
 */
class EchoServiceTest {
  private Server server;
  private ManagedChannel channel;
  private EchoClient client;

  @BeforeEach
  void startServer() throws IOException {
    // A unique name per test, so tests never talk to each other's server.
    String name = InProcessServerBuilder.generateName();
    // directExecutor(): calls run on the test's own thread, which keeps failures easy to read.
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new EchoService())
        .build()
        .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    client = new EchoClient(channel);
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void echoSendsTheMessageBack() {
    assertEquals("hello", client.echo("hello"));
  }

  @Test
  void echoStreamSendsThreeNumberedCopiesByDefault() {
    assertEquals(List.of("hi (1/3)", "hi (2/3)", "hi (3/3)"), client.echoStream("hi", 0));
  }

  @Test
  void echoStreamSendsAsManyCopiesAsAskedFor() {
    assertEquals(List.of("hi (1/2)", "hi (2/2)"), client.echoStream("hi", 2));
  }

  @Test
  void anEmptyMessageIsAnInvalidArgument() {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.echo(""));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("message is empty", e.getStatus().getDescription());
  }

  @Test
  void tooManyCopiesIsAnInvalidArgument() {
    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> client.echoStream("hi", 101));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("count must be between 1 and 100, not 101", e.getStatus().getDescription());
  }
}
