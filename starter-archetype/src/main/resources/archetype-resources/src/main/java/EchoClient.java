package ${package};

import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client for the Echo service: calls Echo, then EchoStream, and prints the replies.
 *
 * <pre>
 * java -cp target/${artifactId}.jar ${package}.EchoClient [--target localhost:50051] [--message hello] [--count 3]
 * </pre>
 */
public final class EchoClient {
  private static final String DEFAULT_TARGET = "localhost:50051";
  private static final String USAGE =
      "usage: EchoClient [--target host:port] [--message text] [--count N]";

  private final EchoGrpc.EchoBlockingStub stub;

  /**
   * Takes a {@link Channel}, not a ManagedChannel: the channel's owner (main, or a test with an
   * in-process channel) decides when it is shut down, not this class.
   */
  public EchoClient(Channel channel) {
    stub = EchoGrpc.newBlockingStub(channel);
  }

  /** One request, one reply. Throws StatusRuntimeException if the call fails. */
  public String echo(String message) {
    EchoRequest request = EchoRequest.newBuilder().setMessage(message).build();
    // Every call gets a deadline: without one, a call to a server that never answers waits forever.
    return stub.withDeadlineAfter(5, TimeUnit.SECONDS).echo(request).getMessage();
  }

  /** One request, then the replies as the server streams them. */
  public List<String> echoStream(String message, int count) {
    EchoStreamRequest request =
        EchoStreamRequest.newBuilder().setMessage(message).setCount(count).build();
    // A blocking stub returns a server stream as an Iterator: each next() waits for the next reply,
    // and a failure, even after some replies, is thrown from hasNext()/next(). Read it to the end
    // (or cancel the call) so that the call is finished.
    Iterator<EchoReply> replies = stub.withDeadlineAfter(5, TimeUnit.SECONDS).echoStream(request);
    List<String> messages = new ArrayList<>();
    replies.forEachRemaining(reply -> messages.add(reply.getMessage()));
    return messages;
  }

  public static void main(String[] args) throws InterruptedException {
    String target;
    String message;
    int count;
    try {
      Flags flags = Flags.parse(args, List.of("--target", "--message", "--count"));
      // A target is "host:port", or any name gRPC can resolve: "dns:///example.com:443", ...
      target = flags.text("--target", DEFAULT_TARGET);
      message = flags.text("--message", "hello");
      // 0 leaves the count to the server (3); the server, not the client, decides what is too many.
      count = flags.number("--count", 0, 0, Integer.MAX_VALUE);
    } catch (Flags.UsageException e) {
      System.err.println("error: " + e.getMessage() + "; " + USAGE);
      System.exit(2);
      return;
    }

    // Channels are expensive and meant to be shared: create one per target and reuse it for every
    // call. It connects lazily, on the first call.
    ManagedChannel channel = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
    int exitCode = 0;
    try {
      EchoClient client = new EchoClient(channel);
      System.out.println("Echo: " + client.echo(message));
      for (String reply : client.echoStream(message, count)) {
        System.out.println("EchoStream: " + reply);
      }
    } catch (StatusRuntimeException e) {
      // An expected failure (server down, bad request, deadline...): its status says it all.
      String description = e.getStatus().getDescription();
      System.err.println(e.getStatus().getCode() + (description == null ? "" : ": " + description));
      exitCode = 1;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    System.exit(exitCode);
  }
}
