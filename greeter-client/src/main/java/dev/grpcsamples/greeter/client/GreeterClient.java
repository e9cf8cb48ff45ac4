package dev.grpcsamples.greeter.client;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.common.cli.DurationConverter;
import dev.grpcsamples.common.cli.SizeConverter;
import dev.grpcsamples.common.client.Channels;
import dev.grpcsamples.common.client.ClientOptions;
import dev.grpcsamples.common.client.JsonOutput;
import dev.grpcsamples.common.client.RpcErrors;
import dev.grpcsamples.common.operations.PrometheusMetrics;
import dev.grpcsamples.common.resilience.LoadTest;
import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.helloworld.HelloReply;
import dev.grpcsamples.helloworld.HelloRequest;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar greeter-client/target/greeter-client.jar [all|hello|again|replies|greetings|bidi]}
 *
 * <p>One subcommand per kind of call; with no subcommand, {@code all} runs the four kinds in order.
 * Options may come before or after the subcommand.
 */
@Command(name = "greeter-client", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
    versionProvider = Cli.Version.class, sortOptions = false, usageHelpAutoWidth = true,
    description = "Calls helloworld.Greeter and prints each reply on its own line.",
    footer = {"", "Exit codes: 0 success, 1 the call failed (CODE: description on stderr), "
        + "2 usage error."})
public final class GreeterClient implements Callable<Integer> {
  public static final String DEFAULT_TARGET = "localhost:50051";
  static final Metadata.Key<String> DEMO_STATUS =
      Metadata.Key.of("demo-status", Metadata.ASCII_STRING_MARSHALLER);
  static final List<String> DEFAULT_UNARY_NAMES = List.of("world");
  static final List<String> DEFAULT_STREAM_NAMES = List.of("Ada", "Grace", "Alan");

  @Mixin
  ClientOptions client = new ClientOptions(DEFAULT_TARGET);

  @Option(names = "--name", paramLabel = "NAME", scope = ScopeType.INHERIT,
      description = "Who to greet; repeat it for several names. hello, again and replies make one "
          + "call per name (default: world); greetings and bidi stream all names in one call "
          + "(default: Ada, Grace, Alan).")
  List<String> names = new ArrayList<>();

  @Option(names = "--payload", paramLabel = "SIZE", scope = ScopeType.INHERIT,
      converter = SizeConverter.class,
      description = "Add SIZE bytes of payload to each unary request (hello, again, status, load), "
          + "e.g. 5MiB; the server sends them back (default: none).")
  int payload;

  @Spec
  CommandSpec spec;

  private final Function<ClientOptions, ManagedChannelBuilder<?>> connect;

  public GreeterClient() {
    this(Channels::builder);
  }

  /** For tests: {@code connect} says where calls go (an in-process server, say). */
  GreeterClient(Function<ClientOptions, ManagedChannelBuilder<?>> connect) {
    this.connect = connect;
  }

  @Override
  public Integer call() {
    return all();
  }

  @Command(name = "all", description = "Run the four kinds of call in order (the default).")
  int all() {
    return withCalls(calls -> {
      heading("# SayHello (unary)");
      unaryNames().forEach(calls::sayHello);
      heading("# SayHelloAgain (unary)");
      unaryNames().forEach(calls::sayHelloAgain);
      heading("# LotsOfReplies (server streaming)");
      unaryNames().forEach(name -> calls.lotsOfReplies(name, 0));
      heading("# LotsOfGreetings (client streaming)");
      calls.lotsOfGreetings(streamNames());
      heading("# BidiHello (bidirectional streaming)");
      calls.bidiHello(streamNames());
    });
  }

  @Command(name = "hello", description = "SayHello, a unary call: one request, one reply.")
  int hello() {
    return withCalls(calls -> unaryNames().forEach(calls::sayHello));
  }

  @Command(name = "again", description = "SayHelloAgain, a second unary call.")
  int again() {
    return withCalls(calls -> unaryNames().forEach(calls::sayHelloAgain));
  }

  @Command(name = "replies",
      description = "LotsOfReplies, server streaming: one request, replies until the server ends "
          + "the stream or the client cancels it.")
  int replies(
      @Option(names = "--cancel-after", paramLabel = "N", defaultValue = "0",
          description = "Cancel the call after N replies (default: 0, never).")
      int cancelAfter,
      @Option(names = "--read-delay", paramLabel = "DURATION", defaultValue = "0ms",
          converter = DurationConverter.class,
          description = "Read slowly: take DURATION over each reply and ask for the next only "
              + "then (manual flow control) (default: 0ms, read as fast as they come).")
      Duration readDelay) {
    if (cancelAfter < 0) {
      throw new Cli.UsageError("--cancel-after must be 0 (never) or more");
    }
    return withCalls(calls -> unaryNames().forEach(name -> {
      int received = calls.lotsOfReplies(name, cancelAfter, readDelay);
      if (cancelAfter > 0 && received == cancelAfter) {
        err().println("cancelled the call after " + received + " replies");
      }
    }));
  }

  @Command(name = "greetings",
      description = "LotsOfGreetings, client streaming: the names go up as a stream, one reply "
          + "comes back. The server answers early on the name 后会有期.")
  int greetings() {
    return withCalls(calls -> calls.lotsOfGreetings(streamNames()));
  }

  @Command(name = "bidi",
      description = "BidiHello, bidirectional streaming: one reply per name, as each arrives.")
  int bidi() {
    return withCalls(calls -> calls.bidiHello(streamNames()));
  }

