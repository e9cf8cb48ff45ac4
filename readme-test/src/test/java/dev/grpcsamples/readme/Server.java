package dev.grpcsamples.readme;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server started by a README command, in the background, its log read as it comes. */
final class Server {
  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private int port;
  /** Output streams still being read; 0 once the process has closed both. */
  private int pumping = 2;

  private Server(Process process) {
    this.process = process;
    pump(process.getInputStream());
    pump(process.getErrorStream());
  }

  static Server start(List<String> command, Path directory) throws IOException {
    return new Server(new ProcessBuilder(command).directory(directory.toFile()).start());
  }

  /** The exit code, once it has exited. */
  int exitCode() {
    return process.exitValue();
  }

  /** The port it listens on, once its listening line has been read. */
  synchronized int port() {
    return port;
  }

  /** Waits for the listening line and {@code n} lines in all; returns the first {@code n}. */
  synchronized List<String> awaitLines(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while ((lines.size() < n || port == 0) && pumping > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("the server printed only " + lines + " within " + timeout);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    if (port == 0) {
      // It exited: whatever it printed (a usage error, say) is what the README should show.
      process.waitFor(10, TimeUnit.SECONDS);
      return List.copyOf(lines);
    }
    return List.copyOf(lines.subList(0, Math.min(n, lines.size())));
  }

  /**
   * SIGTERM, as Ctrl-C would, and waits for the graceful shutdown to end; returns what the server
   * printed from then on.
   */
  List<String> stop() throws InterruptedException {
    int from;
    synchronized (this) {
      from = lines.size();
    }
    // Through the ProcessHandle: Process.destroy() would also close the pipes, and the shutdown log
    // with them. bash -c execs java, or runs it as its child: signal both.
    process.descendants().forEach(ProcessHandle::destroy);
    process.toHandle().destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.toHandle().destroyForcibly();
    }
    synchronized (this) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (pumping > 0 && System.nanoTime() < deadline) {
        TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, deadline - System.nanoTime()));
      }
      return List.copyOf(lines.subList(from, lines.size()));
    }
  }

  private void pump(InputStream in) {
    Thread t = new Thread(() -> {
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (!Output.isJvmWarning(line)) {
            add(line);
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      synchronized (Server.this) {
        pumping--;
        Server.this.notifyAll();
      }
    });
    t.setDaemon(true);
    t.start();
  }

  private synchronized void add(String line) {
    lines.add(line);
    Matcher m = LISTENING.matcher(line);
    if (port == 0 && m.find()) {
      port = Integer.parseInt(m.group(1));
    }
    notifyAll();
  }
}
