package dev.grpcsamples.recommend.server;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.common.server.ServerBootstrap;
import dev.grpcsamples.common.server.ServerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code java -jar recommend-server/target/recommend-server.jar [--catalog FILE] [--port 50052] ...}
 */
@Command(name = "recommend-server", mixinStandardHelpOptions = true,
    versionProvider = Cli.Version.class, sortOptions = false, usageHelpAutoWidth = true,
    description = "Serves recommend.UserRecommend: article recommendations per user, from a "
        + "bundled catalog or your own, plus grpc.health.v1 and server reflection.")
public final class RecommendServer implements Callable<Integer> {
  public static final int DEFAULT_PORT = 50052;

  private static final Logger logger = Logger.getLogger(RecommendServer.class.getName());

  @Mixin
  ServerOptions server = new ServerOptions(DEFAULT_PORT);

  @Option(names = "--catalog", paramLabel = "FILE",
      description = "Article catalog, JSON in the shape of the Catalog message in recommend.proto "
          + "(default: the 300 articles bundled in the jar).")
  Path catalogFile;

  @Option(names = "--max-articles", paramLabel = "N",
      description = "Most articles one request may ask for (default: ${DEFAULT-VALUE}).")
  int maxArticles = 100;

  @Override
  public Integer call() throws InterruptedException {
    if (maxArticles < 1) {
      throw new Cli.UsageError("--max-articles must be at least 1, not " + maxArticles);
    }
    return ServerBootstrap.serve("recommend-server", server, () -> {
      ArticleCatalog catalog;
      try {
        catalog = catalogFile == null ? ArticleCatalog.bundled() : ArticleCatalog.load(catalogFile);
      } catch (ArticleCatalog.BadCatalogException e) {
        throw new Cli.InputError(e.getMessage());
      }
      logger.info("catalog: " + catalog.size() + " articles from "
          + (catalogFile == null ? "the bundled " + ArticleCatalog.BUNDLED : catalogFile));
      return List.of(new RecommendService(catalog, maxArticles).bindService());
    });
  }

  public static void main(String[] args) {
    Cli.main(new RecommendServer(), args);
  }
}