  @Command(name = "status",
      description = "The status-code tour: ask the server to answer SayHello with CODE (sent as "
          + "the header demo-status: CODE) and print what comes back. CODE is a status code "
          + "name, OK to UNAUTHENTICATED, or 'crash' to make the service throw.")
  int status(
      @Parameters(paramLabel = "CODE", converter = StatusCodeName.class,
          description = "${COMPLETION-CANDIDATES}", completionCandidates = StatusCodeName.class)
      String code) {
    return withCalls(calls -> unaryNames().forEach(
        name -> calls.withHeader(DEMO_STATUS, code).sayHello(name)));
  }

  @Command(name = "load",
      description = "Send many SayHello calls, some at a time, and print a summary: successes, "
          + "failures by code, attempts on the wire (retries, hedges), latency percentiles, "
          + "attempts per server, and with --duration the rate. Exit code 1 if any call failed.")
  int load(
      @Option(names = "--calls", paramLabel = "N",
          description = "How many calls (default: 200; with --duration, no limit).") Integer calls,
      @Option(names = "--concurrency", paramLabel = "N", defaultValue = "10",
          description = "How many at a time, over all connections (default: ${DEFAULT-VALUE}).")
      int concurrency,
      @Option(names = "--warmup", paramLabel = "N", defaultValue = "50",
          description = "Calls sent first and not counted: the JVM's first calls are slow "
              + "(default: ${DEFAULT-VALUE}).") int warmup,
      @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
          description = "Send calls for this long, e.g. 10s (or until --calls, if given, are "
              + "sent), and print the rate (default: no time limit).") Duration duration,
      @Option(names = "--connections", paramLabel = "N", defaultValue = "1",
          description = "Spread the calls over N channels, each its own HTTP/2 connection; one "
              + "connection is one event-loop thread at each end (default: ${DEFAULT-VALUE}).")
      int connections,
      @Option(names = "--metrics-port", paramLabel = "PORT",
          description = "While the calls run, serve gRPC's client metrics (OpenTelemetry) in "
              + "Prometheus text format at http://HOST:PORT/metrics (default: off).")
      Integer metricsPort)
      throws InterruptedException {
    if (connections < 1) {
      throw new Cli.UsageError("--connections must be at least 1");
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new Cli.UsageError("--duration must be longer than 0");
    }
    if (metricsPort != null && (metricsPort < 1 || metricsPort > 65535)) {
      throw new Cli.UsageError("--metrics-port must be between 1 and 65535, not " + metricsPort);
    }
    PrometheusMetrics metrics = null;
    if (metricsPort != null) {
      try {
        metrics = PrometheusMetrics.serve(metricsPort);
      } catch (IllegalStateException e) {
        throw new Cli.UsageError("--metrics-port: " + e.getMessage());
      }
      err().println("metrics (Prometheus text format) at " + metrics.url());
      err().flush();
    }
    List<ManagedChannel> channels = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) {
        // directExecutor: each reply is counted on the transport thread that read it, with no hop
        // to another thread; counting never blocks, so it may.
        ManagedChannelBuilder<?> builder = connect.apply(client).directExecutor();
        if (metrics != null) {
          // Installed on the builder: every call and attempt on this channel is recorded by grpc-java.
          metrics.recordCalls(builder);
        }
        channels.add(Channels.open(builder, client, err()));
      }
      HelloRequest request = HelloRequest.newBuilder().setName(unaryNames().get(0))
          .setPayload(ByteString.copyFrom(new byte[payload])).build();
      Function<Channel, ListenableFuture<?>> sayHello =
          ch -> GreeterGrpc.newFutureStub(ch).sayHello(request);
      if (warmup > 0) {
        LoadTest.run(channels, warmup, null, concurrency, sayHello);
      }
      int budget = calls != null ? calls : duration != null ? Integer.MAX_VALUE : 200;
      LoadTest result = LoadTest.run(channels, budget, duration, concurrency, sayHello);
      result.summary().forEach(out()::println);
      out().flush();
      return result.failed() == 0 ? 0 : Cli.RPC_FAILED;
    } finally {
      channels.forEach(Channels::close);
      if (metrics != null) {
        metrics.close();
      }
    }
  }

  /** Opens the one channel, runs the calls on it, closes it. A failed call is thrown to Cli. */
  private int withCalls(Consumer<GreeterCalls> body) {
    ManagedChannel channel = Channels.open(connect.apply(client), client, err());
    PrintWriter out = out();
    Consumer<HelloReply> print = client.json()
        ? reply -> out.println(JsonOutput.line(reply))
        : reply -> out.println(reply.getMessage());
    try {
      body.accept(new GreeterCalls(channel, print).withPayload(payload));
      return 0;
    } catch (StatusRuntimeException e) {
      throw client.failure(e);
    } finally {
      out.flush();
      Channels.close(channel);
    }
  }

  /** Section headings of {@code all}; left out with --json, so that every line is JSON. */
  private void heading(String text) {
    if (!client.json()) {
      out().println(text);
    }
  }

  private List<String> unaryNames() {
    return names.isEmpty() ? DEFAULT_UNARY_NAMES : names;
  }

  private List<String> streamNames() {
    return names.isEmpty() ? DEFAULT_STREAM_NAMES : names;
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }

  public static void main(String[] args) {
    // A few calls and exit: start quickly. Not for load, whose many channels share grpc-java's
    // event-loop threads.
    if (!java.util.Arrays.asList(args).contains("load")) {
      Channels.startQuickly();
    }
    Cli.main(new GreeterClient(), RpcErrors::ofFailure, args);
  }
}
