package dev.grpcsamples.recommend.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.grpcsamples.recommend.ArticleResponse;
import dev.grpcsamples.recommend.server.ArticleCatalog;
import dev.grpcsamples.recommend.server.RecommendService;
import dev.grpcsamples.testing.CliRun;
import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.InProcessGrpc;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The recommend CLI, from command line to what it prints, against the real service in-process. */
class RecommendClientTest {
  @RegisterExtension
  final InProcessGrpc grpc =
      InProcessGrpc.serving(() -> new RecommendService(ArticleCatalog.bundled(), 100));

  @Test
  void printsATableAndTheDecodedExposure() {
    CommandResult run = run("--user", "2", "--count", "4");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(8, run.stdout().size(), run.toString());
    assertEquals("Top 4 of 300 articles for user 2", run.stdout().get(0));
    assertTrue(run.stdout().get(1).matches(" {2}# {4}ID {2}TITLE +CATEGORY +VIEWS +SHARES +SCORE"),
        run.stdout().get(1));
    StringBuilder ids = new StringBuilder();
    for (int rank = 1; rank <= 4; rank++) {
      Matcher row = Pattern.compile("^ +" + rank + " +(\\d+)  \\S.* +\\d+ +\\d+ +0\\.\\d{3}$")
          .matcher(run.stdout().get(1 + rank));
      assertTrue(row.matches(), run.stdout().get(1 + rank));
      ids.append(rank == 1 ? "" : ", ").append(row.group(1));
    }
    assertTrue(run.stdout().get(6).matches("likes: \\w+ 1\\.00, \\w+ \\d\\.\\d\\d, \\w+ \\d\\.\\d\\d"),
        run.stdout().get(6));
    assertTrue(run.stdout().get(7).matches(
        "exposure: user 2 at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z was shown articles " + ids),
        run.stdout().get(7));
  }

  @Test
  void jsonPrintsTheWholeResponseInProtobufsJsonMapping() throws Exception {
    CommandResult run = run("--user", "3", "--count", "2", "--json");
    assertEquals(0, run.exitCode(), run.toString());
    ArticleResponse.Builder parsed = ArticleResponse.newBuilder();
    JsonFormat.parser().merge(String.join("\n", run.stdout()), parsed);
    assertEquals(2, parsed.getRecommendsCount());
    assertEquals(300, parsed.getCatalogSize());
    assertEquals(3, ExposureDecoder.decode(parsed.getExposure()).getUserId());
  }

  @Test
  void categoryTakesTheShortName() {
    CommandResult run = run("--category", "travel", "--count", "3");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.stdout().subList(2, 5).stream().allMatch(line -> line.contains(" travel ")),
        run.toString());
  }

  @Test
  void authorAddsAnAuthorColumnShowingTheCatalogsSpelling() {
    CommandResult run = run("--user", "2", "--author", "grace liu", "--count", "3");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(7, run.stdout().size(), run.toString());
    assertTrue(run.stdout().get(1).matches(
        " {2}# {4}ID {2}TITLE +AUTHOR +CATEGORY +VIEWS +SHARES +SCORE"), run.stdout().get(1));
    for (String row : run.stdout().subList(2, 5)) {
      assertTrue(row.matches("^ +\\d +\\d+  \\S.*  Grace Liu {9}\\w+ +\\d+ +\\d+ +0\\.\\d{3}$"),
          row);
    }
  }

  @Test
  void aCategoryTableHasNoAuthorColumn() {
    CommandResult run = run("--category", "food", "--count", "2");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.stdout().get(1).matches(" {2}# {4}ID {2}TITLE +CATEGORY +VIEWS +SHARES +SCORE"),
        run.stdout().get(1));
  }

  @Test
  void anAuthorWithNoArticlesIsOneClearLineNotAnEmptyTable() {
    CommandResult run = run("--author", "Nobody");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(List.of("No articles by Nobody among the 300 in the catalog (--author takes an "
        + "author's full name; case does not matter)"), run.stdout());
    assertEquals(List.of(), run.stderr());
  }

  @Test
  void anInvalidRequestPrintsEachFieldViolationAndExitsOne() {
    CommandResult run = run("--user", "0", "--count", "0");
    assertEquals(1, run.exitCode());
    assertEquals(List.of(
        "INVALID_ARGUMENT: invalid UserRequest: user_id, article_num",
        "  user_id: must be a positive number, not 0",
        "  article_num: must be at least 1, not 0"), run.stderr());
  }

  @Test
  void withJsonAFailureIsTheStatusAsOneLineOfJsonWithItsDetailsDecoded() {
    CommandResult run = run("--user", "0", "--count", "0", "--json");
    assertEquals(1, run.exitCode());
    assertEquals(List.of(), run.stdout());
    assertEquals(List.of("{\"code\":3,\"message\":\"invalid UserRequest: user_id, article_num\","
        + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\","
        + "\"fieldViolations\":[{\"field\":\"user_id\",\"description\":\"must be a positive "
        + "number, not 0\"},{\"field\":\"article_num\",\"description\":\"must be at least 1, "
        + "not 0\"}]}]}"), run.stderr());
  }

  @Test
  void categoryAndAuthorTogetherIsAUsageError() {
    CommandResult run = run("--category", "food", "--author", "Ada Park");
    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().get(0).contains("mutually exclusive"), run.toString());
  }

  @Test
  void anUnknownCategoryListsTheKnownOnes() {
    CommandResult run = run("--category", "sport");
    assertEquals(2, run.exitCode());
    assertEquals("Invalid value for option '--category': 'sport' is not a category: use one of "
        + "tech, science, business, sports, culture, travel, food, health", run.stderr().get(0));
  }

  private CommandResult run(String... args) {
    return CliRun.run(new RecommendClient(options -> grpc.channelBuilder()), args);
  }
}
