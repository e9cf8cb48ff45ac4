package dev.grpcsamples.recommend.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.recommend.Article;
import dev.grpcsamples.recommend.Category;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommenderTest {
  private final ArticleCatalog catalog = ArticleCatalog.bundled();
  private final Recommender recommender = new Recommender(catalog);

  @Test
  void theSameUserAndCatalogAlwaysGetTheSameList() {
    assertEquals(ids(recommender.recommend(2, 10, a -> true)),
        ids(new Recommender(ArticleCatalog.bundled()).recommend(2, 10, a -> true)));
  }

  @Test
  void differentUsersGetDifferentLists() {
    List<Integer> first = ids(recommender.recommend(1, 10, a -> true));
    assertNotEquals(first, ids(recommender.recommend(2, 10, a -> true)));
    assertNotEquals(first, ids(recommender.recommend(3, 10, a -> true)));
  }

  @Test
  void exactlyTheCountAskedForWithNoDuplicates() {
    for (int count : new int[] {1, 7, 100}) {
      List<Integer> ids = ids(recommender.recommend(5, count, a -> true));
      assertEquals(count, ids.size());
      assertEquals(count, new HashSet<>(ids).size());
    }
  }

  @Test
  void fewerWhenFewerArticlesQualify() {
    long food = catalog.articles().stream()
        .filter(a -> a.getCategory() == Category.CATEGORY_FOOD).count();
    List<Article> all = recommender.recommend(5, 100, a -> a.getCategory() == Category.CATEGORY_FOOD);
    assertEquals(food, all.size());
    assertTrue(food < 100);
  }

  @Test
  void rankedByTheDocumentedScore() {
    List<Article> ranked = recommender.recommend(4, 50, a -> true);
    Map<Category, Double> affinity = UserProfile.affinity(4);
    for (int i = 0; i < ranked.size(); i++) {
      Article.Score s = ranked.get(i).getScore();
      assertEquals(affinity.get(ranked.get(i).getCategory()), s.getAffinity(), 1e-4);
      assertEquals(0.5 * s.getAffinity() + 0.3 * s.getPopularity() + 0.2 * s.getRecency(),
          s.getTotal(), 1e-3);
      if (i > 0) {
        assertTrue(ranked.get(i - 1).getScore().getTotal() >= s.getTotal(), "sorted best first");
      }
    }
  }

  @Test
  void theUsersFavouriteCategoryLeads() {
    Map<Category, Double> affinity = UserProfile.affinity(2);
    Category favourite = affinity.entrySet().stream()
        .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertEquals(favourite, recommender.recommend(2, 1, a -> true).get(0).getCategory());
  }

  private static List<Integer> ids(List<Article> articles) {
    return articles.stream().map(Article::getArticleId).toList();
  }
}
