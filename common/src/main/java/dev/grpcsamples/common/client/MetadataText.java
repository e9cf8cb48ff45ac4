package dev.grpcsamples.common.client;

import dev.grpcsamples.common.cli.Cli;
import io.grpc.Metadata;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

/**
 * Metadata (gRPC's headers and trailers) to and from the text a person types and reads.
 *
 * <p>Keys ending in {@code -bin} carry bytes (sent base64-encoded on the wire); every other key carries
 * printable ASCII only. grpc-java does not reject a non-ASCII value for a plain key: it silently
 * replaces each such character with '?', so {@code city=北京} arrives as {@code city=??}. Send such text
 * under a {@code -bin} key as UTF-8 bytes, or percent-encode it.
 */
public final class MetadataText {
  private MetadataText() {}

  /**
   * {@code key=value}, or {@code key-bin=<base64>}, as typed after {@code --header}.
   *
   * @throws Cli.UsageError if the header cannot be sent as typed
   */
  public static void put(Metadata metadata, String header) {
    int eq = header.indexOf('=');
    if (eq <= 0) {
      throw new Cli.UsageError("--header '" + header + "': expected key=value");
    }
    String key = header.substring(0, eq).trim();
    String value = header.substring(eq + 1);
    try {
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        metadata.put(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER),
            Base64.getDecoder().decode(value));
        return;
      }
      if (!value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
        throw new Cli.UsageError("--header " + key + ": the value is not printable ASCII, "
            + "and gRPC would send each other character as '?'. Send it under a -bin key as "
            + "base64 of its UTF-8 bytes (--header " + key + "-bin=" + Base64.getEncoder()
            .encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "), or percent-encode it");
      }
      metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
    } catch (IllegalArgumentException e) {
      // a key with characters gRPC does not allow, or a -bin value that is not base64
      throw new Cli.UsageError("--header '" + header + "': " + e.getMessage());
    }
  }

  /**
   * One {@code key: value} per entry, keys sorted; bytes as base64, plus their text when they are
   * UTF-8. Transport bookkeeping (content-type, grpc-*) is left out.
   */
  public static List<String> lines(Metadata metadata) {
    List<String> lines = new ArrayList<>();
    for (String key : new TreeSet<>(metadata.keys())) {
      if (isTransport(key)) {
        continue;
      }
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        for (byte[] value : metadata.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))) {
          lines.add(key + ": " + Base64.getEncoder().encodeToString(value) + utf8(value));
        }
      } else {
        for (String value : metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
          if (key.equals("grpc-encoding") && value.equals("identity")) {
            continue; // "not compressed": nothing to see
          }
          lines.add(key + ": " + value);
        }
      }
    }
    return lines;
  }

  /**
   * Keys gRPC and HTTP/2 use for themselves, not the application's. grpc-encoding is kept: it is how
   * a reader sees that a message was compressed.
   */
  static boolean isTransport(String key) {
    return (key.startsWith("grpc-") && !key.equals("grpc-encoding")) || key.startsWith(":")
        || key.equals("content-type") || key.equals("user-agent") || key.equals("te");
  }

  private static String utf8(byte[] value) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
      return text.codePoints().anyMatch(Character::isISOControl) ? " (base64)"
          : " (UTF-8: " + text + ")";
    } catch (CharacterCodingException notText) {
      return " (base64)";
    }
  }
}
