package dev.grpcsamples.recommend.client;

import dev.grpcsamples.recommend.Category;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --category travel} (or CATEGORY_TRAVEL, any case) to the proto enum. */
final class CategoryConverter implements ITypeConverter<Category>, Iterable<String> {
  private static final String PREFIX = "CATEGORY_";

  @Override
  public Category convert(String value) {
    String name = value.trim().toUpperCase(Locale.ROOT);
    if (!name.startsWith(PREFIX)) {
      name = PREFIX + name;
    }
    for (Category c : Category.values()) {
      if (c.name().equals(name) && c != Category.CATEGORY_UNSPECIFIED && c != Category.UNRECOGNIZED) {
        return c;
      }
    }
    throw new TypeConversionException("'" + value + "' is not a category: use one of "
        + String.join(", ", this));
  }

  /** The short names, for the error above and for --help. */
  @Override
  public Iterator<String> iterator() {
    return Arrays.stream(Category.values())
        .filter(c -> c != Category.CATEGORY_UNSPECIFIED && c != Category.UNRECOGNIZED)
        .map(CategoryConverter::shortName)
        .collect(Collectors.toList())
        .iterator();
  }

  /** CATEGORY_TRAVEL -> travel */
  static String shortName(Category c) {
    return shortName(c.name());
  }

  static String shortName(String enumName) {
    return enumName.replaceFirst("^" + PREFIX, "").toLowerCase(Locale.ROOT);
  }
}
