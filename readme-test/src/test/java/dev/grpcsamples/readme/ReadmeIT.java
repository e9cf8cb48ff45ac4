package dev.grpcsamples.readme;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the README's console blocks, in order, and compares what each command prints with the lines
 * the README shows under it. One dynamic test per block, named after its line in README.md.
 *
 * <p>How a block is read: a line {@code $ COMMAND} is a command, the lines after it (up to the next
 * {@code $}) are what it prints, stdout and stderr as a terminal interleaves them. Commands run with
 * bash in a scratch directory where the modules' jars and {@code certs/} are at the same relative
 * paths as in the repository, so a block may also create a file ({@code printf ... > tokens.txt}).
 *
 * <p>Servers ({@code java -jar greeter-server/...} or {@code recommend-server/...}) are started in the
 * background on a free port and stay up for the blocks that follow, until a later block starts a
 * server on the same port. The README's port numbers stand for those free ports: clients are pointed
 * at the real port, and the real port is written back as the README's number before comparing.
 *
 * <p>Two more commands are understood: {@code echo $?} prints the exit code of the command before
 * it, and {@code kill -TERM <greeter-server>} (or {@code recommend-server}) sends SIGTERM to the last
 * server of that name and compares what it logs until it exits.
 *
 * <p>A comment just before a block's fence changes how it is checked:
 * {@code <!-- readme-test: skip -->} (cannot run in a test; the README says why nearby),
 * {@code <!-- readme-test: numbers vary -->} (latencies, counts: every number matches any number), or
 * {@code <!-- readme-test: lines with WORD vary -->} (a line holding WORD matches any line holding it).
 * Clock times ({@code 16:02:12}), timestamps ({@code 2026-11-21T16:15:08.980Z}) and error references
 * ({@code error 93a6a68e}) always match any other, and a README line ending in {@code [...]} matches
 * any line that starts like it.
 */
class ReadmeIT {
  private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
  private static final Pattern MARKER = Pattern.compile("<!--\\s*readme-test:\\s*(.*?)\\s*-->");
  private static final Pattern SERVER =
      Pattern.compile("java -jar (greeter-server|recommend-server)/target/\\1\\.jar");
  private static final Pattern CLIENT =
      Pattern.compile("java -jar (greeter-client|recommend-client)/target/\\1\\.jar");
  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
  private static final Pattern CLOCK = Pattern.compile("\\b\\d\\d:\\d\\d:\\d\\d\\b");
  private static final Pattern INSTANT =
      Pattern.compile("\\b\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
  private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
  private static final Pattern REFERENCE = Pattern.compile("\\berror [0-9a-f]{8}\\b");
  private static final Pattern KILL = Pattern.compile("kill -TERM <(greeter|recommend)-server>.*");
  private static final String ELIDED = " [...]";
  private static final Map<String, Integer> DEFAULT_PORTS =
      Map.of("greeter", 50051, "recommend", 50052);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

  private static Path root;
  private static Path scratch;
  /** README port -> the server process standing in for it. */
  private static final Map<Integer, Server> servers = new LinkedHashMap<>();
  /** The last server started of each kind (greeter, recommend), for kill -TERM. */
  private static final Map<String, Integer> lastServer = new LinkedHashMap<>();
  private static int lastExitCode;

  record Block(int line, List<String> options, List<Command> commands) {}

  record Command(String text, List<String> expected) {}

  @BeforeAll
  static void scratchDirectory() throws IOException {
    root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    scratch = Files.createTempDirectory("readme-test");
    for (String linked : List.of("greeter-server", "greeter-client", "recommend-server",
        "recommend-client", "certs", "proto", "README.md")) {
      Files.createSymbolicLink(scratch.resolve(linked), root.resolve(linked));
    }
  }

  @AfterAll
  static void stopServers() throws Exception {
    for (Server s : servers.values()) {
      s.stop();
    }
    servers.clear();
  }

  @TestFactory
  List<DynamicTest> everyConsoleBlockPrintsWhatTheReadmeShows() throws IOException {
    List<Block> blocks = parse(Files.readAllLines(root.resolve("README.md")));
    assertTrue(blocks.size() > 10, "found only " + blocks.size() + " console blocks");
    List<DynamicTest> tests = new ArrayList<>();
    for (Block block : blocks) {
      String name = "README.md:" + block.line() + " " + block.commands().get(0).text();
      if (block.options().stream().anyMatch(o -> o.startsWith("skip"))) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest(name, () -> run(block)));
    }
    return tests;
  }

