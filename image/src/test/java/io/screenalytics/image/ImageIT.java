package io.screenalytics.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.cluster.ProgressWait;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.schemas.Topic;
import io.screenalytics.schemas.Topics;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image Jib built in this module's {@code package} phase ({@code target/image-check.tar}, on an empty base as no
 * registry is reachable here): its configuration (non-root user, entrypoint), its class path (the launcher's, without
 * the broker), and the commands a deployment runs, run on the files of its layers with this machine's Java.
 */
class ImageIT {

  /**
   * Jars only the in-process broker of {@code screenalytics run} uses: kafka_2.13, kafka-server,
   * kafka-server-common and what only they bring ({@code mvn dependency:tree -pl launcher}, Kafka 4.1.0).
   */
  static final Set<String> BROKER_JARS = Set.of("kafka_2.13", "kafka-server", "kafka-server-common", "kafka-raft",
      "kafka-metadata", "kafka-storage", "kafka-storage-api", "kafka-group-coordinator",
      "kafka-group-coordinator-api", "kafka-coordinator-common", "kafka-share-coordinator",
      "kafka-transaction-coordinator", "kafka-tools-api", "scala-library", "scala-reflect", "scala-logging_2.13",
      "jopt-simple", "argparse4j", "metrics-core", "jackson-dataformat-yaml",
      "jackson-datatype-jdk8", "snakeyaml", "hash4j", "caffeine", "commons-validator", "commons-beanutils",
      "commons-digester", "commons-logging", "commons-collections", "jose4j", "re2j", "log4j-api", "log4j-core",
      "pcollections", "jspecify");

  private static final String APP = "opt/screenalytics";
  private static final String MAIN = "io.screenalytics.launcher.Screenalytics";
  private static final Duration COMMAND_BOUND = Duration.ofMinutes(3);

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  @TempDir
  static Path work;

  private static JsonNode config;
  private static Path root;

  @BeforeAll
  static void unpackImage() throws IOException {
    Path tar = Path.of(System.getProperty("image.tar", "target/image-check.tar"));
    assertThat(tar).as("the image Jib builds in the package phase").exists();
    Map<String, byte[]> files = new HashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode manifest = json.readTree(files.get("manifest.json")).get(0);
    config = json.readTree(files.get(manifest.path("Config").asText())).path("config");
    root = work.resolve("rootfs");
    for (JsonNode layer : manifest.path("Layers")) {
      unpackLayer(files.get(layer.asText()), root);
    }
  }

  @Test
  void shouldRunTheLauncherAsANonRootUser() {
    String user = System.getProperty("image.user", "65532");

    assertThat(config.path("User").asText()).isEqualTo(user + ":" + user);
    assertThat(Integer.parseInt(user)).isPositive();
    assertThat(strings(config.path("Entrypoint"))).containsExactly("java", "-XX:MaxRAMPercentage=75",
        "-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp", "-cp",
        "/opt/screenalytics/resources:/opt/screenalytics/classes:/opt/screenalytics/libs/*", MAIN);
    assertThat(strings(config.path("Cmd"))).containsExactly("--help");
    assertThat(strings(config.path("Env"))).contains("SCREENALYTICS_MODELS_DIR=/models", "SCREENALYTICS_STORE_ROOT=/data");
    assertThat(config.path("ExposedPorts").has("9404/tcp")).isTrue();
    // the store root exists and a non-root user can write a fresh volume mounted on it
    assertThat(root.resolve("data")).isDirectory();
  }

  @Test
  void shouldShipTheLaunchersClassPathWithoutTheBroker() throws IOException {
    // Given the full launcher's class path (launcher/target/lib, what `./screenalytics` runs) and the image's
    Set<String> launcher = jarNames(Path.of(System.getProperty("launcher.lib", "../launcher/target/lib")));
    Set<String> image = jarNames(root.resolve(APP).resolve("libs"));

    // Then the image has no broker jar, and every other library the launcher has (by artifact: without Kafka's
    // nearer declarations Maven may pick another version, e.g. commons-io 2.20.0 instead of 2.15.1)
    assertThat(image).noneMatch(jar -> BROKER_JARS.contains(artifact(jar)));
    assertThat(launcher).anyMatch(jar -> artifact(jar).equals("kafka_2.13"));
    Set<String> expected = launcher.stream().map(ImageIT::artifact).filter(a -> !BROKER_JARS.contains(a))
        .collect(Collectors.toCollection(TreeSet::new));
    expected.add("launcher");
    Set<String> shipped = image.stream().map(ImageIT::artifact).collect(Collectors.toCollection(TreeSet::new));
    assertThat(shipped).containsExactlyElementsOf(expected);
  }

