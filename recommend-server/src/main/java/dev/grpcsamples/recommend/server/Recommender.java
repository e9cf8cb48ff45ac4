package dev.grpcsamples.recommend.server;

import com.google.protobuf.util.Timestamps;
import dev.grpcsamples.recommend.Article;
import dev.grpcsamples.recommend.Category;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Ranks the catalog for one user. The score of an article, each part from 0 to 1:
 *
 * <pre>
 * total      = 0.5 * affinity + 0.3 * popularity + 0.2 * recency
 * affinity   = how much the user likes the article's category (UserProfile)
 * popularity = log10(1 + views + 10 * shares) / the same for the catalog's most popular article
 * recency    = 0.5 ^ (days between publishing and the catalog's newest article / 30)
 * </pre>
 *
 * Highest total first; equal totals by article id. Recency is measured against the catalog, not the
 * clock, so the same user and catalog always get the same list.
 */
final class Recommender {
  static final double AFFINITY_WEIGHT = 0.5;
  static final double POPULARITY_WEIGHT = 0.3;
  static final double RECENCY_WEIGHT = 0.2;
  static final double HALF_LIFE_DAYS = 30;

  private final ArticleCatalog catalog;
  private final double maxPopularity;

  Recommender(ArticleCatalog catalog) {
    this.catalog = catalog;
    this.maxPopularity = catalog.articles().stream()
        .mapToDouble(Recommender::rawPopularity).max().orElse(1);
  }

  /** The best {@code count} articles for the user among those {@code allowed}, scores filled in. */
  List<Article> recommend(int userId, int count, Predicate<Article> allowed) {
    Map<Category, Double> affinity = UserProfile.affinity(userId);
    return catalog.articles().stream()
        .filter(allowed)
        .map(a -> a.toBuilder().setScore(score(a, affinity)).build())
        .sorted(Comparator.comparingDouble((Article a) -> a.getScore().getTotal()).reversed()
            .thenComparingInt(Article::getArticleId))
        .limit(count)
        .toList();
  }

  private Article.Score score(Article a, Map<Category, Double> affinityByCategory) {
    double affinity = affinityByCategory.getOrDefault(a.getCategory(), 0.0);
    double popularity = maxPopularity == 0 ? 0 : rawPopularity(a) / maxPopularity;
    double ageDays = (catalog.newestPublishedMillis() - Timestamps.toMillis(a.getPublished()))
        / 86_400_000.0;
    double recency = Math.pow(0.5, Math.max(0, ageDays) / HALF_LIFE_DAYS);
    double total = AFFINITY_WEIGHT * affinity + POPULARITY_WEIGHT * popularity
        + RECENCY_WEIGHT * recency;
    return Article.Score.newBuilder()
        .setAffinity(round(affinity))
        .setPopularity(round(popularity))
        .setRecency(round(recency))
        .setTotal(round(total))
        .build();
  }

  private static double rawPopularity(Article a) {
    return Math.log10(1 + a.getInfo().getViews() + 10.0 * a.getInfo().getShares());
  }

  /** Four decimals are plenty to read, and keep the JSON output short. */
  private static double round(double x) {
    return Math.round(x * 10_000) / 10_000.0;
  }
}
