package dev.grpcsamples.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that starts a server jar once per test class on a free port ({@code --port 0}),
 * reads the port from its "listening on port N" line, and stops it (SIGTERM) after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ServerJar server = ServerJar.of("greeter-server.jar");
 * ... RunningJar.run(timeout, clientJar, "hello", "--target", server.target());
 * }</pre>
 */
public final class ServerJar implements BeforeAllCallback, AfterAllCallback {
  public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final String jarProperty;
  private final List<String> args;
  private RunningJar process;
  private int port;

  private ServerJar(String jarProperty, List<String> args) {
    this.jarProperty = jarProperty;
    this.args = args;
  }

  /** The server jar named by a system property the build sets (see the module's failsafe config). */
  public static ServerJar of(String jarProperty, String... extraArgs) {
    return new ServerJar(jarProperty, List.of(extraArgs));
  }

  /** Starts a server jar now, outside the extension's lifecycle; returns it with its port known. */
  public static Started start(Path jar, String... extraArgs) throws Exception {
    List<String> command = new ArrayList<>(List.of("--port", "0"));
    command.addAll(List.of(extraArgs));
    RunningJar process = RunningJar.start(jar, command.toArray(String[]::new));
    int port = Integer.parseInt(process.awaitLine("listening on port (\\d+)", START_TIMEOUT).group(1));
    return new Started(process, port);
  }

  public String target() {
    return "localhost:" + port;
  }

  public RunningJar process() {
    return process;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Started started = start(RunningJar.jar(jarProperty), args.toArray(String[]::new));
    process = started.process();
    port = started.port();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (process != null) {
      process.terminate();
      process.waitFor(Duration.ofSeconds(20));
      process.close();
    }
  }

  /** A server process and the port it listens on. */
  public record Started(RunningJar process, int port) {
    public String target() {
      return "localhost:" + port;
    }
  }
}
