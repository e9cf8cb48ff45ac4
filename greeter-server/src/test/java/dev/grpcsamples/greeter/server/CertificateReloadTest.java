package dev.grpcsamples.greeter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.common.security.CertificateReload;
import dev.grpcsamples.common.security.ServerSecurity;
import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloRequest;
import dev.grpcsamples.testing.LogRecorder;
import dev.grpcsamples.testing.RunningServer;
import dev.grpcsamples.testing.TestCerts;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --tls-reload}: the certificate files are replaced by a pair from another CA while clients
 * are connected; new clients get the new certificate, open connections carry on.
 */
class CertificateReloadTest {
  @RegisterExtension
  final LogRecorder log = LogRecorder.of(CertificateReload.class);

  @TempDir
  Path dir;

  /** Puts a set's server certificate and key where the server reads them, each file atomically. */
  private void install(Path set) throws IOException {
    for (String name : new String[] {"server.key", "server.crt"}) {
      Path next = dir.resolve(name + ".next");
      Files.copy(set.resolve(name), next, StandardCopyOption.REPLACE_EXISTING);
      Files.move(next, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static ManagedChannel trusting(Path set, String target) throws IOException {
    return Grpc.newChannelBuilder(target, TlsChannelCredentials.newBuilder()
        .trustManager(set.resolve("ca.crt").toFile()).build()).build();
  }

  private static String hello(ManagedChannel channel) {
    return GreeterGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
        .sayHello(HelloRequest.newBuilder().setName("Ada").build()).getMessage();
  }

  private static void close(ManagedChannel channel) throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void aNewCertificateIsServedWithoutDroppingOpenConnections() throws Exception {
    install(TestCerts.trusted());
    GreeterServer command = GreeterServer.parse("--port", "0",
        "--tls-cert", dir.resolve("server.crt").toString(),
        "--tls-key", dir.resolve("server.key").toString(), "--tls-reload", "100ms");
    try (RunningServer running =
             RunningServer.start(command.serverOptions(), List.of(command.greeter(null)))) {
      String target = "localhost:" + running.server().port();
      ManagedChannel before = trusting(TestCerts.trusted(), target);
      try {
        assertEquals("Hello, Ada!", hello(before));

        install(TestCerts.stranger());

        // Within a few periods, a client that trusts only the new CA gets in (20 s at most).
        log.await("TLS certificate reloaded", Duration.ofSeconds(20));
        ManagedChannel after = trusting(TestCerts.stranger(), target);
        try {
          assertEquals("Hello, Ada!", hello(after));
        } finally {
          close(after);
        }
        // A new client that trusts only the old CA is now refused...
        ManagedChannel stale = trusting(TestCerts.trusted(), target);
        try {
          StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> hello(stale));
          assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        } finally {
          close(stale);
        }
        // ...but the connection made before the swap is still open: had it been dropped, this
        // channel (which trusts only the old CA) could not have reconnected.
        assertEquals("Hello, Ada!", hello(before));
      } finally {
        close(before);
      }
    }
  }

  @Test
  void aBadNewFileIsLoggedOnceAndTheOldCertificateStays() throws Exception {
    install(TestCerts.trusted());
    ServerSecurity.Options options = new ServerSecurity.Options();
    new CommandLine(options).parseArgs("--tls-cert", dir.resolve("server.crt").toString(),
        "--tls-key", dir.resolve("server.key").toString(), "--tls-reload", "50ms");
    try (CertificateReload reload = CertificateReload.start(options)) {
      Server server = Grpc.newServerBuilderForPort(0, reload.credentials())
          .addService(new GreeterService(1, Duration.ZERO)).build().start();
      try {
        Files.writeString(dir.resolve("server.crt"), "-----BEGIN CERTIFICATE-----\nnot base64\n");

        String error = log.await("still serving the previous certificate", Duration.ofSeconds(20));
        assertTrue(error.startsWith("--tls-cert " + dir.resolve("server.crt")), error);
        // Ten more checks of the same bad file: nothing more is logged.
        long seen = reload.checks();
        assertTrue(reload.awaitChecks(seen + 10, Duration.ofSeconds(20)));
        assertEquals(1, log.messages().stream()
            .filter(m -> m.contains("still serving the previous certificate")).count(),
            log.messages().toString());

        // New clients still get the old certificate.
        ManagedChannel client = trusting(TestCerts.trusted(), "localhost:" + server.getPort());
        try {
          assertEquals("Hello, Ada!", hello(client));
        } finally {
          close(client);
        }
      } finally {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aBadFileAtStartIsAnInputError() throws Exception {
    Files.writeString(dir.resolve("server.crt"), "not a certificate");
    Files.copy(TestCerts.trusted().resolve("server.key"), dir.resolve("server.key"));
    ServerSecurity.Options options = new ServerSecurity.Options();
    new CommandLine(options).parseArgs("--tls-cert", dir.resolve("server.crt").toString(),
        "--tls-key", dir.resolve("server.key").toString(), "--tls-reload", "1m");
    Cli.InputError e = assertThrows(Cli.InputError.class,
        () -> CertificateReload.start(options));
    assertTrue(e.getMessage().startsWith("--tls-cert " + dir.resolve("server.crt")), e.getMessage());
  }
}