  @Test
  void shouldRunTheServiceCommandsOnTheImagesClassPath() throws Exception {
    // picocli builds every subcommand reflectively: each must load without the broker's classes
    for (List<String> command : List.of(List.of("--help"), List.of("service", "--help"), List.of("topics", "--help"),
        List.of("ingest", "--help"))) {
      Result r = launch(command, Map.of());
      assertThat(r.exit()).as("%s exit status; output:%n%s", command, r.output()).isZero();
      assertThat(r.output()).as("%s", command).contains("Usage: screenalytics");
    }
    // And `run`, whose broker is not in the image, ends with one line saying so, not a stack trace
    Path clip = Path.of(System.getProperty("screenalytics.shared", "../../shared"), "media/video/short_hamilton_clip.mp4");
    Result run = launch(List.of("run", "--video", clip.toAbsolutePath().toString()), Map.of());
    assertThat(run.exit()).as(run.output()).isNotZero();
    assertThat(run.output()).contains("error: no Kafka broker on the class path").doesNotContain("\tat ")
        .doesNotContain("Exception in thread");
  }

  @Test
  void shouldCreateTheTopicsAndServeThroughTheImage() throws Exception {
    // Given a real broker and registry
    LocalCluster cluster = CLUSTER.cluster();
    Map<String, String> env = Map.of("SCREENALYTICS_BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
        "SCREENALYTICS_SCHEMA_REGISTRY_URL", cluster.registryUrl(),
        "SCREENALYTICS_STORE_ROOT", work.resolve("data").toString());

    // When the image's `topics` runs, Then the catalogue's topics exist
    Result topics = launch(List.of("topics"), env);
    assertThat(topics.exit()).as(topics.output()).isZero();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get(1, TimeUnit.MINUTES))
          .containsAll(Topics.ALL.stream().map(Topic::name).toList());
    }

    // And the image's `service assembly` becomes ready (its consumer loops run) and stops on SIGTERM
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Map<String, String> serviceEnv = new HashMap<>(env);
    serviceEnv.put("SCREENALYTICS_METRICS_PORT", Integer.toString(port));
    Path log = work.resolve("assembly.log");
    Process service = start(List.of("service", "assembly"), serviceEnv, log);
    try {
      assertThat(awaitReady(port, service)).as("assembly ready on :%d; output:%n%s", port, read(log)).isTrue();
    } finally {
      service.destroy();
      assertThat(service.waitFor(COMMAND_BOUND.toSeconds(), TimeUnit.SECONDS)).as(read(log)).isTrue();
    }
  }

  private static boolean awaitReady(int port, Process service) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + ProgressWait.DEFAULT_STALL.toNanos();
    while (System.nanoTime() < deadline && service.isAlive()) {
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return true;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    return false;
  }

  private record Result(int exit, String output) {}

  /** Runs the image's entrypoint on the unpacked layers (its paths made relative to them), with {@code args}. */
  private static Result launch(List<String> args, Map<String, String> env) throws Exception {
    Path log = Files.createTempFile(work, "command-", ".log");
    Process p = start(args, env, log);
    boolean done = p.waitFor(COMMAND_BOUND.toSeconds(), TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    assertThat(done).as("%s finished within %s; output:%n%s", args, COMMAND_BOUND, read(log)).isTrue();
    return new Result(p.exitValue(), read(log));
  }

  private static Process start(List<String> args, Map<String, String> env, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    for (String part : strings(config.path("Entrypoint"))) {
      command.add(part.equals("java") ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
          : part.replace("/opt/screenalytics", root.resolve(APP).toString())
              .replace("/tmp/javacpp", work.resolve("javacpp").toString()));
    }
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.resolve(APP).toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private static void unpackLayer(byte[] layer, Path into) throws IOException {
    try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(
        new java.io.ByteArrayInputStream(layer)))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path target = into.resolve(e.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("layer entry outside the root: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
  }

  private static Set<String> jarNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** The artifact id of a jar named {@code <artifactId>-<version>.jar}. */
  private static String artifact(String jar) {
    String artifact = jar.replaceFirst("-\\d[^-]*(-[^-]+)*\\.jar$", "").replaceFirst("\\.jar$", "");
    // in a whole-reactor build Jib takes the launcher's own file (finalName screenalytics-launcher.jar); built
    // alone (-pl image), the installed launcher-<version>.jar
    return artifact.equals("screenalytics-launcher") ? "launcher" : artifact;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
