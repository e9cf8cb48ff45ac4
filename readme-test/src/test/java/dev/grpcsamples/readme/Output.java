package dev.grpcsamples.readme;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** What a finished command printed, stdout and stderr apart, JVM warnings left out. */
record Output(List<String> stdout, List<String> stderr) {
  /** Lines the JVM prints, not the program (JDK 24+ warns that protobuf uses sun.misc.Unsafe). */
  static boolean isJvmWarning(String line) {
    return line.startsWith("WARNING: ");
  }

  static Output read(Process process, Duration timeout) throws Exception {
    CompletableFuture<List<String>> out = CompletableFuture.supplyAsync(
        () -> lines(process.getInputStream()));
    CompletableFuture<List<String>> err = CompletableFuture.supplyAsync(
        () -> lines(process.getErrorStream()));
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("still running after " + timeout + "; printed so far: "
          + out.getNow(List.of()) + err.getNow(List.of()));
    }
    return new Output(out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
  }

  private static List<String> lines(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().filter(l -> !isJvmWarning(l)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
