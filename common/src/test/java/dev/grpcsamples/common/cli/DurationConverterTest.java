package dev.grpcsamples.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
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
  void readsIso8601() {
    assertEquals(Duration.ofMillis(1500), DurationConverter.parse("PT1.5S"));
  }

  @Test
  void rejectsOtherTextSayingWhatIsAccepted() {
    TypeConversionException e =
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse("soon"));
    assertEquals("'soon' is not a duration: use a whole number with ms, s, m or h, like 500ms or 2s",
        e.getMessage());
    assertThrows(TypeConversionException.class, () -> DurationConverter.parse("-PT1S"));
  }

  @Test
  void formatsTheWayItReads() {
    assertEquals("200ms", DurationConverter.format(Duration.ofMillis(200)));
    assertEquals("5s", DurationConverter.format(Duration.ofSeconds(5)));
    assertEquals("1500ms", DurationConverter.format(Duration.ofMillis(1500)));
    assertEquals("1m30s", DurationConverter.format(Duration.ofSeconds(90)));
  }
}
