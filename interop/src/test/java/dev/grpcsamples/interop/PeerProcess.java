package dev.grpcsamples.interop;

import static org.junit.jupiter.api.Assertions.fail;

import dev.grpcsamples.testing.CommandResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer (python3, node, a Go binary, buf) running as a process in the repository's root, the
 * directory the commands in docs/other-languages.md are typed in. Its stdout and stderr are read line
 * by line as they come, so a test can wait for a line instead of sleeping. common's RunningJar does
 * the same for {@code java -jar}.
 */
final class PeerProcess implements AutoCloseable {
  private final Process process;
  private final List<String> stdout = new ArrayList<>();
  private final List<String> stderr = new ArrayList<>();
  private int openStreams = 2;

  private PeerProcess(Process process) {
    this.process = process;
    pump(process.getInputStream(), stdout);
    pump(process.getErrorStream(), stderr);
  }

  static PeerProcess start(List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(Peer.repository().toFile());
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    return new PeerProcess(builder.start());
  }

  /** Runs a command to completion (at most {@code timeout}) and returns what it printed. */
  static CommandResult run(Duration timeout, List<String> command) throws Exception {
    try (PeerProcess running = start(command)) {
      int exit = running.waitFor(timeout);
      return new CommandResult(exit, running.stdout(), running.stderr());
    }
  }

  /** Waits until a stdout or stderr line matches, and returns the match; fails after {@code timeout}. */
  synchronized Matcher awaitLine(String regex, Duration timeout) throws InterruptedException {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
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
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
    }
  }

  /** Waits for the process to exit and for all of its output to be read; returns the exit code. */
  int waitFor(Duration timeout) throws InterruptedException {
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

  synchronized List<String> stdout() {
    return List.copyOf(stdout);
  }

  synchronized List<String> stderr() {
    return List.copyOf(stderr);
  }

  /** SIGTERM, then at most 10 s for a graceful stop, then SIGKILL. */
  @Override
  public void close() throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private void pump(InputStream in, List<String> sink) {
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
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
    }, "peer-output");
    reader.setDaemon(true);
    reader.start();
  }
}
