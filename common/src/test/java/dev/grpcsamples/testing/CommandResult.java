package dev.grpcsamples.testing;

import java.util.List;

/** What a finished command printed, line by line, and how it exited. */
public record CommandResult(int exitCode, List<String> stdout, List<String> stderr) {
  @Override
  public String toString() {
    return "exit " + exitCode + "\nstdout:\n  " + String.join("\n  ", stdout)
        + "\nstderr:\n  " + String.join("\n  ", stderr);
  }
}
