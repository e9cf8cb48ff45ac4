package dev.grpcsamples.common.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Byte sizes as people type them: {@code 4MiB}, {@code 60MiB}, {@code 512KiB}, {@code 100}. */
public final class SizeConverter implements ITypeConverter<Integer> {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

  @Override
  public Integer convert(String value) {
    return parse(value);
  }

  public static int parse(String value) {
    Matcher m = SIZE.matcher(value.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "B" : m.group(2);
      long bytes = n << switch (unit) {
        case "KiB" -> 10;
        case "MiB" -> 20;
        case "GiB" -> 30;
        default -> 0;
      };
      if (bytes <= Integer.MAX_VALUE) {
        return (int) bytes;
      }
    }
    throw new TypeConversionException("'" + value + "' is not a size up to 2GiB: use bytes, or a "
        + "number with KiB or MiB, like 4MiB");
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
