package dev.grpcsamples.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of this repository's jars running as a real process ({@code java -jar ...}), its stdout and
 * stderr read line by line as they come, so a test can wait for a line instead of sleeping.
 */
public final class RunningJar implements AutoCloseable {
  /**
   * Lines the JVM itself prints, not the program: JDK 24+ warns that protobuf uses sun.misc.Unsafe.
   * The programs' own log lines start with a time, never with this.
   */
  private static final String JVM_WARNING = "WARNING: ";

  private final Process process;
  private final List<String> stdout = new ArrayList<>();
  private final List<String> stderr = new ArrayList<>();

  private RunningJar(Process process) {
    this.process = process;
    pump(process.getInputStream(), stdout, "stdout");
    pump(process.getErrorStream(), stderr, "stderr");
  }

  /** The jar that the build's system property {@code property} points at, e.g. greeter-server.jar. */
  public static Path jar(String property) {
    String path = System.getProperty(property);
    if (path == null) {
      fail("system property " + property + " is not set: run the end-to-end tests with ./mvnw verify");
    }
    Path jar = Paths.get(path).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      fail(jar + " does not exist: run ./mvnw verify, which builds it before the end-to-end tests");
    }
    return jar;
  }

  /** Starts {@code java -jar jar args...} with the JDK that runs the tests. */
  public static RunningJar start(Path jar, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    return new RunningJar(builder.start());
  }

  /** Runs a jar to completion (at most {@code timeout}) and returns what it printed. */
  public static CommandResult run(Duration timeout, Path jar, String... args) throws Exception {
    try (RunningJar running = start(jar, args)) {
      int exit = running.waitFor(timeout);
      return new CommandResult(exit, running.stdout(), running.stderr());
    }
  }

  /** Waits until a stdout or stderr line matches, and returns the match; fails after {@code timeout}. */
  public Matcher awaitLine(String regex, Duration timeout) throws InterruptedException {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (true) {
        for (List<String> lines : List.of(stdout, stderr)) {
          for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
              return m;
            }
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          fail("no line matching /" + regex + "/ within " + timeout
              + "\nstdout: " + stdout + "\nstderr: " + stderr);
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
  }

  /** Sends SIGTERM, as {@code kill PID} or a container runtime's stop does. */
  public void terminate() {
    // Not process.destroy(): besides signalling, it closes our end of the process's stdout and
    // stderr, and everything the process prints while it shuts down would be lost.
    process.toHandle().destroy();
  }

  /** Waits for the process to exit and for all of its output to be read; returns the exit code. */
  public int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      fail("process did not exit within " + timeout + "\nstdout: " + stdout() + "\nstderr: "
          + stderr());
    }
    synchronized (this) {
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (openStreams > 0 && System.nanoTime() < deadline) {
        TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
      }
    }
    return process.exitValue();
  }

  public synchronized List<String> stdout() {
    return List.copyOf(stdout);
  }

  public synchronized List<String> stderr() {
    return List.copyOf(stderr);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private int openStreams = 2;

  private void pump(InputStream in, List<String> sink, String name) {
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith(JVM_WARNING)) {
            continue;
          }
          synchronized (this) {
            sink.add(line);
            notifyAll();
          }
        }
      } catch (IOException e) {
        // the process was killed; whatever it printed so far is kept
      } finally {
        synchronized (this) {
          openStreams--;
          notifyAll();
        }
      }
    }, "jar-" + name);
    reader.setDaemon(true);
    reader.start();
  }
}
