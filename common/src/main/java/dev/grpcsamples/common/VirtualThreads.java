package dev.grpcsamples.common;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code --executor virtual}: a virtual thread per call (Java 21+), instead of a fixed pool. A method
 * that blocks then parks its virtual thread rather than holding one of a few platform threads, so
 * the --threads lesson no longer applies: the third stream does not wait.
 *
 * <p>These samples are built for Java 17, so the Java 21 method is looked up at run time.
 */
final class VirtualThreads {
  private VirtualThreads() {}

  static ExecutorService perTask() {
    try {
      return (ExecutorService)
          Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (NoSuchMethodException e) {
      throw new Cli.UsageError("--executor virtual needs Java 21 or newer; this is Java "
          + Runtime.version() + " (run with a newer java, or use --executor fixed)");
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot create virtual threads", e);
    }
  }
}
