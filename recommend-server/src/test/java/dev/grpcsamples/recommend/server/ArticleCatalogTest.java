package dev.grpcsamples.recommend.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.recommend.Article;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleCatalogTest {
  @TempDir
  Path dir;

  @Test
  void theBundledCatalogHasHundredsOfCompleteArticles() {
    ArticleCatalog catalog = ArticleCatalog.bundled();
    assertEquals(300, catalog.size());
    Set<Integer> ids = catalog.articles().stream().map(Article::getArticleId)
        .collect(Collectors.toSet());
    assertEquals(300, ids.size());
    assertTrue(catalog.articles().stream().allMatch(a -> a.hasPublished() && !a.getTitle().isBlank()
        && a.getInfo().getViews() > 0 && !a.getAuthor().isBlank()));
  }

  @Test
  void aUserFileInTheSameFormatLoads() throws Exception {
    Path file = write("""
        {"articles": [
          {"articleId": 7, "title": "Seven", "category": "CATEGORY_FOOD", "author": "Ada",
           "published": "2026-01-02T03:04:05Z", "info": {"views": 10, "shares": 1}}
        ]}
        """);
    ArticleCatalog catalog = ArticleCatalog.load(file);
    assertEquals(1, catalog.size());
    assertEquals("Seven", catalog.articles().get(0).getTitle());
  }

  @Test
  void brokenJsonNamesTheFileAndTheLine() throws Exception {
    Path file = write("{\"articles\": [\n  {\"articleId\": 1,\n  \"title\": \"x\" \"y\"}\n]}");
    ArticleCatalog.BadCatalogException e = assertThrows(ArticleCatalog.BadCatalogException.class, () -> ArticleCatalog.load(file));
    assertEquals(file + ": not valid JSON: Unterminated object at line 3 column 17 path "
        + "$.articles[0].title", e.getMessage());
  }

  @Test
  void anUnknownFieldNamesTheArticleAndTheField() throws Exception {
    Path file = write(article(1, "One").replace("}]}", "}, {\"articleId\": 2, \"titel\": \"Two\"}]}"));
    ArticleCatalog.BadCatalogException e = assertThrows(ArticleCatalog.BadCatalogException.class, () -> ArticleCatalog.load(file));
    assertEquals(file + ": articles[1]: Cannot find field: titel in message recommend.Article",
        e.getMessage());
  }

  @Test
  void aDuplicateIdNamesBothArticles() throws Exception {
    Path file = write(article(1, "One").replace("}]}", "}, " + articleJson(1, "Uno") + "]}"));
    ArticleCatalog.BadCatalogException e = assertThrows(ArticleCatalog.BadCatalogException.class, () -> ArticleCatalog.load(file));
    assertEquals(file + ": articles[1] (articleId 1): articleId is already used by articles[0]",
        e.getMessage());
  }

  @Test
  void aMissingFieldIsNamed() throws Exception {
    Path file = write(article(1, ""));
    ArticleCatalog.BadCatalogException e = assertThrows(ArticleCatalog.BadCatalogException.class, () -> ArticleCatalog.load(file));
    assertEquals(file + ": articles[0] (articleId 1): title is missing", e.getMessage());
  }

  @Test
  void aMissingFileSaysSo() {
    Path file = dir.resolve("nope.json");
    ArticleCatalog.BadCatalogException e = assertThrows(ArticleCatalog.BadCatalogException.class, () -> ArticleCatalog.load(file));
    assertEquals(file + ": no such file", e.getMessage());
  }

  private Path write(String json) throws Exception {
    Path file = dir.resolve("catalog.json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }

  private static String article(int id, String title) {
    return "{\"articles\": [" + articleJson(id, title) + "]}";
  }

  private static String articleJson(int id, String title) {
    return "{\"articleId\": " + id + ", \"title\": \"" + title + "\", \"category\": "
        + "\"CATEGORY_TECH\", \"published\": \"2026-01-01T00:00:00Z\", \"info\": {\"views\": 5}}";
  }
}
