package dev.grpcsamples.common;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks the files named by options before TLS reads them, so a mistake names the option. */
final class PemFiles {
  private PemFiles() {}

  /** The file, if it exists and can be read; otherwise a one-line {@link Cli.InputError}. */
  static Path readable(String option, Path file) {
    if (!Files.exists(file)) {
      throw new Cli.InputError(option + " " + file + ": no such file");
    }
    if (!Files.isReadable(file) || Files.isDirectory(file)) {
      throw new Cli.InputError(option + " " + file + ": cannot read this file");
    }
    return file;
  }

  static void requireBoth(String certOption, Path cert, String keyOption, Path key) {
    if ((cert == null) != (key == null)) {
      throw new Cli.UsageError(certOption + " and " + keyOption + " go together: give both");
    }
  }
}
