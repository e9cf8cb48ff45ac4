package ${package};

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line, kept tiny: {@code --name value} or {@code --name=value}, for a fixed list of
 * names. When you need subcommands, generated help or many options, use a library such as picocli.
 *
 * <p>Mistakes become a {@link UsageException} with a one-line reason; the mains print it and exit
 * with status 2, the usual exit code for "you called me wrong".
 */
final class Flags {
  private final Map<String, String> values;

  private Flags(Map<String, String> values) {
    this.values = values;
  }

  /** Reads {@code args}; every flag must be one of {@code names} (each written with its "--"). */
  static Flags parse(String[] args, List<String> names) throws UsageException {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (!names.contains(name)) {
        throw new UsageException("unknown argument " + arg);
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException(name + " needs a value");
      }
      values.put(name, value);
    }
    return new Flags(values);
  }

  String text(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  int number(String name, int defaultValue, int min, int max) throws UsageException {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below, in the same words as a number out of range.
    }
    throw new UsageException(name + " must be a number from " + min + " to " + max + ", not '"
        + value + "'");
  }

  /** The command line was wrong; the message says how, in one line. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
