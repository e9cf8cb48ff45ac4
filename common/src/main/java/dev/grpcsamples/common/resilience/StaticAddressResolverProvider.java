package dev.grpcsamples.common.resilience;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The target {@code static:///host1:port1,host2:port2,...}: a fixed list of servers, one subchannel
 * each, for load balancing over replicas without a DNS name that lists them all. grpc-java finds this
 * class through META-INF/services/io.grpc.NameResolverProvider, which is why the jars merge those
 * files.
 */
public final class StaticAddressResolverProvider extends NameResolverProvider {
  static final String SCHEME = "static";

  @Override
  public NameResolver newNameResolver(URI target, NameResolver.Args args) {
    if (!SCHEME.equals(target.getScheme())) {
      return null;
    }
    String list = target.getPath().startsWith("/") ? target.getPath().substring(1)
        : target.getPath();
    return new NameResolver() {
      @Override
      public String getServiceAuthority() {
        return list.split(",")[0];
      }

      @Override
      public void start(Listener2 listener) {
        List<EquivalentAddressGroup> servers = new ArrayList<>();
        for (String hostPort : list.split(",")) {
          int colon = hostPort.lastIndexOf(':');
          if (colon <= 0) {
            listener.onError(Status.UNAVAILABLE.withDescription(
                "static target: '" + hostPort + "' is not host:port"));
            return;
          }
          SocketAddress address = new InetSocketAddress(hostPort.substring(0, colon).trim(),
              Integer.parseInt(hostPort.substring(colon + 1).trim()));
          servers.add(new EquivalentAddressGroup(address));
        }
        listener.onResult(ResolutionResult.newBuilder().setAddresses(servers).build());
      }

      @Override
      public void shutdown() {}
    };
  }

  @Override
  public String getDefaultScheme() {
    return SCHEME;
  }

  @Override
  protected boolean isAvailable() {
    return true;
  }

  @Override
  protected int priority() {
    return 5;
  }

  @Override
  public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
    return List.of(InetSocketAddress.class);
  }
}
