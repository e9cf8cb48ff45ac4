package dev.grpcsamples.testing;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that serves services over grpc-java's in-process transport: the whole gRPC stack
 * (stubs, interceptors, status codes, deadlines, cancellation), no sockets. A fresh server and channel
 * per test, both shut down after it.
 *
 * <pre>{@code
 * @RegisterExtension
 * final InProcessGrpc grpc = InProcessGrpc.serving(GreeterService::new);
 * ...
 * GreeterGrpc.newBlockingStub(grpc.channel()).sayHello(...)
 * }</pre>
 */
public final class InProcessGrpc implements BeforeEachCallback, AfterEachCallback {
  private final Supplier<List<? extends BindableService>> services;
  private Server server;
  private ManagedChannel channel;
  private String name;

  private InProcessGrpc(Supplier<List<? extends BindableService>> services) {
    this.services = services;
  }

  public static InProcessGrpc serving(Supplier<? extends BindableService> service) {
    return new InProcessGrpc(() -> List.of(service.get()));
  }

  public ManagedChannel channel() {
    return channel;
  }

  /**
   * A builder for another channel to this server, for code that builds and closes its own channel
   * (a CLI command does).
   */
  public InProcessChannelBuilder channelBuilder() {
    return InProcessChannelBuilder.forName(name);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
    services.get().forEach(builder::addService);
    server = builder.build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException {
    channel.shutdownNow();
    server.shutdownNow();
    channel.awaitTermination(5, TimeUnit.SECONDS);
    server.awaitTermination(5, TimeUnit.SECONDS);
  }
}
