package dev.grpcsamples.common.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine;

/**
 * Runs a picocli command with this repository's exit-code contract:
 * <ul>
 *   <li>0: success (and {@code --help}, {@code --version});</li>
 *   <li>1: an RPC failed: {@code CODE: description} and any trailers on stderr (clients pass the
 *       function that writes those lines, see the client package's {@code ClientCli});</li>
 *   <li>2: a usage error (picocli's, or a {@link UsageError}): a one-line reason, then where to
 *       read the options, on stderr; or an input file that cannot be used ({@link InputError}): one line naming the file
 *       and what is wrong with it.</li>
 * </ul>
 * Anything else that escapes a command is a bug, and picocli prints its stack trace.
 */
public final class Cli {
  public static final int RPC_FAILED = 1;
  public static final int USAGE = 2;

  private Cli() {}

  /** For a server's {@code main}: runs against the terminal, then exits with the command's code. */
  public static void main(Object command, String... args) {
    main(command, e -> null, args);
  }

  /**
   * For a client's {@code main}.
   *
   * @param rpcFailure the lines to print for an exception that is a failed RPC, or null if it is not
   */
  public static void main(Object command, Function<Exception, List<String>> rpcFailure,
      String... args) {
    ConsoleLogging.install(false);
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(command, out, err, rpcFailure, args));
  }

  /** Runs {@code command} with {@code args}, writing to {@code out} and {@code err}; for tests too. */
  public static int run(Object command, PrintWriter out, PrintWriter err,
      Function<Exception, List<String>> rpcFailure, String... args) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      List<String> failure = rpcFailure.apply(e);
      if (failure != null) {
        failure.forEach(commandLine.getErr()::println);
        return RPC_FAILED;
      }
      if (e instanceof InputError) {
        commandLine.getErr().println(e.getMessage());
        return USAGE;
      }
      if (e instanceof UsageError) {
        // A value that parsed but makes no sense (--threads 0): one line, and where to read more.
        commandLine.getErr().println(e.getMessage());
        commandLine.getErr().println(seeHelp(commandLine));
        return USAGE;
      }
      throw e;
    });
    // picocli's own parse errors (an unknown option, a value of the wrong type) get the same short
    // answer, instead of the whole usage: the reason, a suggestion if there is one, and --help.
    cli.setParameterExceptionHandler((e, badArgs) -> {
      CommandLine commandLine = e.getCommandLine();
      commandLine.getErr().println(e.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(e, commandLine.getErr());
      commandLine.getErr().println(seeHelp(commandLine));
      return USAGE;
    });
    return cli.execute(args);
  }

  private static String seeHelp(CommandLine commandLine) {
    return "Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.";
  }

  /** The file named by {@code option}, if it exists and can be read; else an {@link InputError}. */
  public static Path readableFile(String option, Path file) {
    if (!Files.exists(file)) {
      throw new InputError(option + " " + file + ": no such file");
    }
    if (!Files.isReadable(file) || Files.isDirectory(file)) {
      throw new InputError(option + " " + file + ": cannot read this file");
    }
    return file;
  }

  /** Two options that only make sense together (a certificate and its key): both, or neither. */
  public static void requireBoth(String option, Object value, String otherOption, Object other) {
    if ((value == null) != (other == null)) {
      throw new UsageError(option + " and " + otherOption + " go together: give both");
    }
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
