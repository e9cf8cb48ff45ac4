package dev.grpcsamples.common.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way people type them on a command line: {@code 500ms}, {@code 2s}, {@code 1m},
 * {@code 1h}, or ISO-8601 ({@code PT2S}). Used by {@code --deadline}, {@code --grace} and friends.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d+)(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /** Parses {@code value}, or throws a {@link TypeConversionException} that says what is accepted. */
  public static Duration parse(String value) {
    Matcher m = AMOUNT_AND_UNIT.matcher(value.trim());
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms": return Duration.ofMillis(amount);
        case "s": return Duration.ofSeconds(amount);
        case "m": return Duration.ofMinutes(amount);
        default: return Duration.ofHours(amount);
      }
    }
    try {
      Duration d = Duration.parse(value.trim());
      if (!d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException ignored) {
      // fall through to the message below
    }
    throw new TypeConversionException(
        "'" + value + "' is not a duration: use a whole number with ms, s, m or h, like 500ms or 2s");
  }

  /** The short form this class reads, for log lines: 500ms, 2s, 1m30s. */
  public static String format(Duration d) {
    if (d.toMillis() < 1000 || d.toMillisPart() != 0) {
      return d.toMillis() + "ms";
    }
    return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }
}
