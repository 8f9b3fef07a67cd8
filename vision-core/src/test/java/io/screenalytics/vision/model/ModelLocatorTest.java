package io.screenalytics.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.vision.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLocatorTest {

  @TempDir
  Path temp;

  @Test
  void shouldLoadEveryBundledModelWithItsPinnedHash() {
    ModelLocator locator = SharedData.models();
    for (ModelSpec spec : ModelCatalog.all()) {
      assertThat(locator.load(spec)).as(spec.name()).isNotEmpty();
    }
  }

  @Test
  void shouldPinTheHashesOfSha256Sums() throws IOException {
    // Given the checksums file shipped beside the models
    Map<String, String> sums = new java.util.HashMap<>();
    for (String line : Files.readAllLines(SharedData.file("models/SHA256SUMS"))) {
      String[] parts = line.trim().split("\\s+");
      sums.put(parts[1].replaceFirst("^\\./", ""), parts[0]);
    }
    // Then every catalogue entry pins the same hash
    for (ModelSpec spec : ModelCatalog.all()) {
      assertThat(spec.sha256()).as(spec.name()).isEqualTo(sums.get(spec.relativePath()));
    }
  }

  @Test
  void shouldRejectAFileWhoseHashDiffersNamingBothHashesAndThePath() throws IOException {
    // Given a copy of YuNet under a spec that pins another hash
    Path dir = Files.createDirectories(temp.resolve("yunet"));
    Files.copy(SharedData.file("models/yunet/yunet_s_dynamic.onnx"), dir.resolve("yunet_s_dynamic.onnx"));
    String wrong = "0".repeat(64);
    ModelSpec spec = ModelCatalog.YUNET_S_DYNAMIC.withSha256(wrong);

    // When / Then
    assertThatThrownBy(() -> ModelLocator.at(temp).load(spec))
        .isInstanceOf(ModelIntegrityException.class)
        .hasMessageContaining("yunet_s_dynamic")
        .hasMessageContaining("expected sha256 " + wrong)
        .hasMessageContaining(ModelCatalog.YUNET_S_DYNAMIC.sha256())
        .hasMessageContaining(dir.resolve("yunet_s_dynamic.onnx").toString())
        .satisfies(e -> assertThat(((ModelIntegrityException) e).actualSha256())
            .isEqualTo(ModelCatalog.YUNET_S_DYNAMIC.sha256()));
  }

  @Test
  void shouldDetectAModifiedFile() throws IOException {
    Path file = Files.createDirectories(temp.resolve("yunet")).resolve("yunet_s_dynamic.onnx");
    byte[] bytes = Files.readAllBytes(SharedData.file("models/yunet/yunet_s_dynamic.onnx"));
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    assertThatThrownBy(() -> OnnxModel.open(ModelLocator.at(temp), ModelCatalog.YUNET_S_DYNAMIC, SharedData.SESSION))
        .isInstanceOf(ModelIntegrityException.class)
        .hasMessageContaining("expected sha256 " + ModelCatalog.YUNET_S_DYNAMIC.sha256());
  }

  @Test
  void shouldNameTheModelAndPathWhenTheFileIsMissing() {
    assertThatThrownBy(() -> ModelLocator.at(temp).load(ModelCatalog.FR_FEATURE))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("'fr_feature'")
        .hasMessageContaining(temp.resolve("faceplugin/fr_feature.onnx").toString())
        .hasMessageContaining(ModelLocator.PROPERTY)
        .hasMessageContaining("never downloaded");
  }

  @Test
  void shouldPreferTheSettingThenThePropertyThenTheEnvironment() throws IOException {
    Path a = Files.createDirectories(temp.resolve("a"));
    Path b = Files.createDirectories(temp.resolve("b"));
    Path c = Files.createDirectories(temp.resolve("c"));
    Map<String, String> props = Map.of(ModelLocator.PROPERTY, b.toString());
    Map<String, String> env = Map.of(ModelLocator.ENV, c.toString());

    assertThat(ModelLocator.resolve(a.toString(), props::get, env::get, temp, null).directory()).isEqualTo(a);
    assertThat(ModelLocator.resolve(null, props::get, env::get, temp, null).directory()).isEqualTo(b);
    assertThat(ModelLocator.resolve(" ", k -> null, env::get, temp, null).directory()).isEqualTo(c);
  }

  @Test
  void shouldFailOnAnExplicitDirectoryThatDoesNotExistRatherThanSearch() {
    Path missing = temp.resolve("nope");
    assertThatThrownBy(() -> ModelLocator.resolve(missing.toString(), k -> null, k -> null, temp, null))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("setting");
  }

  @Test
  void shouldFindASharedModelsSiblingByWalkingUpward() throws IOException {
    // Given <temp>/shared/models beside <temp>/repo/module
    Path models = Files.createDirectories(temp.resolve("shared/models"));
    Path module = Files.createDirectories(temp.resolve("repo/module"));
    ModelLocator found = ModelLocator.resolve(null, k -> null, k -> null, module, null);
    assertThat(found.directory()).isEqualTo(models);
    assertThat(found.origin()).contains("upward search");
  }

  @Test
  void shouldListWhereItLookedWhenNothingIsFound() throws IOException {
    Path module = Files.createDirectories(temp.resolve("repo/module"));
    assertThatThrownBy(() -> ModelLocator.resolve(null, k -> null, k -> null, module, null))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining(module.resolve("shared/models").toString())
        .hasMessageContaining(ModelLocator.ENV);
  }
}
