package dev.grpcsamples.recommend.client;

import dev.grpcsamples.recommend.Article;
import dev.grpcsamples.recommend.ArticleResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A response as a person reads it: a table of the articles, the user's tastes, the exposure. */
final class RecommendTable {
  private static final int TITLE_WIDTH = 42;
  private static final String ROW = "%3s %5s  %-" + TITLE_WIDTH + "s  %-9s %9s %7s  %5s";

  private RecommendTable() {}

  static List<String> render(int userId, ArticleResponse response) {
    List<String> lines = new ArrayList<>();
    lines.add("Top " + response.getRecommendsCount() + " of " + response.getCatalogSize()
        + " articles for user " + userId);
    lines.add(String.format(Locale.ROOT, ROW, "#", "ID", "TITLE", "CATEGORY", "VIEWS", "SHARES",
        "SCORE"));
    int rank = 0;
    for (Article a : response.getRecommendsList()) {
      lines.add(String.format(Locale.ROOT, ROW, ++rank, a.getArticleId(), fit(a.getTitle()),
          CategoryConverter.shortName(a.getCategory()), a.getInfo().getViews(),
          a.getInfo().getShares(), String.format(Locale.ROOT, "%.3f", a.getScore().getTotal())));
    }
    lines.add("likes: " + favourites(response.getCategoryAffinityMap()));
    lines.add("exposure: " + ExposureDecoder.describe(response.getExposure()));
    return lines;
  }

  /** The three categories the user likes most, e.g. "travel 1.00, food 0.62, tech 0.31". */
  private static String favourites(Map<String, Double> affinity) {
    return affinity.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(3)
        .map(e -> CategoryConverter.shortName(e.getKey())
            + String.format(Locale.ROOT, " %.2f", e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String fit(String title) {
    return title.length() <= TITLE_WIDTH ? title : title.substring(0, TITLE_WIDTH - 3) + "...";
  }
}
