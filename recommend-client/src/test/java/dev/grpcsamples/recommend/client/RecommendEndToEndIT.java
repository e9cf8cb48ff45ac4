package dev.grpcsamples.recommend.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.grpcsamples.recommend.ArticleResponse;
import dev.grpcsamples.testing.RunningJar;
import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.ServerJar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** recommend-server.jar and recommend-client.jar as a user runs them. */
class RecommendEndToEndIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension
  static final ServerJar server = ServerJar.of("recommend-server.jar", "--max-articles", "20");

  @TempDir
  Path dir;

  private static CommandResult client(String... args) throws Exception {
    return RunningJar.run(TIMEOUT, RunningJar.jar("recommend-client.jar"), args);
  }

  @Test
  void printsTheTable() throws Exception {
    CommandResult r = client("--target", server.target(), "--user", "2", "--count", "4");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("Top 4 of 300 articles for user 2", r.stdout().get(0));
    assertEquals(8, r.stdout().size(), r.toString());
    assertTrue(r.stdout().get(7).startsWith("exposure: user 2 at "), r.toString());
  }

  @Test
  void jsonParsesBackIntoTheResponse() throws Exception {
    CommandResult r = client("--target", server.target(), "--user", "2", "--count", "3", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    ArticleResponse.Builder parsed = ArticleResponse.newBuilder();
    JsonFormat.parser().merge(String.join("\n", r.stdout()), parsed);
    assertEquals(3, parsed.getRecommendsCount());
  }

  @Test
  void anInvalidRequestExitsOneWithTheViolations() throws Exception {
    CommandResult r = client("--target", server.target(), "--count", "21");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(List.of("INVALID_ARGUMENT: invalid UserRequest: article_num",
        "  article_num: must be at most 20 (this server's --max-articles), not 21"), r.stderr());
  }

  @Test
  void aMalformedCatalogStopsTheServerWithOneLineAndExitTwo() throws Exception {
    Path bad = dir.resolve("catalog.json");
    Files.writeString(bad, "{\"articles\": [\n  {\"articleId\": 1,, }\n]}", StandardCharsets.UTF_8);
    CommandResult r = RunningJar.run(TIMEOUT, RunningJar.jar("recommend-server.jar"),
        "--port", "0", "--catalog", bad.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(1, r.stderr().size(), r.toString());
    assertTrue(r.stderr().get(0).startsWith(bad + ": not valid JSON: "), r.toString());
    assertTrue(r.stderr().get(0).contains("line 2"), r.toString());
  }
}
