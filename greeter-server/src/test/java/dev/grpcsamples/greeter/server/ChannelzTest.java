package dev.grpcsamples.greeter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.RunningServer;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.channelz.v1.ChannelzGrpc;
import io.grpc.channelz.v1.GetServerSocketsRequest;
import io.grpc.channelz.v1.GetServersRequest;
import io.grpc.channelz.v1.Server;
import io.grpc.channelz.v1.ServerData;
import io.grpc.channelz.v1.SocketData;
import io.grpc.channelz.v1.SocketRef;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** {@code --admin}: channelz over the server's own port, as buf curl or grpcdebug would read it. */
class ChannelzTest {
  private static RunningServer server(String... flags) {
    GreeterServer command = GreeterServer.parse(flags);
    return RunningServer.start(command.serverOptions(), List.of(command.greeter(null)));
  }

  @Test
  void channelzCountsTheCallsThatSucceededAndFailed() throws Exception {
    try (RunningServer running = server("--port", "0", "--admin", "--demo-status")) {
      GreeterGrpc.GreeterBlockingStub greeter = GreeterGrpc.newBlockingStub(running.channel());
      HelloRequest ada = HelloRequest.newBuilder().setName("Ada").build();
      for (int i = 0; i < 3; i++) {
        greeter.sayHello(ada);
      }
      Metadata notFound = new Metadata();
      notFound.put(Metadata.Key.of("demo-status", Metadata.ASCII_STRING_MARSHALLER), "NOT_FOUND");
      StatusRuntimeException failed = Assertions.assertThrows(StatusRuntimeException.class,
          () -> greeter.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(notFound))
              .sayHello(ada));
      assertEquals(Status.Code.NOT_FOUND, failed.getStatus().getCode());

      ChannelzGrpc.ChannelzBlockingStub channelz = ChannelzGrpc.newBlockingStub(running.channel());
      // A call is counted when its stream closes, which may be just after the client has its
      // answer: read until the four calls are in (at most 20 s).
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      ServerData data;
      do {
        List<Server> servers = channelz.getServers(GetServersRequest.getDefaultInstance())
            .getServerList();
        assertEquals(1, servers.size(), servers.toString());
        data = servers.get(0).getData();
        assertTrue(System.nanoTime() < deadline, data.toString());
      } while (data.getCallsSucceeded() + data.getCallsFailed() < 4);

      // Succeeded and failed count the four Greeter calls, and the channelz calls that are over;
      // started also counts the one in flight.
      assertEquals(1, data.getCallsFailed(), data.toString());
      assertTrue(data.getCallsSucceeded() >= 3, data.toString());
      assertTrue(data.getCallsStarted() >= data.getCallsSucceeded() + data.getCallsFailed(),
          data.toString());
      assertTrue(data.getLastCallStartedTimestamp().getSeconds() > 0, data.toString());

      // The server's sockets: the test's connection is one, with its streams counted.
      long serverId = channelz.getServers(GetServersRequest.getDefaultInstance())
          .getServer(0).getRef().getServerId();
      List<SocketRef> sockets = channelz.getServerSockets(
          GetServerSocketsRequest.newBuilder().setServerId(serverId).build()).getSocketRefList();
      assertEquals(1, sockets.size(), sockets.toString());
      SocketData socket = channelz.getSocket(io.grpc.channelz.v1.GetSocketRequest.newBuilder()
          .setSocketId(sockets.get(0).getSocketId()).build()).getSocket().getData();
      assertTrue(socket.getStreamsStarted() >= 5, socket.toString());
    }
  }

  @Test
  void withoutAdminThereIsNoChannelz() throws Exception {
    try (RunningServer running = server("--port", "0")) {
      StatusRuntimeException e = Assertions.assertThrows(StatusRuntimeException.class,
          () -> ChannelzGrpc.newBlockingStub(running.channel())
              .getServers(GetServersRequest.getDefaultInstance()));
      assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    }
  }
}
