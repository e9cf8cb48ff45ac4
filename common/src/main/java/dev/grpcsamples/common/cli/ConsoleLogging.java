package dev.grpcsamples.common.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * java.util.logging, the logger grpc-java itself uses, set up to print one line per event on stderr:
 * {@code 15:04:05 INFO greeter-server listening on port 50051}.
 */
public final class ConsoleLogging {
  /** The logger every class in this repository logs under (or below). */
  public static final String ROOT = "dev.grpcsamples";

  /** Held here: java.util.logging keeps loggers only while someone references them. */
  private static final Logger GRPC = Logger.getLogger("io.grpc");

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private ConsoleLogging() {}

  /** Replaces the JDK's two-line default format; {@code verbose} also shows this repo's FINE lines. */
  public static void install(boolean verbose) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    Handler console = new ConsoleHandler();
    console.setFormatter(new OneLine());
    console.setLevel(Level.ALL);
    root.addHandler(console);
    Logger.getLogger(ROOT).setLevel(verbose ? Level.FINE : Level.INFO);
    // grpc-java's own INFO lines ("Received data on closed stream") are for its developers.
    GRPC.setLevel(Level.WARNING);
  }

  /** One line in the same shape as a logged record, for code that cannot use the logger. */
  public static String line(Level level, String message) {
    return LocalTime.now().format(TIME) + " " + level.getName() + " " + message;
  }

  static final class OneLine extends Formatter {
    @Override
    public String format(LogRecord r) {
      StringBuilder line = new StringBuilder(line(r.getLevel(), formatMessage(r)));
      Throwable thrown = r.getThrown();
      if (thrown != null && String.valueOf(r.getLoggerName()).startsWith(ROOT)) {
        // Our own code logs an exception only for a bug: the stack trace is what fixes it.
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
      } else if (thrown != null) {
        line.append(" (").append(thrown).append(')');
      }
      return line.append(System.lineSeparator()).toString();
    }
  }
}
