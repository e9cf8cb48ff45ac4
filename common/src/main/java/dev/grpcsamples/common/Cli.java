package dev.grpcsamples.common;

import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;

/**
 * Runs a picocli command with this repository's exit-code contract:
 * <ul>
 *   <li>0: success (and {@code --help}, {@code --version});</li>
 *   <li>1: an RPC failed: {@code CODE: description} and any trailers on stderr;</li>
 *   <li>2: a usage error (picocli's, or a {@link UsageError}): a one-line reason, then the usage, on
 *       stderr; or an input file that cannot be used ({@link InputError}): one line naming the file
 *       and what is wrong with it.</li>
 * </ul>
 * Anything else that escapes a command is a bug, and picocli prints its stack trace.
 */
public final class Cli {
  public static final int RPC_FAILED = 1;
  public static final int USAGE = 2;

  private Cli() {}

  /** For {@code main}: runs against the terminal, then exits the JVM with the command's exit code. */
  public static void main(Object command, String... args) {
    ConsoleLogging.install(false);
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(command, out, err, args));
  }

  /** Runs {@code command} with {@code args}, writing to {@code out} and {@code err}; for tests too. */
  public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof StatusRuntimeException) {
        RpcErrors.describe((StatusRuntimeException) e).forEach(commandLine.getErr()::println);
        return RPC_FAILED;
      }
      if (e instanceof InputError) {
        commandLine.getErr().println(e.getMessage());
        return USAGE;
      }
      if (e instanceof UsageError) {
        // A value that parsed but makes no sense (--threads 0): a usage error like any other.
        commandLine.getErr().println(e.getMessage());
        commandLine.usage(commandLine.getErr());
        return USAGE;
      }
      throw e;
    });
    return cli.execute(args);
  }

  /** An option's value parsed but makes no sense; the message names the option. */
  public static final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
      super(message);
    }
  }

  /** A file the user named cannot be used; the message says which file, where, and why. */
  public static final class InputError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputError(String message) {
      super(message);
    }
  }

  /** {@code --version}: the jar's Implementation-Version, set by the build. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Cli.class.getPackage().getImplementationVersion();
      return new String[] {
          "${COMMAND-NAME} " + (version == null ? "(development build)" : version),
          "Java ${java.version} (${java.vendor})"
      };
    }
  }
}
