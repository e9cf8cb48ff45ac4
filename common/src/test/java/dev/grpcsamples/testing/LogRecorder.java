package dev.grpcsamples.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that records what a java.util.logging logger writes during each test, so a
 * test can wait for a server-side event ("cancelled by the client") instead of sleeping.
 */
public final class LogRecorder extends Handler implements BeforeEachCallback, AfterEachCallback {
  private final Logger logger;
  private final List<String> messages = new ArrayList<>();
  private Level previousLevel;

  private LogRecorder(String loggerName) {
    this.logger = Logger.getLogger(loggerName);
  }

  /** Records {@code type}'s logger (and those below it), FINE and up. */
  public static LogRecorder of(Class<?> type) {
    return new LogRecorder(type.getName());
  }

  /** Records the logger of that name, e.g. a package's, and those below it. */
  public static LogRecorder named(String loggerName) {
    return new LogRecorder(loggerName);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    previousLevel = logger.getLevel();
    logger.setLevel(Level.FINE);
    logger.addHandler(this);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    logger.removeHandler(this);
    logger.setLevel(previousLevel);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    messages.add(record.getMessage());
    notifyAll();
  }

  /** Waits until a message containing {@code text} is logged; fails after {@code timeout}. */
  public synchronized String await(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String m : messages) {
        if (m.contains(text)) {
          return m;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        fail("nothing containing '" + text + "' was logged within " + timeout + "; got " + messages);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  public synchronized List<String> messages() {
    return List.copyOf(messages);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
