package dev.grpcsamples.recommend.client;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.grpcsamples.recommend.Exposure;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * Reads the server's exposure token back: base64url (no padding) of an {@code Exposure} message.
 * Any client that has recommend.proto can do the same.
 */
final class ExposureDecoder {
  private ExposureDecoder() {}

  static Exposure decode(String token) throws InvalidProtocolBufferException {
    try {
      return Exposure.parseFrom(Base64.getUrlDecoder().decode(token));
    } catch (IllegalArgumentException notBase64) {
      throw new InvalidProtocolBufferException("not base64url: " + notBase64.getMessage());
    }
  }

  /** "user 2 at 2026-11-21T16:10:00.123Z was shown articles 217, 12, 45" */
  static String describe(String token) {
    try {
      Exposure e = decode(token);
      return "user " + e.getUserId() + " at " + Instant.ofEpochMilli(e.getTimeStamp())
          + " was shown articles " + e.getArticleIdsList().stream().map(String::valueOf)
              .collect(Collectors.joining(", "));
    } catch (InvalidProtocolBufferException e) {
      return "(cannot decode the token: " + e.getMessage() + ")";
    }
  }
}
