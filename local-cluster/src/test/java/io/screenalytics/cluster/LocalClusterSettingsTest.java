package io.screenalytics.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClusterSettingsTest {

  @Test
  void shouldDefaultToStartingTheRegistryInATempDirectory() {
    LocalClusterSettings settings = LocalClusterSettings.from(Map.of(), Map.of());

    assertThat(settings).isEqualTo(LocalClusterSettings.defaults());
    assertThat(settings.registryStartTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void shouldPreferTheSystemPropertyOverTheEnvironment() {
    LocalClusterSettings settings = LocalClusterSettings.from(
        Map.of(LocalClusterSettings.REGISTRY_URL_PROPERTY, "http://from-property:8080/apis/ccompat/v7/"),
        Map.of(LocalClusterSettings.REGISTRY_URL_ENV, "http://from-env:8080/apis/ccompat/v7"));

    // the trailing slash is dropped so paths can be appended
    assertThat(settings.externalRegistryUrl()).contains(URI.create("http://from-property:8080/apis/ccompat/v7"));
  }

  @Test
  void shouldReadTheExternalRegistryFromTheEnvironment() {
    LocalClusterSettings settings = LocalClusterSettings.from(Map.of(),
        Map.of(LocalClusterSettings.REGISTRY_URL_ENV, "http://registry:8080/apis/ccompat/v7",
            LocalClusterSettings.REGISTRY_START_TIMEOUT_ENV, "5"));

    assertThat(settings.externalRegistryUrl()).contains(URI.create("http://registry:8080/apis/ccompat/v7"));
    assertThat(settings.registryStartTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void shouldReadTheBrokerCountAndRejectOneOutOfRange() {
    assertThat(LocalClusterSettings.from(Map.of(LocalClusterSettings.BROKERS_PROPERTY, "3"), Map.of()).brokers())
        .isEqualTo(3);
    assertThat(LocalClusterSettings.defaults().brokers()).isEqualTo(1);
    assertThat(LocalClusterSettings.defaults().withBrokers(5).brokers()).isEqualTo(5);
    assertThatThrownBy(() -> LocalClusterSettings.from(Map.of(), Map.of(LocalClusterSettings.BROKERS_ENV, "10")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("screenalytics.cluster.brokers must be");
    assertThatThrownBy(() -> LocalClusterSettings.from(Map.of(LocalClusterSettings.BROKERS_PROPERTY, "three"),
        Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("three");
  }

  @Test
  void shouldReportEveryMalformedSettingAtOnce() {
    assertThatThrownBy(() -> LocalClusterSettings.from(Map.of(
            LocalClusterSettings.REGISTRY_URL_PROPERTY, "ftp://registry",
            LocalClusterSettings.REGISTRY_START_TIMEOUT_PROPERTY, "soon"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftp://registry")
        .hasMessageContaining("soon");
  }

  @Test
  void shouldFindTheRunnerJarInAnAncestorsRegistryModule(@TempDir Path root) throws Exception {
    // Given a project tree with a built registry module and a module directory two levels down
    Path target = Files.createDirectories(root.resolve("registry/target"));
    Path runner = Files.writeString(target.resolve("registry-0.1.0-SNAPSHOT-runner.jar"), "jar");
    Files.writeString(target.resolve("registry-0.1.0-SNAPSHOT.jar"), "not the runner");
    Path module = Files.createDirectories(root.resolve("services/avro-serde"));

    // When searched from the module, Then the runner jar is found
    assertThat(RegistryJar.locate(Optional.empty(), module)).isEqualTo(runner.toAbsolutePath());
  }

  @Test
  void shouldPreferTheQuarkusFastJarLayout(@TempDir Path root) throws Exception {
    Path app = Files.createDirectories(root.resolve("registry/target/quarkus-app"));
    Path fastJar = Files.writeString(app.resolve("quarkus-run.jar"), "jar");
    Files.writeString(root.resolve("registry/target/registry-runner.jar"), "jar");

    assertThat(RegistryJar.locate(Optional.empty(), root)).isEqualTo(fastJar.toAbsolutePath());
  }

  @Test
  void shouldExplainHowToGetAJarWhenNoneIsFound(@TempDir Path root) {
    assertThatThrownBy(() -> RegistryJar.locate(Optional.empty(), root))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mvn -pl registry install")
        .hasMessageContaining(LocalClusterSettings.REGISTRY_JAR_PROPERTY);
    assertThatThrownBy(() -> RegistryJar.locate(Optional.of(root.resolve("missing.jar")), root))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing.jar");
  }

  @Test
  void shouldReadTheClusterModeFromPropertyOrEnvironment() {
    assertThat(LocalClusterSettings.from(Map.of(), Map.of()).mode()).isEqualTo(ClusterMode.AUTO);
    assertThat(LocalClusterSettings.from(Map.of(LocalClusterSettings.MODE_PROPERTY, "in-process"),
        Map.of(LocalClusterSettings.MODE_ENV, "containers")).mode()).isEqualTo(ClusterMode.IN_PROCESS);
    assertThat(LocalClusterSettings.from(Map.of(), Map.of(LocalClusterSettings.MODE_ENV, "containers")).mode())
        .isEqualTo(ClusterMode.CONTAINERS);
    assertThatThrownBy(() -> LocalClusterSettings.from(Map.of(LocalClusterSettings.MODE_PROPERTY, "docker"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, in-process or containers");
  }

  @Test
  void shouldPinTheClusterImagesToExactVersions() {
    ClusterImages images = ClusterImages.pinned();
    assertThat(images.kafka()).isEqualTo("apache/kafka:4.1.0");
    assertThat(images.registry()).isEqualTo("apicurio/apicurio-registry-mem:2.4.2.Final");
  }
}
