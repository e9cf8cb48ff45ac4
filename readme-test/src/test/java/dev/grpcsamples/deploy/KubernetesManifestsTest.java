package dev.grpcsamples.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grpcsamples.common.resilience.ServiceConfigs;
import dev.grpcsamples.common.server.ServerOptions;
import dev.grpcsamples.greeter.client.GreeterClient;
import dev.grpcsamples.greeter.server.GreeterServer;
import dev.grpcsamples.helloworld.GreeterGrpc;
import dev.grpcsamples.recommend.UserRecommendGrpc;
import dev.grpcsamples.recommend.client.RecommendClient;
import dev.grpcsamples.recommend.server.RecommendServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * deploy/kubernetes/ checked on paper, since no cluster runs here: the manifests parse, and what
 * they say about ports, probes, grace periods and flags agrees with what the jars accept. Each
 * container's args are parsed by the real picocli command of the image it names.
 */
class KubernetesManifestsTest {
  private static final Path DIR = Path.of("../deploy/kubernetes");
  private static final String NAMESPACE = "grpc-samples";

  /** Image name (before the tag) -> the command its jar runs, and the service it serves. */
  private static final Map<String, Supplier<Object>> COMMANDS = Map.of(
      "greeter-server", GreeterServer::new, "recommend-server", RecommendServer::new,
      "greeter-client", GreeterClient::new, "recommend-client", RecommendClient::new);
  private static final Map<String, String> SERVICE_NAMES = Map.of(
      "greeter-server", GreeterGrpc.SERVICE_NAME, "recommend-server", UserRecommendGrpc.SERVICE_NAME);

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> manifests() throws IOException {
    List<Map<String, Object>> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (Object doc : new Yaml().loadAll(Files.readString(file))) {
          all.add((Map<String, Object>) doc);
        }
      }
    }
    assertFalse(all.isEmpty());
    return all;
  }

  private static List<Map<String, Object>> ofKind(String kind) throws IOException {
    return manifests().stream().filter(m -> kind.equals(m.get("kind"))).toList();
  }

  /** A nested value: {@code at(deployment, "spec", "template", "spec")}. */
  @SuppressWarnings("unchecked")
  private static <T> T at(Object node, Object... path) {
    Object current = node;
    for (Object key : path) {
      assertNotNull(current, "missing " + List.of(path));
      current = key instanceof Integer i ? ((List<Object>) current).get(i)
          : ((Map<String, Object>) current).get(key);
    }
    return (T) current;
  }

  private static String imageName(Map<String, Object> container) {
    String image = at(container, "image");
    return image.substring(0, image.indexOf(':'));
  }

  /** Parses a container's args with the real command of its image; picocli throws on a bad flag. */
  private static CommandLine.ParseResult parse(Map<String, Object> container) {
    Supplier<Object> command = COMMANDS.get(imageName(container));
    assertNotNull(command, "no command for image " + at(container, "image"));
    List<String> args = at(container, "args");
    return new CommandLine(command.get()).parseArgs(args.toArray(String[]::new));
  }

  /** An option's value, from the command or the subcommand that matched it. */
  private static <T> T option(CommandLine.ParseResult result, String name, T fallback) {
    for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption(name)) {
        return r.matchedOptionValue(name, fallback);
      }
    }
    return fallback;
  }

  @Test
  void everyManifestParsesAndLivesInTheSamplesNamespace() throws IOException {
    for (Map<String, Object> m : manifests()) {
      assertNotNull(m.get("apiVersion"), m.toString());
      String namespace = "Namespace".equals(m.get("kind"))
          ? at(m, "metadata", "name") : at(m, "metadata", "namespace");
      assertEquals(NAMESPACE, namespace, m.toString());
    }
    assertEquals(2, ofKind("Deployment").size());
    assertEquals(2, ofKind("Service").size());
    assertEquals(2, ofKind("Job").size());
  }

  @Test
  void serverDeploymentsAgreeWithTheFlagsTheServersAccept() throws IOException {
    for (Map<String, Object> deployment : ofKind("Deployment")) {
      String name = at(deployment, "metadata", "name");
      Map<String, Object> pod = at(deployment, "spec", "template", "spec");
      Map<String, Object> container = at(pod, "containers", 0);
      assertEquals(name, imageName(container));
      assertEquals(3, (int) at(deployment, "spec", "replicas"), name);

      CommandLine.ParseResult flags = parse(container);
      ServerOptions options = (ServerOptions) flags.commandSpec().mixins().get("server").userObject();
      options.validate();
      int port = options.port();
      List<Map<String, Object>> ports = at(container, "ports");
      assertEquals(Map.of("name", "grpc", "containerPort", port), ports.get(0), name);
      assertEquals(Map.of("name", "metrics", "containerPort", options.metricsPort()), ports.get(1),
          name);

      // The probes ask the port the server listens on, for names its health service reports.
      assertEquals(port, (int) at(container, "readinessProbe", "grpc", "port"), name);
      assertEquals(SERVICE_NAMES.get(name), at(container, "readinessProbe", "grpc", "service"));
      assertEquals(port, (int) at(container, "livenessProbe", "grpc", "port"), name);
      assertEquals((Object) null, at(container, "livenessProbe", "grpc", "service"),
          "liveness asks for the whole server");

      // Kubernetes waits terminationGracePeriodSeconds after SIGTERM, then SIGKILLs: the server's
      // --grace, plus time to cancel what is left and exit, must fit in it.
      Duration grace = options.grace();
      int killAfter = at(pod, "terminationGracePeriodSeconds");
      assertTrue(killAfter >= grace.getSeconds() + 5,
          name + ": terminationGracePeriodSeconds " + killAfter + " vs --grace " + grace);

      assertNotNull(at(container, "resources", "requests", "cpu"), name);
      assertNotNull(at(container, "resources", "requests", "memory"), name);
    }
  }

  @Test
  void servicesAreHeadlessAndSelectTheServerPods() throws IOException {
    for (Map<String, Object> service : ofKind("Service")) {
      String name = at(service, "metadata", "name");
      Map<String, Object> deployment = ofKind("Deployment").stream()
          .filter(d -> name.equals(at(d, "metadata", "name"))).findFirst().orElseThrow();
      assertEquals("None", at(service, "spec", "clusterIP"),
          name + ": headless, so DNS returns every pod for client-side balancing");
      assertEquals((Object) at(deployment, "spec", "template", "metadata", "labels"),
          (Object) at(service, "spec", "selector"), name);
      int containerPort = at(deployment, "spec", "template", "spec", "containers", 0, "ports", 0,
          "containerPort");
      assertEquals(containerPort, (int) at(service, "spec", "ports", 0, "port"), name);
      assertEquals("grpc", (String) at(service, "spec", "ports", 0, "targetPort"), name);
    }
  }

  @Test
  void clientJobsTargetTheHeadlessServicesWithRoundRobin() throws IOException {
    Pattern dnsTarget =
        Pattern.compile("dns:///([a-z-]+)\\.([a-z-]+)\\.svc\\.cluster\\.local:(\\d+)");
    for (Map<String, Object> job : ofKind("Job")) {
      Map<String, Object> container = at(job, "spec", "template", "spec", "containers", 0);
      CommandLine.ParseResult flags = parse(container);

      String target = option(flags, "--target", "");
      Matcher m = dnsTarget.matcher(target);
      assertTrue(m.matches(), target);
      Map<String, Object> service = ofKind("Service").stream()
          .filter(s -> m.group(1).equals(at(s, "metadata", "name"))).findFirst().orElseThrow();
      assertEquals(at(service, "metadata", "namespace"), m.group(2), target);
      assertEquals((int) at(service, "spec", "ports", 0, "port"), Integer.parseInt(m.group(3)));

      String serviceConfig = option(flags, "--service-config", "");
      assertEquals(List.of(Map.of("round_robin", Map.of())),
          ServiceConfigs.load(serviceConfig).get("loadBalancingConfig"), serviceConfig);
    }
  }
}
