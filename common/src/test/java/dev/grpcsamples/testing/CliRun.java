package dev.grpcsamples.testing;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.common.client.RpcErrors;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs a CLI command object in the test JVM, the way its main would, and captures what it prints. */
public final class CliRun {
  private CliRun() {}

  public static CommandResult run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Cli.run(command, new PrintWriter(out, true), new PrintWriter(err, true),
        RpcErrors::ofFailure, args);
    return new CommandResult(exit, lines(out), lines(err));
  }

  private static List<String> lines(StringWriter w) {
    String s = w.toString();
    return s.isEmpty() ? List.of() : List.of(s.split("\\R"));
  }
}
