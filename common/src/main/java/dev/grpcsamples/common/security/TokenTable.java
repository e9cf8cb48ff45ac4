package dev.grpcsamples.common.security;

import dev.grpcsamples.common.cli.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which bearer tokens a server accepts, whose they are, and which methods each may call. The file
 * (--tokens) has one token a line: {@code TOKEN IDENTITY [METHOD ...]}, where METHOD is a full method
 * name ({@code helloworld.Greeter/SayHello}), a whole service ({@code helloworld.Greeter/*}) or
 * {@code *}; no METHOD means every method. Lines starting with # are comments.
 */
public final class TokenTable {
  /** One token: who holds it, and what it allows. */
  record Grant(byte[] token, String identity, List<String> methods, String where) {
    boolean allows(String fullMethodName) {
      String service = fullMethodName.substring(0, fullMethodName.indexOf('/'));
      return methods.contains("*") || methods.contains(fullMethodName)
          || methods.contains(service + "/*");
    }
  }

  private final List<Grant> grants;

  private TokenTable(List<Grant> grants) {
    this.grants = grants;
  }

  /** --auth-token: one token, allowed everything; its holder is called "token-holder". */
  static TokenTable single(String token) {
    return new TokenTable(List.of(
        new Grant(token.getBytes(StandardCharsets.UTF_8), "token-holder", List.of("*"),
            "--auth-token")));
  }

  static TokenTable load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(Cli.readableFile("--tokens", file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Cli.InputError("--tokens " + file + ": cannot read (" + e + ")");
    }
    List<Grant> grants = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split("\\s+");
      if (words.length < 2) {
        throw new Cli.InputError(file + ":" + (i + 1) + ": expected TOKEN IDENTITY [METHOD ...]");
      }
      List<String> methods = words.length == 2 ? List.of("*")
          : List.of(Arrays.copyOfRange(words, 2, words.length));
      for (String m : methods) {
        if (!m.equals("*") && !m.matches("[\\w.]+/(\\w+|\\*)")) {
          throw new Cli.InputError(file + ":" + (i + 1) + ": '" + m + "' is not a method: use "
              + "package.Service/Method, package.Service/* or *");
        }
      }
      grants.add(new Grant(words[0].getBytes(StandardCharsets.UTF_8), words[1], methods,
          file + ":" + (i + 1)));
    }
    if (grants.isEmpty()) {
      throw new Cli.InputError(file + ": no tokens in the file");
    }
    return new TokenTable(grants);
  }

  /**
   * Refuses a line that names a method or service this server does not have: a typo there would
   * otherwise give a token no rights at all, silently.
   *
   * @param methods the full method names served, e.g. helloworld.Greeter/SayHello
   */
  public void checkMethodsExist(java.util.Set<String> methods) {
    java.util.Set<String> services = new java.util.HashSet<>();
    methods.forEach(m -> services.add(m.substring(0, m.indexOf('/')) + "/*"));
    for (Grant g : grants) {
      for (String m : g.methods()) {
        if (!m.equals("*") && !methods.contains(m) && !services.contains(m)) {
          throw new Cli.InputError(g.where() + ": '" + m + "' is not a method of this server "
              + "(it serves " + String.join(", ", new java.util.TreeSet<>(services)) + ")");
        }
      }
    }
  }

  /** The grant of this token, or null. Compared in constant time, so timing does not leak tokens. */
  Grant find(String token) {
    byte[] presented = token.getBytes(StandardCharsets.UTF_8);
    Grant found = null;
    for (Grant g : grants) {
      if (MessageDigest.isEqual(g.token(), presented)) {
        found = g;
      }
    }
    return found;
  }
}
