package dev.grpcsamples.recommend.server;

import com.google.rpc.BadRequest.FieldViolation;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import dev.grpcsamples.recommend.Article;
import dev.grpcsamples.recommend.ArticleResponse;
import dev.grpcsamples.recommend.Category;
import dev.grpcsamples.recommend.UserRecommendGrpc;
import dev.grpcsamples.recommend.UserRequest;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * UserRecommend: checks the request, ranks the catalog for the user ({@link Recommender}) and answers
 * with the articles, the user's category profile and an exposure token.
 *
 * <p>A bad request is answered with INVALID_ARGUMENT and a google.rpc.BadRequest detail that lists
 * every field at fault, so a client can show all the problems at once, not one per attempt.
 */
public final class RecommendService extends UserRecommendGrpc.UserRecommendImplBase {
  private static final Logger logger = Logger.getLogger(RecommendService.class.getName());

  private final ArticleCatalog catalog;
  private final Recommender recommender;
  private final int maxArticles;
  private final Clock clock;

  public RecommendService(ArticleCatalog catalog, int maxArticles) {
    this(catalog, maxArticles, Clock.systemUTC());
  }

  RecommendService(ArticleCatalog catalog, int maxArticles, Clock clock) {
    if (maxArticles < 1) {
      throw new IllegalArgumentException("maxArticles must be at least 1, not " + maxArticles);
    }
    this.catalog = catalog;
    this.recommender = new Recommender(catalog);
    this.maxArticles = maxArticles;
    this.clock = clock;
  }

  @Override
  public void recommend(UserRequest request, StreamObserver<ArticleResponse> responseObserver) {
    List<FieldViolation> violations = validate(request);
    if (!violations.isEmpty()) {
      responseObserver.onError(invalidArgument(violations));
      return;
    }
    List<Article> articles =
        recommender.recommend(request.getUserId(), request.getArticleNum(), restriction(request));
    long now = clock.millis();
    ArticleResponse.Builder response = ArticleResponse.newBuilder()
        .setExposure(ExposureToken.encode(request.getUserId(), now, articles))
        .setTimeStamp(now)
        .addAllRecommends(articles)
        .setCatalogSize(catalog.size());
    UserProfile.affinity(request.getUserId()).forEach((category, weight) ->
        response.putCategoryAffinity(category.name(), Math.round(weight * 10_000) / 10_000.0));
    logger.fine(() -> "recommended " + articles.size() + " articles to user " + request.getUserId());
    responseObserver.onNext(response.build());
    responseObserver.onCompleted();
  }

  private List<FieldViolation> validate(UserRequest request) {
    List<FieldViolation> violations = new ArrayList<>();
    if (request.getUserId() <= 0) {
      violations.add(violation("user_id", "must be a positive number, not " + request.getUserId()));
    }
    if (request.getArticleNum() <= 0) {
      violations.add(violation("article_num", "must be at least 1, not " + request.getArticleNum()));
    } else if (request.getArticleNum() > maxArticles) {
      violations.add(violation("article_num", "must be at most " + maxArticles
          + " (this server's --max-articles), not " + request.getArticleNum()));
    }
    if (request.hasCategory() && (request.getCategory() == Category.CATEGORY_UNSPECIFIED
        || request.getCategory() == Category.UNRECOGNIZED)) {
      violations.add(violation("category", "must name a category, not "
          + request.getCategoryValue()));
    }
    if (request.hasAuthor() && request.getAuthor().isBlank()) {
      violations.add(violation("author", "must not be empty"));
    }
    return violations;
  }

  private static Predicate<Article> restriction(UserRequest request) {
    switch (request.getRestrictToCase()) {
      case CATEGORY:
        return a -> a.getCategory() == request.getCategory();
      case AUTHOR:
        return a -> a.getAuthor().equalsIgnoreCase(request.getAuthor().trim());
      default:
        return a -> true;
    }
  }

  private static FieldViolation violation(String field, String description) {
    return FieldViolation.newBuilder().setField(field).setDescription(description).build();
  }

  /** INVALID_ARGUMENT, with the violations both in the description and as a BadRequest detail. */
  private static RuntimeException invalidArgument(List<FieldViolation> violations) {
    String fields = violations.stream().map(FieldViolation::getField)
        .collect(Collectors.joining(", "));
    com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
        .setCode(Code.INVALID_ARGUMENT.getNumber())
        .setMessage("invalid UserRequest: " + fields)
        .addDetails(com.google.protobuf.Any.pack(
            BadRequest.newBuilder().addAllFieldViolations(violations).build()))
        .build();
    return StatusProto.toStatusRuntimeException(status);
  }
}
