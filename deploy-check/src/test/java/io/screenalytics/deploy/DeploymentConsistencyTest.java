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
 * from the topic catalogue, health probes hit the lifecycle endpoints on the metrics port, KEDA scales embed
 * on its own group and topic, the registry keeps its schemas in a database on a volume, and every container runs
 * as a non-root user without capabilities or privilege escalation (the service image's user from image/pom.xml).
 */
class DeploymentConsistencyTest {

  private static final Pattern TOPIC_NAME = Pattern.compile("(?<![\\w.])screenalytics\\.[a-z]+(?:\\.[a-z]+)*");
  private static final Pattern CREATE_TOPIC = Pattern.compile("--create[^\\n]*?--topic[ =](\\S+)[^\\n]*?--partitions[ =](\\d+)");

  /** A JDBC URL of PostgreSQL; group 1 is the host. */
  private static final Pattern POSTGRES_URL = Pattern.compile("jdbc:postgresql://([\\w.-]+):5432/\\w+");
  /** Where the postgres image keeps its data. */
  private static final String POSTGRES_DATA = "/var/lib/postgresql/data";
  /** Images whose root file system must stay writable, and why. */
  private static final Map<String, String> WRITABLE_ROOT = Map.of(
      "apache/kafka", "its start script writes the broker's properties under /opt/kafka/config");
  /** Compose services left as root (without capabilities), and why. */
  private static final Map<String, String> ROOT_IN_COMPOSE = Map.of(
      "s3", "MinIO, a development stand-in for S3: its image's /data, where the volume mounts, belongs to root");

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
    images.put("image/pom.xml image.base", DeploymentFiles.imageProperty("image.base"));

    // Then: each is an exact version, the broker the fixture's own image, the registry the fixture's version on
    // its durable (SQL) storage
    assertThat(images).isNotEmpty().allSatisfy((where, image) ->
        assertThat(new ImageRef(image).isPinned()).as("%s: %s pinned", where, image).isTrue());
    ClusterImages fixture = ClusterImages.pinned();
    assertThat(composeBrokers()).isNotEmpty().allSatisfy(b -> assertThat(b.path("image").asText()).isEqualTo(fixture.kafka()));
    assertThat(composeServices().get("registry").path("image").asText()).isEqualTo(durableRegistry(fixture));
    Set<String> kafkaImages = images.values().stream().filter(i -> new ImageRef(i).repository().startsWith("apache/kafka"))
        .collect(Collectors.toSet());
    Set<String> registryImages = images.values().stream().filter(i -> i.startsWith("apicurio/"))
        .collect(Collectors.toSet());
    assertThat(kafkaImages).containsExactly(fixture.kafka());
    assertThat(registryImages).containsExactly(durableRegistry(fixture));
    // And: one version of the service image everywhere, the one the image module builds, on a Java 17 JRE
    assertThat(images.values().stream().filter(i -> new ImageRef(i).repository().equals("screenalytics"))
        .collect(Collectors.toSet())).containsExactly(DeploymentFiles.imageProperty("image.name"));
    assertThat(DeploymentFiles.imageProperty("image.base")).startsWith("eclipse-temurin:17.").contains("-jre");
  }

  @Test
  void shouldKeepTheRegistrysSchemasInADatabaseThatOutlivesIt() {
    // Given: compose's registry and the database its datasource names
    JsonNode registry = composeServices().get("registry");
    Map<String, String> env = map(registry.path("environment"));
    Matcher url = POSTGRES_URL.matcher(env.getOrDefault("REGISTRY_DATASOURCE_URL", ""));
    assertThat(url.matches()).as("compose registry datasource %s", env.get("REGISTRY_DATASOURCE_URL")).isTrue();
    JsonNode db = composeServices().get(url.group(1));

    // Then: a PostgreSQL service whose data directory is a named volume, started before the registry
    assertThat(db).as("compose service %s", url.group(1)).isNotNull();
    assertThat(new ImageRef(db.path("image").asText()).repository()).isEqualTo("postgres");
    assertThat(strings(db.path("volumes"))).anySatisfy(v -> {
      assertThat(v).endsWith(":" + POSTGRES_DATA);
      assertThat(compose.path("volumes").has(v.substring(0, v.indexOf(':')))).as("named volume %s", v).isTrue();
    });
    assertThat(registry.path("depends_on").path(url.group(1)).path("condition").asText()).isEqualTo("service_healthy");
    assertThat(env.get("REGISTRY_DATASOURCE_PASSWORD")).startsWith("${").as("password from the environment");

    // And in Kubernetes: the registry's datasource is a Service in front of a StatefulSet with a claim on its data
    JsonNode deployment = K8s.named(k8s, "Deployment", "registry");
    Map<String, String> k8sEnv = K8s.environment(K8s.containers(deployment, "containers").get(0), k8s);
    Matcher k8sUrl = POSTGRES_URL.matcher(k8sEnv.getOrDefault("REGISTRY_DATASOURCE_URL", ""));
    assertThat(k8sUrl.matches()).as("k8s registry datasource %s", k8sEnv.get("REGISTRY_DATASOURCE_URL")).isTrue();
    String service = k8sUrl.group(1).split("\\.")[0];
    K8s.named(k8s, "Service", service);
    JsonNode set = K8s.named(k8s, "StatefulSet", service);
    List<String> claims = K8s.list(set.path("spec").path("volumeClaimTemplates")).stream()
        .map(c -> c.path("metadata").path("name").asText()).toList();
    assertThat(K8s.list(K8s.containers(set, "containers").get(0).path("volumeMounts")))
        .anySatisfy(m -> {
          assertThat(m.path("mountPath").asText()).isEqualTo(POSTGRES_DATA);
          assertThat(claims).contains(m.path("name").asText());
        });
  }

  @Test
  void shouldRunEveryComposeContainerAsANonRootUserWithoutPrivileges() {
    String imageUser = DeploymentFiles.imageProperty("image.user");
    composeServices().forEach((name, svc) -> {
      // Then: no capabilities and no privilege escalation for anyone
      assertThat(strings(svc.path("cap_drop"))).as("cap_drop of %s", name).contains("ALL");
      assertThat(strings(svc.path("security_opt"))).as("security_opt of %s", name).contains("no-new-privileges:true");
      if (ROOT_IN_COMPOSE.containsKey(name)) {
        return;
      }
      // And: a user that is not root, the image's own for the service image, on a read-only root with a /tmp
      String user = svc.path("user").asText();
      assertThat(user).as("user of %s", name).isNotEmpty().doesNotStartWith("root");
      assertThat(Integer.parseInt(user.split(":")[0])).as("uid of %s", name).isPositive();
      if (new ImageRef(svc.path("image").asText()).repository().equals("screenalytics")) {
        assertThat(user).as("user of %s", name).isEqualTo(imageUser + ":" + imageUser);
      }
      if (!WRITABLE_ROOT.containsKey(new ImageRef(svc.path("image").asText()).repository())) {
        assertThat(svc.path("read_only").asBoolean()).as("read_only of %s", name).isTrue();
        assertThat(strings(svc.path("tmpfs"))).as("tmpfs of %s", name).contains("/tmp");
      }
    });
  }

  @Test
  void shouldRunEveryPodAsANonRootUserWithoutPrivileges() {
    String imageUser = DeploymentFiles.imageProperty("image.user");
    List<JsonNode> workloads = new ArrayList<>(K8s.ofKind(k8s, "Deployment"));
    workloads.addAll(K8s.ofKind(k8s, "StatefulSet"));
    assertThat(workloads).hasSizeGreaterThanOrEqualTo(PipelineService.values().length + 3);
    for (JsonNode workload : workloads) {
      String what = workload.path("kind").asText() + " " + workload.path("metadata").path("name").asText();
      JsonNode pod = workload.path("spec").path("template").path("spec").path("securityContext");
      // Then: the pod runs as a user that is not root
      assertThat(pod.path("runAsNonRoot").asBoolean()).as("runAsNonRoot of %s", what).isTrue();
      assertThat(pod.path("runAsUser").asInt()).as("runAsUser of %s", what).isPositive();
      List<JsonNode> containers = new ArrayList<>(K8s.containers(workload, "containers"));
      containers.addAll(K8s.containers(workload, "initContainers"));
      for (JsonNode c : containers) {
        String where = what + "/" + c.path("name").asText();
        String repository = new ImageRef(c.path("image").asText()).repository();
        JsonNode sc = c.path("securityContext");
        // And: every container without privilege escalation or capabilities, on a read-only root with an
        // emptyDir /tmp where the image allows it
        assertThat(sc.path("runAsNonRoot").asBoolean()).as("runAsNonRoot of %s", where).isTrue();
        assertThat(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.path("allowPrivilegeEscalation").asBoolean())
            .as("allowPrivilegeEscalation false in %s", where).isTrue();
        assertThat(strings(sc.path("capabilities").path("drop"))).as("capabilities dropped by %s", where).contains("ALL");
        if (WRITABLE_ROOT.containsKey(repository)) {
          continue;
        }
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as("readOnlyRootFilesystem of %s", where).isTrue();
        assertThat(K8s.list(c.path("volumeMounts"))).as("/tmp of %s", where).anySatisfy(m -> {
          assertThat(m.path("mountPath").asText()).isEqualTo("/tmp");
          assertThat(K8s.volume(workload, m.path("name").asText()).has("emptyDir")).isTrue();
        });
        if (repository.equals("screenalytics")) {
          assertThat(pod.path("runAsUser").asText()).as("runAsUser of %s", where).isEqualTo(imageUser);
          assertThat(pod.path("fsGroup").asText()).as("fsGroup of %s (the data claim)", where).isEqualTo(imageUser);
        }
      }
    }
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

  /** The registry the deployments run: the fixture's Apicurio version with SQL storage (the fixture's is in memory). */
  private static String durableRegistry(ClusterImages fixture) {
    return "apicurio/apicurio-registry-sql:" + new ImageRef(fixture.registry()).tag();
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
