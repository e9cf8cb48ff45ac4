package dev.grpcsamples.common.client;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

/**
 * Messages as JSON, with protobuf's own mapping (protobuf-java-util's JsonFormat, the Java form of
 * Python's MessageToJson): lowerCamelCase names, int64 as strings, enums by name.
 */
public final class JsonOutput {
  private static final JsonFormat.Printer ONE_LINE =
      JsonFormat.printer().omittingInsignificantWhitespace();
  private static final JsonFormat.Printer PRETTY = JsonFormat.printer();

  private JsonOutput() {}

  /** One message on one line: a stream of replies becomes one JSON object per line, for jq. */
  public static String line(MessageOrBuilder message) {
    return print(ONE_LINE, message);
  }

  /** One message, indented for reading. */
  public static String pretty(MessageOrBuilder message) {
    return print(PRETTY, message);
  }

  private static String print(JsonFormat.Printer printer, MessageOrBuilder message) {
    try {
      return printer.print(message);
    } catch (InvalidProtocolBufferException e) {
      // Only Any fields with types the printer does not know fail; our messages have none.
      throw new IllegalStateException("cannot print " + message.getClass().getSimpleName(), e);
    }
  }
}
