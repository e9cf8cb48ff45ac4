package dev.grpcsamples.bench;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The streaming half of bench/run: messages per second on long-lived streams, the same client code
 * for every server, so that only the server differs. Requests and replies are raw bytes (a byte-array
 * marshaller): the client neither builds nor parses a message, and needs no generated stub, so it
 * drives grpc-java's BenchmarkService and this repository's Greeter alike.
 *
 * <pre>
 * StreamLoad --target 127.0.0.1:PORT --method helloworld.Greeter/BidiHello --request 0a05776f726c64
 *            --mode ping-pong --connections 10 --streams 10 --warmup 2 --duration 5
 * </pre>
 *
 * <ul>
 *   <li>{@code server-stream}: each stream sends the request once; the server replies until it is
 *       cancelled. Counts replies.
 *   <li>{@code ping-pong}: each stream sends the request, waits for one reply, sends it again. Counts
 *       round trips.
 * </ul>
 *
 * <p>Prints {@code rate: N messages/s}. Fails (exit 1) if a stream ends before the run does or no
 * message arrives; a bad flag is a usage error (exit 2).
 */
public final class StreamLoad {
  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private final LongAdder received = new LongAdder();
  private final AtomicReference<Status> failure = new AtomicReference<>();
  private volatile boolean stopping;

  private static final Set<String> FLAGS = Set.of("target", "method", "request", "mode",
      "connections", "streams", "warmup", "duration");

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> flags = new TreeMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String flag = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!FLAGS.contains(flag) || i + 1 == args.length) {
        usage(FLAGS.contains(flag) ? args[i] + " needs a value" : "unknown flag " + args[i]
            + " (flags: --" + String.join(", --", new TreeSet<>(FLAGS)) + ")");
      }
      flags.put(flag, args[i + 1]);
    }
    if (!flags.keySet().containsAll(List.of("target", "method", "request", "mode"))) {
      usage("--target, --method, --request and --mode are needed");
    }
    boolean pingPong = switch (flags.get("mode")) {
      case "ping-pong" -> true;
      case "server-stream" -> false;
      default -> usage("--mode is server-stream or ping-pong, not " + flags.get("mode"));
    };
    byte[] request;
    int connections;
    int streams;
    double warmup;
    double duration;
    try {
      request = HexFormat.of().parseHex(flags.get("request"));
      connections = Integer.parseInt(flags.getOrDefault("connections", "1"));
      streams = Integer.parseInt(flags.getOrDefault("streams", "1"));
      warmup = Double.parseDouble(flags.getOrDefault("warmup", "2"));
      duration = Double.parseDouble(flags.getOrDefault("duration", "5"));
    } catch (IllegalArgumentException e) { // NumberFormatException too
      usage("a value is not a number (or --request not hex): " + e.getMessage());
      return;
    }
    if (connections < 1 || streams < 1 || warmup < 0 || !(duration > 0)) {
      usage("--connections and --streams must be at least 1, --warmup at least 0, --duration above 0");
    }
    double rate = new StreamLoad().run(flags.get("target"), flags.get("method"), request, pingPong,
        connections, streams, warmup, duration);
    if (!(rate > 0)) {
      System.err.println("StreamLoad: no message arrived in " + duration + "s");
      System.exit(1);
    }
    System.out.printf(Locale.ROOT, "rate: %.0f messages/s%n", rate);
  }

  private static boolean usage(String why) {
    System.err.println("StreamLoad: " + why);
    System.exit(2);
    return false;
  }

  /** Opens the streams, lets them run for {@code warmup} seconds, then counts for {@code duration}. */
  private double run(String target, String method, byte[] request, boolean pingPong,
      int connections, int streamsPerConnection, double warmup, double duration)
      throws InterruptedException {
    MethodDescriptor<byte[], byte[]> descriptor = MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(pingPong ? MethodDescriptor.MethodType.BIDI_STREAMING
            : MethodDescriptor.MethodType.SERVER_STREAMING)
        .setFullMethodName(method)
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();
    List<ManagedChannel> channels = new ArrayList<>();
    List<ClientCall<byte[], byte[]>> calls = new ArrayList<>();
    try {
      for (int c = 0; c < connections; c++) {
        // directExecutor: a reply is counted, and the next request sent, on the thread that read it.
        ManagedChannel channel = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create())
            .directExecutor().build();
        channels.add(channel);
        for (int s = 0; s < streamsPerConnection; s++) {
          calls.add(start(channel, descriptor, request, pingPong));
        }
      }
      // Sleeping is the measurement here: the streams run on gRPC's threads meanwhile.
      TimeUnit.MILLISECONDS.sleep((long) (warmup * 1000));
      long before = received.sum();
      long start = System.nanoTime();
      TimeUnit.MILLISECONDS.sleep((long) (duration * 1000));
      long after = received.sum();
      long elapsed = System.nanoTime() - start;
      Status failed = failure.get();
      if (failed != null) {
        System.err.println("StreamLoad: a stream ended early: " + failed.getCode() + ": "
            + failed.getDescription());
        System.exit(1);
      }
      return (after - before) * 1e9 / elapsed;
    } finally {
      stopping = true;
      calls.forEach(call -> call.cancel("the run is over", null));
      channels.forEach(ManagedChannel::shutdownNow);
    }
  }

  private ClientCall<byte[], byte[]> start(ManagedChannel channel,
      MethodDescriptor<byte[], byte[]> descriptor, byte[] request, boolean pingPong) {
    ClientCall<byte[], byte[]> call = channel.newCall(descriptor, CallOptions.DEFAULT);
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onMessage(byte[] reply) {
        received.increment();
        if (pingPong) {
          call.sendMessage(request);
        }
        call.request(1);
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        if (!stopping) {
          failure.compareAndSet(null, status);
        }
      }
    }, new Metadata());
    call.sendMessage(request);
    if (!pingPong) {
      call.halfClose();
    }
    call.request(1);
    return call;
  }
}
