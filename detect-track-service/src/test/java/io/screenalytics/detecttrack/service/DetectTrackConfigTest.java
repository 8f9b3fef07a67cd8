package io.screenalytics.detecttrack.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.runtime.config.Settings;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class DetectTrackConfigTest {

  @Test
  void shouldDefaultToYuNetWithTheTunedTrackerSettings() {
    DetectTrackConfig c = DetectTrackConfig.from(Settings.of(Map.of()));
    assertThat(c.detectorModel()).isEqualTo("yunet_s_dynamic");
    assertThat(c.scoreThreshold()).isEqualTo(0.6, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(c.trackThresh()).isEqualTo(0.70);
    assertThat(c.matchThresh()).isEqualTo(0.80);
    assertThat(c.trackBuffer()).isEqualTo(90);
    assertThat(c.maxGapSeconds()).isEqualTo(2.0);
    assertThat(c.minTrackLength()).isEqualTo(3);
    assertThat(c.minFacePx()).isEqualTo(90.0);
    assertThat(c.minFaceHeight(360)).isEqualTo(30.0);
    assertThat(c.detectorSettings().maxInputSize()).isEqualTo(416);
    assertThat(c.embedEveryFrames()).isEqualTo(12);
  }

  @Test
  void shouldSizeTheDetectorInputToTheMinimumFaceUnlessSet() {
    // a face of the minimum height is as tall in the input as a 90 px face at 1080p in a 416 px input: 19.5 px at 16:9
    assertThat(sized(Map.of())).isEqualTo(416);
    assertThat(sized(Map.of("detect.min.face.px", "45"))).isEqualTo(832);
    assertThat(sized(Map.of("detect.min.face.px", "60"))).isEqualTo(640);
    assertThat(sized(Map.of("detect.min.face.px", "400"))).isEqualTo(160);
    assertThat(sized(Map.of("detect.min.face.px", "10"))).isEqualTo(1280);
    assertThat(sized(Map.of("detect.min.face.px", "0"))).isEqualTo(640);
    assertThat(sized(Map.of("detect.input.size", "640"))).isEqualTo(640);
    assertThatThrownBy(() -> sized(Map.of("detect.input.size", "32"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("input.size");
  }

  private static int sized(Map<String, String> settings) {
    return DetectTrackConfig.from(Settings.of(settings)).detectorSettings().maxInputSize();
  }

  @Test
  void shouldTakeEachFamilysThresholdsUnlessSet() {
    DetectTrackConfig scrfd = DetectTrackConfig.from(Settings.of(Map.of("detect.model", "scrfd_500m")));
    assertThat(scrfd.scoreThreshold()).isEqualTo(0.35, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(scrfd.trackThresh()).isEqualTo(0.45);
    DetectTrackConfig retina = DetectTrackConfig.from(Settings.of(Map.of("detect.model", "retinaface_mnet025")));
    assertThat(retina.trackThresh()).isEqualTo(0.75);
    DetectTrackConfig set = DetectTrackConfig.from(Settings.of(Map.of("detect.model", "scrfd_2.5g",
        "detect.score.threshold", "0.5", "detect.track.thresh", "0.6")));
    assertThat(set.scoreThreshold()).isEqualTo(0.5);
    assertThat(set.trackThresh()).isEqualTo(0.6);
  }

  @Test
  void shouldReportEveryInvalidSettingAtOnce() {
    assertThatThrownBy(() -> DetectTrackConfig.from(Settings.of(Map.of("detect.model", "dlib",
        "detect.score.threshold", "1.5", "detect.track.thresh", "-0.1", "detect.min.track.length", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("model").hasMessageContaining("yunet_s_dynamic")
        .hasMessageContaining("score.threshold").hasMessageContaining("track.thresh")
        .hasMessageContaining("min.track.length");
  }
}
