package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.cluster.LocalClusterSettings;
import io.screenalytics.vision.model.ModelLocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one check of every command's settings: known names from every module's declarations, typos refused. */
class SettingsOptionsTest {

  private static final Path REPO = Path.of("..");
  private static final Pattern VARIABLE = Pattern.compile("\\bSCREENALYTICS_[A-Z0-9_]*[A-Z0-9]\\b");
  /** In Java sources, the variables the code reads: string literals (the comments show typos on purpose). */
  private static final Pattern VARIABLE_LITERAL = Pattern.compile("\"(SCREENALYTICS_[A-Z0-9_]*[A-Z0-9])\"");

  @TempDir
  Path dir;

  @Test
  void shouldKnowTheSettingsOfEveryModuleFromTheirDeclarations() {
    for (String name : new String[] {"decoder.stride", "decoder.loop.max.poll.records", "decoder.cpu.quota",
        "detect.model", "detect.max.episode.attempts", "detect.loop.max.attempts", "embed.fetch.min.bytes",
        "embed.metrics.port", "voice.vad.threshold", "voice.workers", "assembly.naming.margin",
        "assembly.voice.start.wait.ms", "assembly.cpu.governor", "assembly.loop.retry.backoff.max.ms",
        "store.s3.list.page.size", "topics.min.insync.replicas", "facebank.name", "models.dir", "metrics.port",
        "bootstrap.servers", "schema.registry.url", "value.deserializer", "kafka.ssl.truststore.location"}) {
      assertThat(SettingsOptions.KNOWN.knows(name)).as(name).isTrue();
    }
    assertThat(SettingsOptions.KNOWN.knows("decoder.model")).isFalse();
  }

  @Test
  void shouldKnowEverySettingTheConfigurationDocLists() throws IOException {
    // Given the names in the first column of the settings table of docs/configuration.md (`a.b.c` / `.d` is a.b.d;
    // <service>.x skipped)
    String readme = Files.readString(REPO.resolve("docs/configuration.md"));
    String table = readme.substring(readme.indexOf("| setting | default | meaning |"), readme.indexOf("## CPU quotas"));
    List<String> names = new ArrayList<>();
    for (String row : table.lines().skip(2).filter(l -> l.startsWith("|")).toList()) {
      String base = null;
      Matcher m = Pattern.compile("`([^`]+)`").matcher(row.split("\\|")[1]);
      while (m.find()) {
        String name = m.group(1);
        if (name.startsWith(".")) {
          if (base != null) {
            names.add(base.substring(0, base.lastIndexOf('.')) + name);
          }
        } else if (!name.contains("<")) {
          names.add(name);
          base = name;
        }
      }
    }

    // Then each is a known setting
    assertThat(names).hasSizeGreaterThan(40).contains("decoder.scene.cut.min.change", "store.s3.path.style")
        .allSatisfy(n -> assertThat(SettingsOptions.KNOWN.knows(n)).as(n).isTrue());
  }

  @Test
  void shouldRefuseATypoFromTheConfigFileAndFromSet() throws IOException {
    Path file = Files.writeString(dir.resolve("settings.properties"), "embed.max.bach=16\n");
    SettingsOptions fromFile = new SettingsOptions();
    fromFile.configFile = file;
    SettingsOptions fromSet = new SettingsOptions();
    fromSet.overrides.put("decoder.strid", "3");

    assertThatThrownBy(() -> fromFile.load(Map.of(), Map.of())).isInstanceOf(ConfigException.class)
        .hasMessage("unknown setting embed.max.bach (did you mean embed.max.batch?)");
    assertThatThrownBy(() -> fromSet.load(Map.of(), Map.of()))
        .hasMessage("unknown setting decoder.strid (did you mean decoder.stride?)");
  }

  @Test
  void shouldLeaveEveryVariableTheProjectAndItsDeploymentsSetAlone() throws IOException {
    // Given every SCREENALYTICS_ variable named by the deployments (compose, Kubernetes, the image), the script and
    // the modules' sources (logback's configuration; the local cluster, models lookup and benchmarks read them)
    Map<String, String> env = new TreeMap<>();
    List<Path> roots = new ArrayList<>(List.of(REPO.resolve("docker-compose.yml"), REPO.resolve("image/pom.xml"),
        REPO.resolve("screenalytics"), REPO.resolve("deploy")));
    try (Stream<Path> modules = Files.list(REPO)) {
      modules.map(m -> m.resolve("src").resolve("main")).filter(Files::isDirectory).forEach(roots::add);
    }
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          boolean java = f.toString().endsWith(".java");
          Matcher m = (java ? VARIABLE_LITERAL : VARIABLE)
              .matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
          while (m.find()) {
            env.put(java ? m.group(1) : m.group(), "1");
          }
        }
      }
    }
    env.put(LocalClusterSettings.MODE_ENV, "in-process");
    env.put(ModelLocator.ENV, "/models");
    assertThat(env).containsKeys("SCREENALYTICS_JAVA_OPTS", "SCREENALYTICS_LOG_LEVEL", "SCREENALYTICS_MODELS",
        "SCREENALYTICS_MODELS_DIR", "SCREENALYTICS_EMBED_CPU_QUOTA", "SCREENALYTICS_KAFKA_SASL_MECHANISM",
        "SCREENALYTICS_REGISTRY_URL", "SCREENALYTICS_TOPICS_REPLICATION_FACTOR", "SCREENALYTICS_PEER_PYTHON",
        "SCREENALYTICS_CLUSTER_BROKERS");

    // When the settings are loaded with all of them set, Then none is refused
    new SettingsOptions().load(Map.of(), env);
  }
}
