package dev.grpcsamples.greeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.grpcsamples.common.cli.Cli;
import dev.grpcsamples.testing.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inputs a user can get wrong, each answered with one line (and a pointer to --help) and exit code 2:
 * never a stack trace, never a hang, never a server that starts in a state where it cannot serve.
 */
class BadInputTest {
  @ParameterizedTest(name = "--target {0}")
  @CsvSource(delimiter = '|', value = {
      ":::bad | 'bad' is not a port",
      "dns:///bad host:50051 | is not a valid target",
      "local host:50051 | is not a valid target",
      "localhost:99999 | '99999' is not a port",
      "localhost:0 | '0' is not a port",
      "localhost:http | 'http' is not a port",
  })
  @Timeout(30)
  void aMalformedTargetIsAUsageError(String target, String says) {
    CommandResult r = GreeterCli.run("hello", "--target", target);
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(2, r.stderr().size(), r.toString());
    assertEquals(true, r.stderr().get(0).startsWith("--target '" + target + "'")
        && r.stderr().get(0).contains(says), r.toString());
    assertEquals("Run 'greeter-client hello --help' for the options.", r.stderr().get(1));
  }

  @ParameterizedTest(name = "greeter-server {0}")
  @CsvSource(delimiter = '|', value = {
      "--max-message-size 0 | --max-message-size must be at least 1B, not 0",
      "--auth-token '' | --auth-token must not be empty: an empty token would let anyone in",
      "--auth-token x --tokens tokens.txt | --auth-token and --tokens both say which tokens",
      "--threads 0 | --threads must be at least 1, not 0",
      "--port 70000 | --port must be between 0 and 65535, not 70000",
      "--tls-client-ca ca.crt | --tls-client-ca needs --tls-cert and --tls-key",
      "--tls-cert a.crt | --tls-cert and --tls-key go together: give both",
      "--fail-rate NaN | --fail-rate and --slow-rate are fractions from 0 to 1",
      "--fail-code OK | --fail-code 'OK' is not a status code other than OK",
      "--replies -1 | --replies must be 0 (no limit) or more, not -1",
  })
  void aServerThatCouldNotServeDoesNotStart(String flags, String says) {
    List<String> args = new java.util.ArrayList<>();
    for (String word : flags.split(" ")) {
      args.add(word.equals("''") ? "" : word);
    }
    Cli.UsageError e = assertThrows(Cli.UsageError.class,
        () -> GreeterCli.greeterServer(args.toArray(String[]::new)).close());
    assertEquals(true, e.getMessage().startsWith(says), e.getMessage());
  }

  @Test
  void anUpstreamThatIsNotATargetIsAUsageError() {
    CommandResult r = dev.grpcsamples.testing.CliRun.run(
        new dev.grpcsamples.greeter.server.GreeterServer(), "--port", "0", "--upstream", ":::bad");
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(List.of("--upstream ':::bad' is not a target: use HOST:PORT, like localhost:50052",
        "Run 'greeter-server --help' for the options."), r.stderr());
  }

  @Test
  void anUpstreamIsRefusedOnASecuredServer() {
    CommandResult r = dev.grpcsamples.testing.CliRun.run(
        new dev.grpcsamples.greeter.server.GreeterServer(), "--port", "0", "--upstream",
        "localhost:50053", "--auth-token", "t");
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals("--upstream calls its server in plaintext without a token; it cannot be combined "
        + "with --tls-cert, --auth-token or --tokens", r.stderr().get(0));
  }

  @Test
  void aTokenFileNamingAMethodTheServerDoesNotHaveIsRefused(@TempDir Path dir) throws Exception {
    Path tokens = dir.resolve("tokens.txt");
    Files.writeString(tokens, "ada-token ada\nbob-token bob helloworld.Greeter/SayHi\n");
    Cli.InputError e = assertThrows(Cli.InputError.class,
        () -> GreeterCli.greeterServer("--tokens", tokens.toString()).close());
    assertEquals(tokens + ":2: 'helloworld.Greeter/SayHi' is not a method of this server (it "
        + "serves helloworld.Greeter/*)", e.getMessage());
  }
}
