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
 * A program running as a real process, its stdout and stderr read line by line as they come, so a
 * test can wait for a line instead of sleeping. Mostly one of this repository's jars
 * ({@code java -jar ...}, {@link #start}, {@link #run}), hence the name; {@link #startCommand} and
 * {@link #runCommand} start any other command the same way, such as the interop module's Python,
 * Node and Go peers and buf.
 *
 * <p>How the process was started decides one thing about its output: a jar's lines that start with
 * "WARNING: " are dropped, being the JVM's, while another command's output is kept whole.
 */
public final class RunningJar implements AutoCloseable {
  /**
   * Lines the JVM itself prints, not the program: JDK 24+ warns that protobuf uses sun.misc.Unsafe.
   * The jars' own log lines start with a time, never with this. Only dropped for {@code java -jar}:
   * a foreign program's "WARNING: " lines are its own, and a test may be looking for them.
   */
  private static final String JVM_WARNING = "WARNING: ";

  private final Process process;
  private final boolean dropJvmWarnings;
  private final List<String> stdout = new ArrayList<>();
  private final List<String> stderr = new ArrayList<>();
  /** stdout and stderr until their readers reach the end: then all the output is in the lists. */
  private int openStreams = 2;

  private RunningJar(ProcessBuilder builder, boolean dropJvmWarnings) throws IOException {
    // A pipe of its own that nobody writes to or closes: the process never reads the test JVM's
    // stdin (a forked surefire or failsafe JVM can take its commands from there), and a program
    // that reads stdin waits instead of seeing its end.
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    this.process = builder.start();
    this.dropJvmWarnings = dropJvmWarnings;
    String program = Paths.get(builder.command().get(0)).getFileName().toString();
    pump(process.getInputStream(), stdout, program + "-stdout");
    pump(process.getErrorStream(), stderr, program + "-stderr");
    // The exit wakes awaitLine too, as each line does: it may be the end of the output.
    process.onExit().thenRun(() -> {
      synchronized (this) {
        notifyAll();
      }
    });
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

  /**
   * Starts {@code java -jar jar args...} with the JDK that runs the tests, in the tests' working
   * directory. Lines starting with "WARNING: " are the JVM's and are dropped.
   */
  public static RunningJar start(Path jar, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    return new RunningJar(new ProcessBuilder(command), true);
  }

  /**
   * Starts any {@code command} (a program and its arguments) in {@code directory}, e.g. python3,
   * node, a Go binary or buf. Its output is kept whole: "WARNING: " lines are the program's own
   * here, not the JVM's, so unlike {@link #start} nothing is dropped.
   */
  public static RunningJar startCommand(Path directory, List<String> command) throws IOException {
    return new RunningJar(new ProcessBuilder(command).directory(directory.toFile()), false);
  }

  /** Runs a jar to completion (at most {@code timeout}) and returns what it printed. */
  public static CommandResult run(Duration timeout, Path jar, String... args) throws Exception {
    return finish(start(jar, args), timeout);
  }

  /**
   * Runs any command in {@code directory} to completion (at most {@code timeout}) and returns what
   * it printed, all of it: see {@link #startCommand}.
   */
  public static CommandResult runCommand(Duration timeout, Path directory, List<String> command)
      throws Exception {
    return finish(startCommand(directory, command), timeout);
  }

  private static CommandResult finish(RunningJar running, Duration timeout) throws Exception {
    try (running) {
      int exit = running.waitFor(timeout);
      return new CommandResult(exit, running.stdout(), running.stderr());
    }
  }

  /**
   * Waits until a stdout or stderr line matches, and returns the match. Fails after
   * {@code timeout}, or as soon as the process has exited and all of its output is read, since no
   * line can come after that.
   */
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
        if (left <= 0 || (!process.isAlive() && openStreams == 0)) {
          fail("no line matching /" + regex + "/ within " + timeout + " (exited: "
              + !process.isAlive() + ")\nstdout: " + stdout + "\nstderr: " + stderr);
        }
        TimeUnit.NANOSECONDS.timedWait(this, left); // woken by each line, each stream's end, the exit
      }
    }
  }

  /** Sends SIGTERM, as {@code kill PID} or a container runtime's stop does. */
  public void terminate() {
    // Not process.destroy(): besides signalling, it closes our end of the process's stdout and
    // stderr, and everything the process prints while it shuts down would be lost.
    process.toHandle().destroy();
  }

  /**
   * SIGTERM ({@link #terminate}), at most {@code grace} for the process to stop by itself, then
   * SIGKILL. Unlike {@link #waitFor}, a process that takes longer is not a test failure.
   */
  public void stop(Duration grace) throws InterruptedException {
    terminate();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
    }
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

  /** SIGKILL, at once. For a graceful stop, {@link #stop} or {@link #terminate} first. */
  @Override
  public void close() {
    process.destroyForcibly();
  }

  private void pump(InputStream in, List<String> sink, String threadName) {
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (dropJvmWarnings && line.startsWith(JVM_WARNING)) {
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
    }, threadName);
    reader.setDaemon(true);
    reader.start();
  }
}
