package dev.grpcsamples.greeter.client;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The CODE of {@code greeter-client status CODE}: a status code name in any case, or "crash". */
final class StatusCodeName implements ITypeConverter<String>, Iterable<String> {
  static final String CRASH = "crash";

  @Override
  public String convert(String value) {
    String upper = value.trim().toUpperCase(Locale.ROOT);
    for (Status.Code code : Status.Code.values()) {
      if (code.name().equals(upper)) {
        return code.name();
      }
    }
    if (upper.equals("CRASH")) {
      return CRASH;
    }
    throw new TypeConversionException("'" + value + "' is not a status code: use one of "
        + String.join(", ", this));
  }

  @Override
  public Iterator<String> iterator() {
    List<String> names = new ArrayList<>();
    for (Status.Code code : Status.Code.values()) {
      names.add(code.name());
    }
    names.add(CRASH);
    return names.iterator();
  }
}
