package dev.grpcsamples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grpcsamples.testing.CommandResult;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The tutorials' own pairing, without Java: each foreign client against each foreign server. */
class ForeignPairsIT {
  private static final Map<Peer, Peer.Started> servers = new EnumMap<>(Peer.class);

  static Stream<Arguments> pairs() {
    return Stream.of(Peer.values())
        .flatMap(client -> Stream.of(Peer.values()).map(server -> Arguments.of(client, server)));
  }

  @AfterAll
  static void stopServers() throws Exception {
    for (Peer.Started server : servers.values()) {
      server.close();
    }
  }

  @ParameterizedTest(name = "{0} client, {1} server")
  @MethodSource("pairs")
  void allFiveCalls(Peer client, Peer server) throws Exception {
    client.assumeInstalled();
    server.assumeInstalled();
    Peer.Started started;
    synchronized (servers) {
      if (!servers.containsKey(server)) {
        servers.put(server, server.startServer());
      }
      started = servers.get(server);
    }
    CommandResult r = client.runClient("all", "--target", started.target());
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(Expected.ALL, r.stdout(), r.toString());
  }
}
