package dev.grpcsamples.recommend.client;

import dev.grpcsamples.recommend.Article;
import dev.grpcsamples.recommend.ArticleResponse;
import dev.grpcsamples.recommend.UserRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A response as a person reads it: a table of the articles, the user's tastes, the exposure. The
 * request decides the columns: asked for one author's articles, the table shows whose they are.
 */
final class RecommendTable {
  private static final int TITLE_WIDTH = 42;
  private static final int AUTHOR_WIDTH = 16;
  private static final String ROW = "%3s %5s  %-" + TITLE_WIDTH + "s  %-9s %9s %7s  %5s";
  private static final String ROW_WITH_AUTHOR =
      "%3s %5s  %-" + TITLE_WIDTH + "s  %-" + AUTHOR_WIDTH + "s  %-9s %9s %7s  %5s";

  private RecommendTable() {}

  static List<String> render(UserRequest request, ArticleResponse response) {
    if (response.getRecommendsCount() == 0) {
      // An empty table would leave the user guessing; say what matched nothing, and why it may.
      return List.of(noArticles(request, response.getCatalogSize()));
    }
    boolean byAuthor = request.hasAuthor();
    List<String> lines = new ArrayList<>();
    lines.add("Top " + response.getRecommendsCount() + " of " + response.getCatalogSize()
        + " articles for user " + request.getUserId());
    lines.add(byAuthor
        ? row(ROW_WITH_AUTHOR, "#", "ID", "TITLE", "AUTHOR", "CATEGORY", "VIEWS", "SHARES", "SCORE")
        : row(ROW, "#", "ID", "TITLE", "CATEGORY", "VIEWS", "SHARES", "SCORE"));
    int rank = 0;
    for (Article a : response.getRecommendsList()) {
      String category = CategoryConverter.shortName(a.getCategory());
      String score = String.format(Locale.ROOT, "%.3f", a.getScore().getTotal());
      rank++;
      lines.add(byAuthor
          ? row(ROW_WITH_AUTHOR, rank, a.getArticleId(), fit(a.getTitle(), TITLE_WIDTH),
              fit(a.getAuthor(), AUTHOR_WIDTH), category, a.getInfo().getViews(),
              a.getInfo().getShares(), score)
          : row(ROW, rank, a.getArticleId(), fit(a.getTitle(), TITLE_WIDTH), category,
              a.getInfo().getViews(), a.getInfo().getShares(), score));
    }
    lines.add("likes: " + favourites(response.getCategoryAffinityMap()));
    lines.add("exposure: " + ExposureDecoder.describe(response.getExposure()));
    return lines;
  }

  /** "No articles by Nobody among the 300 in the catalog (...)": the call worked, none matched. */
  private static String noArticles(UserRequest request, int catalogSize) {
    String among = " among the " + catalogSize + " in the catalog";
    switch (request.getRestrictToCase()) {
      case AUTHOR:
        // The server compares whole names, ignoring case: "ada park" finds Ada Park, "Ada" not.
        return "No articles by " + request.getAuthor() + among
            + " (--author takes an author's full name; case does not matter)";
      case CATEGORY:
        return "No " + CategoryConverter.shortName(request.getCategory()) + " articles" + among;
      default:
        return "No articles" + among;
    }
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

  private static String row(String format, Object... cells) {
    return String.format(Locale.ROOT, format, cells);
  }

  private static String fit(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 3) + "...";
  }
}
