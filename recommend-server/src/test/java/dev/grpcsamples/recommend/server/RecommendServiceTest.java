package dev.grpcsamples.recommend.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.BadRequest;
import com.google.rpc.BadRequest.FieldViolation;
import dev.grpcsamples.recommend.Article;
import dev.grpcsamples.recommend.ArticleResponse;
import dev.grpcsamples.recommend.Category;
import dev.grpcsamples.recommend.Exposure;
import dev.grpcsamples.recommend.UserRecommendGrpc;
import dev.grpcsamples.recommend.UserRequest;
import dev.grpcsamples.testing.InProcessGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecommendServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  @RegisterExtension
  final InProcessGrpc grpc = InProcessGrpc.serving(() ->
      new RecommendService(ArticleCatalog.bundled(), 100, Clock.fixed(NOW, ZoneOffset.UTC)));

  private UserRecommendGrpc.UserRecommendBlockingStub stub() {
    return UserRecommendGrpc.newBlockingStub(grpc.channel());
  }

  @Test
  void recommendsExactlyArticleNumWithScoresAndProfile() {
    ArticleResponse r = stub().recommend(request(2, 4));
    assertEquals(4, r.getRecommendsCount());
    assertEquals(300, r.getCatalogSize());
    assertEquals(NOW.toEpochMilli(), r.getTimeStamp());
    assertTrue(r.getRecommendsList().stream().allMatch(a -> a.getScore().getTotal() > 0));
    assertEquals(8, r.getCategoryAffinityCount());
  }

  @Test
  void theExposureTokenSaysWhoSawWhatAndWhen() throws Exception {
    ArticleResponse r = stub().recommend(request(2, 3));
    Exposure exposure = Exposure.parseFrom(Base64.getUrlDecoder().decode(r.getExposure()));
    assertEquals(2, exposure.getUserId());
    assertEquals(NOW.toEpochMilli(), exposure.getTimeStamp());
    assertEquals(r.getRecommendsList().stream().map(Article::getArticleId).toList(),
        exposure.getArticleIdsList());
  }

  @Test
  void theOneofRestrictsToACategoryOrAnAuthor() {
    ArticleResponse travel = stub().recommend(request(2, 10).toBuilder()
        .setCategory(Category.CATEGORY_TRAVEL).build());
    assertTrue(travel.getRecommendsList().stream()
        .allMatch(a -> a.getCategory() == Category.CATEGORY_TRAVEL));
    ArticleResponse ada = stub().recommend(request(2, 10).toBuilder().setAuthor("ada park").build());
    assertEquals(10, ada.getRecommendsCount());
    assertTrue(ada.getRecommendsList().stream().allMatch(a -> a.getAuthor().equals("Ada Park")));
  }

  @Test
  void nonPositiveFieldsAreInvalidArgumentNamingEachField() {
    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> stub().recommend(request(0, -1)));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals("invalid UserRequest: user_id, article_num", e.getStatus().getDescription());
    assertEquals(List.of(
        violation("user_id", "must be a positive number, not 0"),
        violation("article_num", "must be at least 1, not -1")), violations(e));
  }

  @Test
  void tooManyArticlesIsInvalidArgumentNamingTheLimit() {
    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> stub().recommend(request(1, 101)));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertEquals(List.of(violation("article_num",
        "must be at most 100 (this server's --max-articles), not 101")), violations(e));
  }

  @Test
  void anUnsetCategoryInTheOneofIsInvalid() {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub().recommend(
        request(1, 1).toBuilder().setCategory(Category.CATEGORY_UNSPECIFIED).build()));
    assertEquals(List.of(violation("category", "must name a category, not 0")), violations(e));
  }

  @Test
  void theServerKeepsServingAfterABadRequest() {
    assertThrows(StatusRuntimeException.class, () -> stub().recommend(request(-5, 1)));
    assertEquals(1, stub().recommend(request(5, 1)).getRecommendsCount());
  }

  private static UserRequest request(int user, int count) {
    return UserRequest.newBuilder().setUserId(user).setArticleNum(count).build();
  }

  private static FieldViolation violation(String field, String description) {
    return FieldViolation.newBuilder().setField(field).setDescription(description).build();
  }

  private static List<FieldViolation> violations(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    try {
      return status.getDetails(0).unpack(BadRequest.class).getFieldViolationsList();
    } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
      throw new AssertionError(ex);
    }
  }
}
