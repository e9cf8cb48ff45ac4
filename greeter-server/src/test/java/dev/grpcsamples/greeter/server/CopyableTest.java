package dev.grpcsamples.greeter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * What a copier takes with them, measured the way "How this repo is built" says: jdeps, the JDK's
 * class-dependency tool, on the compiled classes. The service must stand alone; the server's main may
 * reach only a handful of common classes, and never the client side. A nested class counts as its
 * outer one (the pattern below folds {@code Outer$Nested} into {@code Outer}): the count is of the
 * source files a copier takes.
 */
class CopyableTest {
  private static final Path CLASSES = Path.of("target/classes");
  private static final String CLASS_PATH = "../common/target/classes" + java.io.File.pathSeparator
      + "../proto/target/classes";
  private static final Pattern COMMON_CLASS =
      Pattern.compile("-> (dev\\.grpcsamples\\.common\\.[\\w.]+?)(\\$\\w+)?\\s");

  /** The top-level common classes that {@code root} reaches, directly or through others. */
  private static Set<String> commonClassesReachedFrom(String root) {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int exit = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-R",
        "-cp", CLASS_PATH, CLASSES.resolve(root).toString());
    assertEquals(0, exit, out.toString());
    Set<String> reached = new TreeSet<>();
    Matcher m = COMMON_CLASS.matcher(out.toString());
    while (m.find()) {
      reached.add(m.group(1));
    }
    return reached;
  }

  @Test
  void theServiceNeedsNothingFromCommon() {
    assertTrue(Files.isDirectory(CLASSES), "run with Maven, after compile");
    assertEquals(Set.of(), commonClassesReachedFrom(
        "dev/grpcsamples/greeter/server/GreeterService.class"));
  }

  @Test
  void theServersMainReachesAtMostFifteenCommonClassesAndNoClientCode() {
    Set<String> reached =
        commonClassesReachedFrom("dev/grpcsamples/greeter/server/GreeterServer.class");
    assertTrue(reached.size() <= 15, reached.size() + " common classes: " + reached);
    assertTrue(reached.stream().noneMatch(c -> c.startsWith("dev.grpcsamples.common.client.")
        || c.startsWith("dev.grpcsamples.common.resilience.")), reached.toString());
  }
}
