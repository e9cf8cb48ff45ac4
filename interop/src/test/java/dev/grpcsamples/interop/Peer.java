package dev.grpcsamples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grpcsamples.testing.CommandResult;
import dev.grpcsamples.testing.RunningJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The three foreign languages: how to run each one's client and server (the commands of
 * docs/other-languages.md), and whether its toolchain is here. A test for a language whose tools
 * are missing is skipped, with a message that names the missing tool.
 */
enum Peer {
  PYTHON("python-server", List.of("/usr/bin/python3", "interop/python/client.py"),
      List.of("/usr/bin/python3", "interop/python/server.py")),
  NODE("node-server", List.of("node", "interop/node/client.js"),
      List.of("node", "interop/node/server.js")),
  GO("go-server", List.of("interop/target/go/bin/client"), List.of("interop/target/go/bin/server"));

  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Map<Peer, String> missing = new EnumMap<>(Peer.class);

  private final String serverName;
  private final List<String> client;
  private final List<String> server;

  Peer(String serverName, List<String> client, List<String> server) {
    this.serverName = serverName;
    this.client = client;
    this.server = server;
  }

  /** What the server calls itself: its listening line, and the served-by header it sends. */
  String serverName() {
    return serverName;
  }

  /** Runs this language's client with {@code args}, to completion. */
  CommandResult runClient(String... args) throws Exception {
    return RunningJar.runCommand(TIMEOUT, repository(), command(client, args));
  }

  /** Starts this language's server on a free port, with {@code args}; returns it once it listens. */
  Started startServer(String... args) throws Exception {
    List<String> command = command(server, "--port", "0");
    command.addAll(List.of(args));
    RunningJar process = RunningJar.startCommand(repository(), command);
    try {
      String port = process.awaitLine(serverName + " listening on port (\\d+)", TIMEOUT).group(1);
      return new Started(process, "localhost:" + port);
    } catch (Throwable notListening) {
      process.close(); // a server that never said it listens is not left running
      throw notListening;
    }
  }

  /** A running foreign server and where to reach it. */
  record Started(RunningJar process, String target) implements AutoCloseable {
    /** SIGTERM, then at most 10 s for a graceful stop, then SIGKILL. */
    @Override
    public void close() throws InterruptedException {
      process.stop(Duration.ofSeconds(10));
    }
  }

  /**
   * Skips the calling test, loudly, unless this language's tools are installed; generates the stubs
   * (interop/generate.sh) the first time. A failing generation fails the test: that is a bug here.
   */
  void assumeInstalled() throws Exception {
    synchronized (Peer.class) {
      if (!missing.containsKey(this)) {
        String reason = missingTool();
        if (reason == null && this != NODE) {
          CommandResult generated = RunningJar.runCommand(Duration.ofMinutes(3), repository(),
              List.of("bash", "interop/generate.sh", name().toLowerCase()));
          assertEquals(0, generated.exitCode(), "interop/generate.sh failed: " + generated);
        }
        missing.put(this, reason == null ? "" : reason);
        if (reason != null) {
          System.err.println("[interop] SKIPPING every " + this + " test: " + reason);
        }
      }
    }
    String reason = missing.get(this);
    Assumptions.assumeTrue(reason.isEmpty(), () -> this + " skipped: " + reason);
  }

  /** The first missing tool, as a message that says how to install it; null if none is missing. */
  private String missingTool() throws Exception {
    return switch (this) {
      case PYTHON -> !Files.isExecutable(Paths.get("/usr/bin/python3"))
          ? "/usr/bin/python3 not found (Debian's python3): run interop/install-toolchains.sh"
          : !succeeds("/usr/bin/python3", "-c", "import grpc, google.protobuf")
          ? "/usr/bin/python3 cannot import grpc (Debian's python3-grpcio, python3-protobuf): "
              + "run interop/install-toolchains.sh"
          : !onPath("protoc") || !onPath("grpc_python_plugin")
          ? "protoc or grpc_python_plugin not found (Debian's protobuf-compiler-grpc): "
              + "run interop/install-toolchains.sh"
          : null;
      case NODE -> !onPath("node")
          ? "node not found: install Node.js 18 or newer (Debian's nodejs)"
          : !Files.isDirectory(repository().resolve("interop/node_modules/@grpc/grpc-js"))
          ? "interop/node_modules/@grpc/grpc-js not found: run npm ci in interop/"
          : null;
      case GO -> !onPath("go")
          ? "go not found (Debian's golang-go): run interop/install-toolchains.sh"
          : !Files.isDirectory(Paths.get("/usr/share/gocode/src/google.golang.org/grpc"))
          ? "grpc-go not found in /usr/share/gocode (Debian's golang-google-grpc-dev): "
              + "run interop/install-toolchains.sh"
          : !onPath("protoc-gen-go-grpc") || !onPath("protoc")
          ? "protoc or protoc-gen-go-grpc not found (Debian's protoc-gen-go-grpc): "
              + "run interop/install-toolchains.sh"
          : null;
    };
  }

  /** The repository's root: the directory the docs' commands run in. */
  static Path repository() {
    String dir = System.getProperty("interop.dir");
    if (dir == null) {
      throw new IllegalStateException("system property interop.dir is not set: run with ./mvnw");
    }
    return Paths.get(dir).toAbsolutePath().getParent();
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static boolean succeeds(String... command) throws Exception {
    return RunningJar.runCommand(TIMEOUT, repository(), List.of(command)).exitCode() == 0;
  }

  private static List<String> command(List<String> program, String... args) {
    List<String> command = new ArrayList<>(program);
    command.addAll(List.of(args));
    return command;
  }
}
