package dev.grpcsamples.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  @Test
  void readsTheShortForms() {
    assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
    assertEquals(Duration.ofSeconds(2), DurationConverter.parse("2s"));
    assertEquals(Duration.ofMinutes(1), DurationConverter.parse("1m"));
    assertEquals(Duration.ofHours(3), DurationConverter.parse("3h"));
  }

  @Test
  void readsUnitsTogetherLargestFirst() {
    assertEquals(Duration.ofSeconds(90), DurationConverter.parse("1m30s"));
    assertEquals(Duration.ofSeconds(3723), DurationConverter.parse("1h2m3s"));
    assertEquals(Duration.ofMillis(120_500), DurationConverter.parse("2m500ms"));
    assertEquals(Duration.ofMillis(3_250), DurationConverter.parse("3s250ms"));
    assertEquals(Duration.ofMinutes(61), DurationConverter.parse("1h1m"));
    assertEquals(Duration.ofSeconds(90), DurationConverter.parse("90s"));
  }

  @Test
  void readsIso8601() {
    assertEquals(Duration.ofMillis(1500), DurationConverter.parse("PT1.5S"));
  }

  @Test
  void rejectsOtherTextSayingWhatIsAccepted() {
    TypeConversionException e =
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse("soon"));
    assertEquals("'soon' is not a duration: use a whole number with ms, s, m or h, like 500ms or 2s",
        e.getMessage());
    for (String bad : new String[] {"-PT1S", "", "30s1m", "1m1m", "1.5s", "5 s", "ms"}) {
      assertThrows(TypeConversionException.class, () -> DurationConverter.parse(bad), bad);
    }
  }

  @Test
  void rejectsDurationsTooLongToHold() {
    TypeConversionException e = assertThrows(TypeConversionException.class,
        () -> DurationConverter.parse("9223372036854775807h"));
    assertEquals("'9223372036854775807h' is too long a duration", e.getMessage());
    assertThrows(TypeConversionException.class,
        () -> DurationConverter.parse("99999999999999999999s"));
  }

  @Test
  void formatsTheShortForms() {
    assertEquals("0ms", DurationConverter.format(Duration.ZERO));
    assertEquals("200ms", DurationConverter.format(Duration.ofMillis(200)));
    assertEquals("5s", DurationConverter.format(Duration.ofSeconds(5)));
    assertEquals("1500ms", DurationConverter.format(Duration.ofMillis(1500)));
    assertEquals("1m30s", DurationConverter.format(Duration.ofSeconds(90)));
    assertEquals("1h2m3s", DurationConverter.format(Duration.ofSeconds(3723)));
    assertEquals("1h3s", DurationConverter.format(Duration.ofSeconds(3603)));
    assertEquals("25h", DurationConverter.format(Duration.ofHours(25)));
  }

  /** Whatever format prints, parse reads back to the same duration (to the millisecond). */
  @Test
  void readsEverythingItPrints() {
    // From 0 to past a week, through every unit and every mix of units: whole milliseconds,
    // seconds, minutes and hours, and values in between.
    for (long ms = 0; ms < Duration.ofDays(10).toMillis(); ms = ms * 3 / 2 + 1) {
      for (Duration d : new Duration[] {Duration.ofMillis(ms), Duration.ofSeconds(ms),
          Duration.ofMinutes(ms % 100_000), Duration.ofSeconds(ms).plusMillis(ms % 1000),
          Duration.ofMillis(ms).plusNanos(1)}) {
        String text = DurationConverter.format(d);
        assertEquals(d.truncatedTo(ChronoUnit.MILLIS), DurationConverter.parse(text), text);
      }
    }
  }
}
