package dev.grpcsamples.recommend.client;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.common.client.Channels;
import dev.grpcsamples.common.client.ClientOptions;
import dev.grpcsamples.common.client.JsonOutput;
import dev.grpcsamples.common.client.RpcErrors;
import dev.grpcsamples.recommend.ArticleResponse;
import dev.grpcsamples.recommend.Category;
import dev.grpcsamples.recommend.UserRecommendGrpc;
import dev.grpcsamples.recommend.UserRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar recommend-client/target/recommend-client.jar --user 2 --count 4 [--json]}
 */
@Command(name = "recommend-client", mixinStandardHelpOptions = true,
    versionProvider = Cli.Version.class, sortOptions = false, usageHelpAutoWidth = true,
    description = "Asks recommend.UserRecommend for articles for a user and prints them as a "
        + "table, or as JSON with --json.",
    footer = {"", "Exit codes: 0 success, 1 the call failed (CODE: description on stderr), "
        + "2 usage error."})
public final class RecommendClient implements Callable<Integer> {
  public static final String DEFAULT_TARGET = "localhost:50052";

  @Mixin
  ClientOptions client = new ClientOptions(DEFAULT_TARGET);

  @Option(names = "--user", paramLabel = "ID",
      description = "Who the articles are for: user_id (default: ${DEFAULT-VALUE}).")
  int user = 1;

  @Option(names = "--count", paramLabel = "N",
      description = "How many articles: article_num (default: ${DEFAULT-VALUE}).")
  int count = 5;

  @ArgGroup(exclusive = true)
  Restriction restriction;

  static final class Restriction {
    @Option(names = "--category", paramLabel = "CATEGORY", converter = CategoryConverter.class,
        completionCandidates = CategoryConverter.class,
        description = "Only this category: ${COMPLETION-CANDIDATES}.")
    Category category;

    @Option(names = "--author", paramLabel = "NAME", description = "Only this author.")
    String author;
  }

  @Spec
  CommandSpec spec;

  private final Function<ClientOptions, ManagedChannelBuilder<?>> connect;

  public RecommendClient() {
    this(Channels::builder);
  }

  /** For tests: {@code connect} says where calls go (an in-process server, say). */
  RecommendClient(Function<ClientOptions, ManagedChannelBuilder<?>> connect) {
    this.connect = connect;
  }

  @Override
  public Integer call() {
    UserRequest.Builder builder = UserRequest.newBuilder()
        .setUserId(user)
        .setArticleNum(count)
        .setTimeStamp(System.currentTimeMillis());
    if (restriction != null && restriction.category != null) {
      builder.setCategory(restriction.category);
    } else if (restriction != null) {
      builder.setAuthor(restriction.author);
    }
    UserRequest request = builder.build();

    ManagedChannel channel =
        Channels.open(connect.apply(client), client, spec.commandLine().getErr());
    ArticleResponse response;
    try {
      response = UserRecommendGrpc.newBlockingStub(channel).recommend(request);
    } catch (StatusRuntimeException e) {
      throw client.failure(e);
    } finally {
      Channels.close(channel);
    }

    PrintWriter out = spec.commandLine().getOut();
    if (client.json()) {
      out.println(JsonOutput.pretty(response));
    } else {
      RecommendTable.render(request, response).forEach(out::println);
    }
    out.flush();
    return 0;
  }

  public static void main(String[] args) {
    Cli.main(new RecommendClient(), RpcErrors::ofFailure, args);
  }
}