  /** The console blocks, with the markers written just before them. */
  static List<Block> parse(List<String> readme) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < readme.size(); i++) {
      Matcher fence = FENCE.matcher(readme.get(i));
      if (!fence.matches()) {
        continue;
      }
      int start = i;
      int end = i + 1;
      while (end < readme.size() && !readme.get(end).startsWith("```")) {
        end++;
      }
      i = end;
      if (!fence.group(1).equals("console")) {
        continue;
      }
      List<String> options = new ArrayList<>();
      int before = start - 1;
      while (before >= 0 && readme.get(before).isBlank()) {
        before--;
      }
      Matcher marker = before >= 0 ? MARKER.matcher(readme.get(before)) : null;
      if (marker != null && marker.find()) {
        for (String option : marker.group(1).split(",")) {
          options.add(option.trim());
        }
      }
      List<Command> commands = new ArrayList<>();
      for (String line : readme.subList(start + 1, end)) {
        if (line.startsWith("$ ")) {
          commands.add(new Command(line.substring(2), new ArrayList<>()));
        } else if (!commands.isEmpty()) {
          commands.get(commands.size() - 1).expected().add(line);
        } else {
          fail("README.md:" + (start + 1) + ": a console block must start with a '$ ' command "
              + "line (or use a text block)");
        }
      }
      if (!commands.isEmpty()) {
        blocks.add(new Block(start + 1, options, commands));
      }
    }
    return blocks;
  }

  private static void run(Block block) throws Exception {
    Compare how = new Compare(block.options());
    for (Command command : block.commands()) {
      String where = "README.md:" + block.line() + " $ " + command.text();
      Matcher server = SERVER.matcher(command.text());
      Matcher kill = KILL.matcher(command.text());
      if (server.find()) {
        startServer(command, server.group(1).replace("-server", ""), where, how);
      } else if (kill.matches()) {
        Integer port = lastServer.get(kill.group(1));
        Server s = port == null ? null : servers.remove(port);
        if (s == null) {
          fail(where + ": no " + kill.group(1) + "-server is running");
        }
        List<String> logged = s.stop();
        compare(where, command.expected(), List.of(), logged, how);
      } else if (command.text().equals("echo $?")) {
        compare(where, command.expected(), List.of(String.valueOf(lastExitCode)), List.of(), how);
      } else {
        runToCompletion(command, where, how);
      }
    }
  }

  /** How a block's lines are compared: its marker's options. */
  record Compare(boolean numbersVary, List<String> varyingWords) {
    Compare(List<String> options) {
      this(options.contains("numbers vary"), options.stream()
          .filter(o -> o.startsWith("lines with ") && o.endsWith(" vary"))
          .map(o -> o.substring("lines with ".length(), o.length() - " vary".length()))
          .toList());
    }
  }

  private static void startServer(Command command, String kind, String where, Compare how)
      throws Exception {
    int readmePort = readmePort(command, kind);
    String text = toRealPorts(withoutComment(command.text()).replaceAll("--port[ =]\\d+", "")
        .stripTrailing() + " --port 0");
    Server started = Server.start(bash(text), scratch);
    List<String> lines = started.awaitLines(command.expected().size(), Duration.ofSeconds(30));
    if (started.port() == 0) {
      // It did not start (a usage error, say): the server already on that port, if any, stays.
      lastExitCode = started.exitCode();
    } else {
      Server old = servers.put(readmePort, started);
      if (old != null) {
        old.stop();
      }
      lastServer.put(kind, readmePort);
    }
    if (!command.expected().isEmpty() || started.port() == 0) {
      // (a README that shows no output for a server that started has chosen not to show its log)
      compare(where, command.expected(), List.of(), lines, how);
    }
  }

  /** The command without a trailing shell comment ({@code   # restart the server}). */
  private static String withoutComment(String command) {
    return command.replaceFirst("\\s+#\\s.*$", "");
  }

  /** The port the README means: the one in its listening line, or --port, or the default. */
  private static int readmePort(Command command, String kind) {
    for (String line : command.expected()) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    Matcher port = Pattern.compile("--port[ =](\\d+)").matcher(command.text());
    return port.find() ? Integer.parseInt(port.group(1)) : DEFAULT_PORTS.get(kind);
  }

  private static void runToCompletion(Command command, String where, Compare how)
      throws Exception {
    String text = withoutComment(command.text());
    Matcher client = CLIENT.matcher(text);
    if (client.find()) {
      String kind = client.group(1).replace("-client", "");
      if (!text.contains("--target")) {
        text = text + " --target localhost:" + DEFAULT_PORTS.get(kind);
      }
    }
    text = toRealPorts(text);
    Process process = new ProcessBuilder(bash(text)).directory(scratch.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    Output out = Output.read(process, COMMAND_TIMEOUT);
    lastExitCode = process.exitValue();
    compare(where, command.expected(), out.stdout(), out.stderr(), how);
  }

  /** Points {@code localhost:50051} (and the like) at the server standing in for that port. */
  private static String toRealPorts(String text) {
    for (Map.Entry<Integer, Server> s : servers.entrySet()) {
      text = text.replace("localhost:" + s.getKey(), "localhost:" + s.getValue().port())
          .replace("127.0.0.1:" + s.getKey(), "127.0.0.1:" + s.getValue().port());
    }
    return text;
  }

  private static List<String> bash(String command) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of("bash", "-c", command.replaceAll("(^|[;&|] *)java ", "$1" + java + " "));
  }

  /**
   * Passes if the expected lines are the actual stdout and stderr lines interleaved, after
   * normalising clock times, ports and (with numbersVary) numbers.
   */
  private static void compare(String where, List<String> expected, List<String> stdout,
      List<String> stderr, Compare how) {
    List<String> want = expected.stream().map(l -> normal(l, how)).toList();
    List<String> out = stdout.stream().map(l -> normal(realPortsAsReadme(l), how)).toList();
    List<String> err = stderr.stream().map(l -> normal(realPortsAsReadme(l), how)).toList();
    if (!interleaves(want, out, err)) {
      fail(where + "\n--- the README shows:\n" + String.join("\n", expected)
          + "\n--- stdout was:\n" + String.join("\n", stdout)
          + "\n--- stderr was:\n" + String.join("\n", stderr));
    }
  }

  /** True if {@code want} is {@code a} and {@code b} merged, each in its own order. */
  static boolean interleaves(List<String> want, List<String> a, List<String> b) {
    if (want.size() != a.size() + b.size()) {
      return false;
    }
    // reachable[j]: after some prefix of want, j lines of a (and the rest from b) are used up.
    boolean[] reachable = new boolean[a.size() + 1];
    reachable[0] = true;
    for (int i = 0; i < want.size(); i++) {
      boolean[] next = new boolean[a.size() + 1];
      for (int j = 0; j <= a.size(); j++) {
        if (!reachable[j]) {
          continue;
        }
        int k = i - j;
        if (j < a.size() && matches(want.get(i), a.get(j))) {
          next[j + 1] = true;
        }
        if (k >= 0 && k < b.size() && matches(want.get(i), b.get(k))) {
          next[j] = true;
        }
      }
      reachable = next;
    }
    return reachable[a.size()];
  }

  /** A README line ending in " [...]" matches any line that starts like it. */
  static boolean matches(String want, String actual) {
    return want.endsWith(ELIDED)
        ? actual.startsWith(want.substring(0, want.length() - ELIDED.length()))
        : want.equals(actual);
  }

  private static String realPortsAsReadme(String line) {
    for (Map.Entry<Integer, Server> s : servers.entrySet()) {
      line = line.replaceAll("\\b" + s.getValue().port() + "\\b", String.valueOf(s.getKey()));
    }
    return line;
  }

  private static String normal(String line, Compare how) {
    for (String word : how.varyingWords()) {
      if (line.contains(word)) {
        return "(a line with " + word + ")";
      }
    }
    String s = INSTANT.matcher(line.stripTrailing()).replaceAll("YYYY-MM-DDTHH:MM:SSZ");
    s = CLOCK.matcher(s).replaceAll("HH:MM:SS");
    s = REFERENCE.matcher(s).replaceAll("error XXXXXXXX");
    return how.numbersVary() ? NUMBER.matcher(s).replaceAll("N") : s;
  }
}
