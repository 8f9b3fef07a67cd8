package io.screenalytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.screenalytics.cluster.ClusterImages;
import io.screenalytics.runtime.service.ServiceSettings;
import io.screenalytics.schemas.Topic;
import io.screenalytics.schemas.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The deployment files against the code, as no Docker engine or Kubernetes cluster is needed for it: every
 * service's CPU limit equals the core quota its own config class reads from the environment the files give it,
 * images are pinned to exact versions (the broker's and registry's the same as the test fixture's), topics come
 * from the topic catalogue, health probes hit the lifecycle endpoints on the metrics port, and KEDA scales embed
 * on its own group and topic.
 */
class DeploymentConsistencyTest {

  private static final Pattern TOPIC_NAME = Pattern.compile("(?<![\\w.])screenalytics\\.[a-z]+(?:\\.[a-z]+)*");
  private static final Pattern CREATE_TOPIC = Pattern.compile("--create[^\\n]*?--topic[ =](\\S+)[^\\n]*?--partitions[ =](\\d+)");

  private final JsonNode compose = DeploymentFiles.document(DeploymentFiles.compose());
  private final List<JsonNode> k8s = DeploymentFiles.k8sObjects();

  @Test
  void shouldHoldEveryComposeServiceToItsQuotaSetting() {
    Set<PipelineService> seen = EnumSet.noneOf(PipelineService.class);
    composeServices().forEach((name, svc) -> {
      List<String> command = strings(svc.path("command"));
      if (command.size() < 2 || !command.get(0).equals("service")) {
        return;
      }
      // Given: the settings the service's own config class reads from the container's environment
      PipelineService service = PipelineService.named(command.get(1));
      Map<String, String> env = map(svc.path("environment"));
      ServiceSettings settings = service.settingsIn(env);
      seen.add(service);

      // Then: the container's CPU limit is the quota, native pools are sized from it, health is on the metrics port
      assertThat(svc.path("cpus").asDouble()).as("cpus of %s", name).isEqualTo(settings.cpuQuota());
      assertThat(env).as("native thread variables of %s", name).containsAllEntriesOf(settings.nativeThreadEnvironment());
      assertThat(settings.metricsPort()).as("metrics port of %s", name).isPositive();
      assertThat(String.join(" ", strings(svc.path("healthcheck").path("test"))))
          .as("healthcheck of %s", name).contains("/dev/tcp/127.0.0.1/" + settings.metricsPort()).contains("GET /ready ");
      assertThat(svc.path("depends_on").path("topics").path("condition").asText())
          .as("%s waits for the topics", name).isEqualTo("service_completed_successfully");
    });
    assertThat(seen).as("services in docker-compose.yml").containsExactlyInAnyOrder(PipelineService.values());
  }

  @Test
  void shouldHoldEveryDeploymentToItsQuotaSetting() {
    Set<PipelineService> seen = EnumSet.noneOf(PipelineService.class);
    for (JsonNode deployment : K8s.ofKind(k8s, "Deployment")) {
      for (JsonNode container : K8s.containers(deployment, "containers")) {
        List<String> args = strings(container.path("args"));
        if (args.size() < 2 || !args.get(0).equals("service")) {
          continue;
        }
        // Given: the settings the service reads from the ConfigMap and its container's own variables
        PipelineService service = PipelineService.named(args.get(1));
        Map<String, String> env = K8s.environment(container, k8s);
        ServiceSettings settings = service.settingsIn(env);
        seen.add(service);
        String what = "Deployment " + deployment.path("metadata").path("name").asText();

        // Then: the CPU limit is the quota and is also what is requested (Guaranteed QoS)
        JsonNode resources = container.path("resources");
        assertThat(K8s.cores(resources.path("limits").path("cpu"))).as("cpu limit of %s", what)
            .isEqualTo(settings.cpuQuota());
        assertThat(K8s.cores(resources.path("requests").path("cpu"))).as("cpu request of %s", what)
            .isEqualTo(settings.cpuQuota());
        assertThat(env).as("native thread variables of %s", what).containsAllEntriesOf(settings.nativeThreadEnvironment());
        // And: readiness and liveness follow the lifecycle, on the metrics port
        JsonNode port = K8s.list(container.path("ports")).stream()
            .filter(p -> p.path("name").asText().equals("metrics")).findFirst()
            .orElseThrow(() -> new AssertionError(what + " has no port named metrics"));
        assertThat(port.path("containerPort").asInt()).as("metrics port of %s", what).isEqualTo(settings.metricsPort());
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/ready");
        assertThat(container.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("metrics");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/live");
        assertThat(container.path("livenessProbe").path("httpGet").path("port").asText()).isEqualTo("metrics");
        // And: the topics are created from the catalogue before the service starts
        assertThat(K8s.containers(deployment, "initContainers")).as("init containers of %s", what)
            .anySatisfy(init -> assertThat(strings(init.path("args"))).containsExactly("topics"));
      }
    }
    assertThat(seen).as("service Deployments in deploy/k8s").containsExactlyInAnyOrder(PipelineService.values());
  }

  @Test
  void shouldPinEveryImageToAnExactVersion() {
    // Given: every image the deployment files name
    Map<String, String> images = new TreeMap<>();
    composeServices().forEach((name, svc) -> images.put("docker-compose.yml " + name, svc.path("image").asText()));
    for (JsonNode o : k8s) {
      for (String field : List.of("containers", "initContainers")) {
        for (JsonNode c : K8s.containers(o, field)) {
          images.put("deploy/k8s " + o.path("metadata").path("name").asText() + "/" + c.path("name").asText(),
              c.path("image").asText());
        }
      }
    }
    Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(DeploymentFiles.text(DeploymentFiles.dockerfile()));
    while (from.find()) {
      images.put("Dockerfile FROM", from.group(1));
    }

    // Then: each is an exact version, and the broker and registry are the fixture's own images
    assertThat(images).isNotEmpty().allSatisfy((where, image) ->
        assertThat(new ImageRef(image).isPinned()).as("%s: %s pinned", where, image).isTrue());
    ClusterImages fixture = ClusterImages.pinned();
    assertThat(composeBrokers()).isNotEmpty().allSatisfy(b -> assertThat(b.path("image").asText()).isEqualTo(fixture.kafka()));
    assertThat(composeServices().get("registry").path("image").asText()).isEqualTo(fixture.registry());
    Set<String> kafkaImages = images.values().stream().filter(i -> new ImageRef(i).repository().startsWith("apache/kafka"))
        .collect(Collectors.toSet());
    Set<String> registryImages = images.values().stream().filter(i -> i.startsWith("apicurio/"))
        .collect(Collectors.toSet());
    assertThat(kafkaImages).containsExactly(fixture.kafka());
    assertThat(registryImages).containsExactly(fixture.registry());
    // And: one version of the service image everywhere
    assertThat(images.values().stream().filter(i -> new ImageRef(i).repository().equals("screenalytics"))
        .collect(Collectors.toSet())).hasSize(1);
  }

  @Test
  void shouldCreateOnlyTheCatalogueTopicsWithAutoCreateOff() {
    // Given: the topic catalogue
    Map<String, Integer> catalogue = Topics.ALL.stream().collect(Collectors.toMap(Topic::name, Topic::partitions));
    int largestMessage = Topics.ALL.stream().mapToInt(Topic::maxMessageBytes).max().orElseThrow();

    // Then: compose creates them with the catalogue's own code (`screenalytics topics`) on the service image
    JsonNode topics = composeServices().get("topics");
    assertThat(topics).as("a topics service in docker-compose.yml").isNotNull();
    assertThat(strings(topics.path("command"))).containsExactly("topics");
    assertThat(new ImageRef(topics.path("image").asText()).repository()).isEqualTo("screenalytics");
    // And: any topic a file creates by hand has the catalogue's name and partitions, and any topic named exists
    List<Path> files = new ArrayList<>(DeploymentFiles.k8sFiles());
    files.add(DeploymentFiles.compose());
    for (Path file : files) {
      String text = DeploymentFiles.text(file);
      Matcher create = CREATE_TOPIC.matcher(text);
      while (create.find()) {
        assertThat(catalogue).as("topic created in %s", file).containsEntry(create.group(1), Integer.parseInt(create.group(2)));
      }
      Matcher named = TOPIC_NAME.matcher(text);
      while (named.find()) {
        assertThat(catalogue).as("topic named in %s", file).containsKey(named.group());
      }
    }
    // And: every broker refuses to auto-create topics and takes the catalogue's largest messages
    List<Map<String, String>> brokers = new ArrayList<>();
    composeBrokers().forEach(b -> brokers.add(map(b.path("environment"))));
    for (JsonNode o : k8s) {
      for (JsonNode c : K8s.containers(o, "containers")) {
        if (new ImageRef(c.path("image").asText()).repository().startsWith("apache/kafka")) {
          brokers.add(K8s.environment(c, k8s));
        }
      }
    }
    assertThat(brokers).hasSizeGreaterThanOrEqualTo(2).allSatisfy(env -> {
      assertThat(env).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
      assertThat(Integer.parseInt(env.get("KAFKA_MESSAGE_MAX_BYTES"))).isGreaterThanOrEqualTo(largestMessage);
    });
  }

  @Test
  void shouldRunAQuorumOfBrokersThatHoldsTheTopicsReplication() {
    // Given: compose's brokers and the settings its topics service creates the catalogue with
    List<Map<String, String>> brokers = composeBrokers().stream().map(b -> map(b.path("environment"))).toList();
    Map<String, String> topicsEnv = map(composeServices().get("topics").path("environment"));
    int replication = Integer.parseInt(topicsEnv.get("SCREENALYTICS_TOPICS_REPLICATION_FACTOR"));
    int minInsync = Integer.parseInt(topicsEnv.get("SCREENALYTICS_TOPICS_MIN_INSYNC_REPLICAS"));

    // Then: three brokers with distinct node ids, each a voter of one quorum and of one cluster id
    assertThat(brokers).hasSize(3);
    assertThat(brokers.stream().map(b -> b.get("KAFKA_NODE_ID")).distinct()).hasSize(3);
    assertThat(brokers.stream().map(b -> b.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).distinct()).hasSize(1);
    assertThat(brokers.stream().map(b -> b.get("CLUSTER_ID")).distinct()).hasSize(1);
    String voters = brokers.get(0).get("KAFKA_CONTROLLER_QUORUM_VOTERS");
    brokers.forEach(b -> assertThat(voters).contains(b.get("KAFKA_NODE_ID") + "@"));
    // And: topics replicated on every broker with a write still accepted when one is down, and every service
    // bootstraps from all of them
    assertThat(replication).isEqualTo(brokers.size());
    assertThat(minInsync).isBetween(2, replication - 1);
    brokers.forEach(b -> assertThat(Integer.parseInt(b.get("KAFKA_MIN_INSYNC_REPLICAS"))).isEqualTo(minInsync));
    assertThat(topicsEnv.get("SCREENALYTICS_BOOTSTRAP_SERVERS").split(",")).hasSize(brokers.size());
  }

  @Test
  void shouldScaleEmbedOnTheLagOfItsOwnGroupAndTopic() {
    // Given: the ScaledObject and the embed Deployment it scales
    JsonNode scaled = K8s.ofKind(k8s, "ScaledObject").get(0);
    JsonNode target = K8s.named(k8s, "Deployment", scaled.path("spec").path("scaleTargetRef").path("name").asText());
    JsonNode container = K8s.containers(target, "containers").get(0);
    assertThat(strings(container.path("args"))).containsExactly("service", PipelineService.EMBED.serviceName);
    Map<String, String> env = K8s.environment(container, k8s);
    ServiceSettings embed = PipelineService.EMBED.settingsIn(env);
    JsonNode trigger = K8s.list(scaled.path("spec").path("triggers")).get(0).path("metadata");

    // Then: lag of embed's consumer group on its input topic, at most one replica per partition
    assertThat(trigger.path("consumerGroup").asText()).isEqualTo(embed.groupId());
    assertThat(trigger.path("topic").asText()).isEqualTo(Topics.FACES.name());
    assertThat(scaled.path("spec").path("maxReplicaCount").asInt()).isBetween(1, Topics.FACES.partitions());
    assertThat(env).containsKey(trigger.path("bootstrapServersFromEnv").asText());
  }

  @Test
  void shouldApplyEveryManifestFromTheKustomizations() {
    // Given: the manifests and the kustomizations that apply them
    Map<Path, List<String>> listed = new LinkedHashMap<>();
    for (Path file : DeploymentFiles.k8sFiles()) {
      if (file.getFileName().toString().startsWith("kustomization")) {
        listed.put(file.getParent(), strings(DeploymentFiles.document(file).path("resources")));
      }
    }
    // Then: every manifest is a resource of its directory's kustomization
    for (Path file : DeploymentFiles.k8sFiles()) {
      if (!file.getFileName().toString().startsWith("kustomization")) {
        assertThat(listed.get(file.getParent())).as("kustomization of %s", file.getParent())
            .contains(file.getFileName().toString());
      }
    }
  }

  private Map<String, JsonNode> composeServices() {
    Map<String, JsonNode> out = new TreeMap<>();
    compose.path("services").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The compose services running a Kafka broker (image {@code apache/kafka*}), in name order. */
  private List<JsonNode> composeBrokers() {
    return composeServices().values().stream()
        .filter(svc -> new ImageRef(svc.path("image").asText()).repository().startsWith("apache/kafka")).toList();
  }

  private static List<String> strings(JsonNode array) {
    return K8s.list(array).stream().map(JsonNode::asText).toList();
  }

  private static Map<String, String> map(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
