package dev.grpcsamples.common.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way people type them on a command line: {@code 500ms}, {@code 2s}, {@code 1m},
 * {@code 1h}, and those together, largest unit first ({@code 1m30s}, {@code 1h2m3s}, {@code 2m500ms});
 * or ISO-8601 ({@code PT2S}). Used by {@code --deadline}, {@code --grace} and friends.
 *
 * <p>{@link #format} writes the same forms, so a duration a server logs can be pasted back as a flag.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  // Each unit at most once, in this order. "m" must not be the start of "ms".
  private static final Pattern UNITS =
      Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /** Parses {@code value}, or throws a {@link TypeConversionException} that says what is accepted. */
  public static Duration parse(String value) {
    String text = value.trim();
    Matcher m = UNITS.matcher(text);
    if (!text.isEmpty() && m.matches()) {
      try {
        return Duration.ofHours(amount(m.group(1)))
            .plusMinutes(amount(m.group(2)))
            .plusSeconds(amount(m.group(3)))
            .plusMillis(amount(m.group(4)));
      } catch (ArithmeticException | NumberFormatException tooLong) {
        throw new TypeConversionException("'" + value + "' is too long a duration");
      }
    }
    try {
      Duration d = Duration.parse(text);
      if (!d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException ignored) {
      // fall through to the message below
    }
    throw new TypeConversionException("'" + value + "' is not a duration: use a whole number with "
        + "ms, s, m or h, like 500ms or 2s");
  }

  private static long amount(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  /**
   * The short form this class reads, for log lines: 500ms, 2s, 1m30s, 1h2m3s; 1500ms when the
   * seconds are not whole. Parts smaller than a millisecond are left out.
   */
  public static String format(Duration d) {
    if (d.getSeconds() == 0 || d.toMillisPart() != 0) {
      return d.toMillis() + "ms";
    }
    StringBuilder text = new StringBuilder();
    append(text, d.toHours(), "h");
    append(text, d.toMinutesPart(), "m");
    append(text, d.toSecondsPart(), "s");
    return text.toString();
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount != 0) {
      text.append(amount).append(unit);
    }
  }
}
