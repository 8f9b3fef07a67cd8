package io.screenalytics.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The one model catalogue against the shared models directory's own {@code SHA256SUMS}. */
class ModelCatalogTest {

  private static final Path MODELS = Path.of(System.getProperty(ModelLocator.SHARED_PROPERTY, "../../shared"), "models");

  @Test
  void shouldPinEveryModelToTheHashOfSha256Sums() throws Exception {
    Map<String, String> sums = new HashMap<>();
    for (String line : Files.readAllLines(MODELS.resolve("SHA256SUMS"), StandardCharsets.UTF_8)) {
      String[] parts = line.trim().split("\\s+");
      sums.put(parts[1].replaceFirst("^\\./", ""), parts[0]);
    }
    for (ModelSpec m : ModelCatalog.all()) {
      assertThat(m.sha256()).as(m.name()).isEqualTo(sums.get(m.relativePath()));
      assertThat(m.licence()).as(m.name()).isNotBlank().isNotEqualTo("unknown");
    }
    assertThat(ModelCatalog.all()).extracting(ModelSpec::name).doesNotHaveDuplicates();
  }

  @Test
  void shouldDeclareFacesVoicesAndActiveSpeakersWithTheirOwnInput() {
    assertThat(ModelCatalog.of(ModelKind.FACE_DETECTOR)).extracting(ModelSpec::name)
        .containsExactly("yunet_s_dynamic", "yunet_n_dynamic", "scrfd_500m", "scrfd_2.5g", "retinaface_mnet025");
    assertThat(ModelCatalog.of(ModelKind.FACE_EMBEDDER)).extracting(ModelSpec::name)
        .containsExactly("fr_feature", "mobilefacenet");
    assertThat(ModelCatalog.of(ModelKind.VOICE_ACTIVITY)).containsExactly(ModelCatalog.SILERO_VAD);
    assertThat(ModelCatalog.of(ModelKind.SPEAKER_EMBEDDER)).containsExactly(ModelCatalog.GE2E);
    assertThat(ModelCatalog.of(ModelKind.ACTIVE_SPEAKER))
        .containsExactly(ModelCatalog.LIGHT_ASD_AVA, ModelCatalog.LIGHT_ASD_TALKSET);
    for (ModelSpec m : ModelCatalog.all()) {
      assertThat(m.input()).as(m.name()).isInstanceOf(m.kind().input());
    }
    assertThat(ModelCatalog.GE2E.audio()).isEqualTo(new AudioInput(16_000, AudioInput.Features.MEL_POWER, 160, 40));
    assertThat(ModelCatalog.FR_FEATURE.image().width()).isEqualTo(112);
    assertThatThrownBy(ModelCatalog.GE2E::image).isInstanceOf(IllegalStateException.class).hasMessageContaining("ge2e");
  }

  @Test
  void shouldRefuseAModelOfAnotherKindByName() {
    assertThat(ModelCatalog.byName("mobilefacenet", ModelKind.FACE_EMBEDDER)).isEqualTo(ModelCatalog.MOBILEFACENET);
    assertThatThrownBy(() -> ModelCatalog.byName("ge2e_resemblyzer", ModelKind.FACE_EMBEDDER))
        .isInstanceOf(NoSuchElementException.class).hasMessageContaining("fr_feature");
    assertThatThrownBy(() -> new ModelSpec("x", ModelKind.SPEAKER_EMBEDDER, "x.onnx", null, null,
        ModelCatalog.FR_FEATURE.image(), "in", List.of("out"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AudioInput");
  }
}
