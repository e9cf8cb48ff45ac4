package dev.grpcsamples.recommend.server;

import dev.grpcsamples.recommend.Article;
import dev.grpcsamples.recommend.Exposure;
import java.util.Base64;
import java.util.List;

/**
 * The {@code exposure} token of a response: which user was shown which articles, and when. It is the
 * {@code Exposure} message (recommend.proto) in protobuf's binary form, then base64url without padding,
 * so it is safe in a URL or a log line and any client with the .proto can decode it.
 */
final class ExposureToken {
  private ExposureToken() {}

  static String encode(int userId, long timeMillis, List<Article> shown) {
    Exposure exposure = Exposure.newBuilder()
        .setUserId(userId)
        .setTimeStamp(timeMillis)
        .addAllArticleIds(shown.stream().map(Article::getArticleId).toList())
        .build();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(exposure.toByteArray());
  }
}
