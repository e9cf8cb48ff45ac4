package dev.grpcsamples.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SizeConverterTest {
  @Test
  void readsBytesAndBinaryUnits() {
    assertEquals(100, SizeConverter.parse("100"));
    assertEquals(100, SizeConverter.parse("100B"));
    assertEquals(512 << 10, SizeConverter.parse("512KiB"));
    assertEquals(4 << 20, SizeConverter.parse("4MiB"));
    assertEquals(1 << 30, SizeConverter.parse("1GiB"));
  }

  @Test
  void theLargestSizeIsTwoGibibytesLessOneByte() {
    assertEquals(Integer.MAX_VALUE, SizeConverter.parse("2147483647"));
    assertEquals(2047 << 20, SizeConverter.parse("2047MiB"));
    for (String tooBig : new String[] {"2147483648", "2GiB", "2048MiB", "2097152KiB"}) {
      assertRefused(tooBig);
    }
  }

  /** Sizes that overflow a long when shifted, or do not fit one at all, are refused: never 0. */
  @Test
  void sizesThatWouldOverflowAreRefused() {
    for (String huge : new String[] {"8589934592GiB", "17179869184GiB", "9223372036854775807",
        "99999999999999999999999MiB", "4294967296B"}) {
      assertRefused(huge);
    }
  }

  @Test
  void otherTextSaysWhatIsAccepted() {
    TypeConversionException e =
        assertThrows(TypeConversionException.class, () -> SizeConverter.parse("lots"));
    assertEquals("'lots' is not a size below 2GiB: use bytes, or a number with KiB, MiB or GiB, "
        + "like 4MiB", e.getMessage());
    assertRefused("-1");
    assertRefused("4 MB");
  }

  @Test
  void formatsTheWayItReads() {
    for (int size : new int[] {0, 100, 1024, 512 << 10, 4 << 20, 1 << 30, Integer.MAX_VALUE}) {
      assertEquals(size, SizeConverter.parse(SizeConverter.format(size)), SizeConverter.format(size));
    }
  }

  private static void assertRefused(String value) {
    assertThrows(TypeConversionException.class, () -> SizeConverter.parse(value), value);
  }
}
