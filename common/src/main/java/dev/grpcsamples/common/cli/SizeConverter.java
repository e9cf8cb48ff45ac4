package dev.grpcsamples.common.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Byte sizes as people type them: {@code 4MiB}, {@code 60MiB}, {@code 512KiB}, {@code 100}.
 *
 * <p>grpc-java takes message sizes as an {@code int}, so the largest is 2GiB - 1 byte. Anything
 * larger is refused, never wrapped round: {@code 8589934592GiB} shifted into a {@code long}
 * overflows to 0, and a limit of 0 would refuse every message.
 */
public final class SizeConverter implements ITypeConverter<Integer> {
  // Ten digits at most: enough for 2147483647, and never too many for a long.
  private static final Pattern SIZE = Pattern.compile("0*(\\d{1,10})\\s*(B|KiB|MiB|GiB)?");

  @Override
  public Integer convert(String value) {
    return parse(value);
  }

  public static int parse(String value) {
    Matcher m = SIZE.matcher(value.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      int shift = switch (m.group(2) == null ? "B" : m.group(2)) {
        case "KiB" -> 10;
        case "MiB" -> 20;
        case "GiB" -> 30;
        default -> 0;
      };
      // Compare before shifting, so that nothing can overflow.
      if (n <= Integer.MAX_VALUE >> shift) {
        return (int) (n << shift);
      }
    }
    throw new TypeConversionException("'" + value + "' is not a size below 2GiB: use bytes, or a "
        + "number with KiB, MiB or GiB, like 4MiB");
  }

  /** The short form: 4MiB, 512KiB, 100B. */
  public static String format(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + "MiB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + "KiB";
    }
    return String.format(Locale.ROOT, "%dB", bytes);
  }
}
