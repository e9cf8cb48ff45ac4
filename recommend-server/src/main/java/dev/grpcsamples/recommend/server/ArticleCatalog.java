package dev.grpcsamples.recommend.server;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import dev.grpcsamples.recommend.Article;
import dev.grpcsamples.recommend.Catalog;
import dev.grpcsamples.recommend.Category;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The articles the server recommends from, read from JSON in the shape of the {@code Catalog} message
 * (recommend.proto) with protobuf-java-util's JsonFormat: no hand-written JSON mapping.
 *
 * <p>The bundled catalog is 300 made-up articles; {@code --catalog FILE} reads your own in the same
 * format. A file that cannot be used stops the server at start-up with one line that names the file
 * and the line or the article at fault.
 */
public final class ArticleCatalog {
  static final String BUNDLED = "catalog.json";

  private final List<Article> articles;
  private final long newestPublishedMillis;

  private ArticleCatalog(List<Article> articles) {
    this.articles = List.copyOf(articles);
    this.newestPublishedMillis = articles.stream()
        .mapToLong(a -> Timestamps.toMillis(a.getPublished())).max().orElse(0);
  }

  /** The 300-article catalog inside the jar. */
  public static ArticleCatalog bundled() {
    try (InputStream in = ArticleCatalog.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException(BUNDLED + " is missing from the class path");
      }
      return parse(BUNDLED, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the bundled " + BUNDLED, e);
    }
  }

  /** Reads a catalog file; any problem is a {@link BadCatalogException} naming the file and the place. */
  public static ArticleCatalog load(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BadCatalogException(file + ": no such file");
    } catch (IOException e) {
      throw new BadCatalogException(file + ": cannot read the catalog (" + e + ")");
    }
    return parse(file.toString(), json);
  }

  static ArticleCatalog parse(String source, String json) {
    Catalog.Builder catalog = Catalog.newBuilder();
    try {
      JsonFormat.parser().merge(json, catalog);
    } catch (InvalidProtocolBufferException e) {
      throw new BadCatalogException(source + ": " + locate(json, e));
    }
    validate(source, catalog.getArticlesList());
    return new ArticleCatalog(catalog.getArticlesList());
  }

  /**
   * Says where a parse failed. Broken JSON: the parser's own message has the line and column. JSON
   * that is fine but does not fit the Catalog message: find the first article that does not parse.
   */
  private static String locate(String json, InvalidProtocolBufferException failure) {
    Struct tree = Struct.newBuilder().build();
    try {
      Struct.Builder generic = Struct.newBuilder();
      JsonFormat.parser().merge(json, generic);
      tree = generic.build();
    } catch (InvalidProtocolBufferException notJson) {
      // "com.google.gson.stream.MalformedJsonException: Unterminated object at line 3 column 17
      // path $.articles[0].title\nSee https://..." -> the part a person needs, on one line.
      String message = notJson.getMessage().replaceFirst("^[\\w.$]+Exception: ", "");
      return "not valid JSON: " + message.lines().findFirst().orElse(message);
    }
    Value list = tree.getFieldsOrDefault("articles", Value.getDefaultInstance());
    if (list.hasListValue()) {
      ListValue articles = list.getListValue();
      for (int i = 0; i < articles.getValuesCount(); i++) {
        try {
          JsonFormat.parser().merge(JsonFormat.printer().print(articles.getValues(i)),
              Article.newBuilder());
        } catch (InvalidProtocolBufferException e) {
          return "articles[" + i + "]: " + e.getMessage();
        }
      }
    }
    return failure.getMessage();
  }

  private static void validate(String source, List<Article> articles) {
    if (articles.isEmpty()) {
      throw new BadCatalogException(source + ": the catalog has no articles");
    }
    Map<Integer, Integer> seen = new HashMap<>();
    for (int i = 0; i < articles.size(); i++) {
      Article a = articles.get(i);
      String at = source + ": articles[" + i + "] (articleId " + a.getArticleId() + "): ";
      if (a.getArticleId() <= 0) {
        throw new BadCatalogException(at + "articleId must be a positive number");
      }
      Integer first = seen.putIfAbsent(a.getArticleId(), i);
      if (first != null) {
        throw new BadCatalogException(at + "articleId is already used by articles[" + first + "]");
      }
      if (a.getTitle().isBlank()) {
        throw new BadCatalogException(at + "title is missing");
      }
      if (a.getCategory() == Category.CATEGORY_UNSPECIFIED) {
        throw new BadCatalogException(at + "category is missing");
      }
      if (!a.hasPublished()) {
        throw new BadCatalogException(at + "published is missing");
      }
      if (a.getInfo().getViews() < 0 || a.getInfo().getShares() < 0) {
        throw new BadCatalogException(at + "views and shares cannot be negative");
      }
    }
  }

  public List<Article> articles() {
    return articles;
  }

  public int size() {
    return articles.size();
  }

  /** When the newest article was published: recency is measured back from here. */
  long newestPublishedMillis() {
    return newestPublishedMillis;
  }

  /** The catalog cannot be used; the message names the file (and the line or article) at fault. */
  public static final class BadCatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadCatalogException(String message) {
      super(message);
    }
  }
}
