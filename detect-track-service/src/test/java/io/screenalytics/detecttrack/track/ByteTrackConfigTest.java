package io.screenalytics.detecttrack.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteTrackConfigTest {

  @Test
  void shouldDeriveReferenceValues() {
    assertThat(ByteTrackConfig.reference(0.7, 0.8, 30, 30.0).detThresh()).isEqualTo(0.7999999999999999);
    assertThat(ByteTrackConfig.reference(0.5, 0.8, 30, 30.0).detThresh()).isEqualTo(0.6);
    assertThat(ByteTrackConfig.reference(0.5, 0.8, 30, 25.0).maxTimeLost()).isEqualTo(25);
    assertThat(ByteTrackConfig.reference(0.5, 0.8, 30, 29.97).maxTimeLost()).isEqualTo(29);
    assertThat(ByteTrackConfig.defaults(30.0)).isEqualTo(new ByteTrackConfig(0.5, 0.8, 30, 30.0, true, 30));
    assertThat(ByteTrackConfig.defaults(30.0).withMaxTimeLost(5).maxTimeLost()).isEqualTo(5);
  }

  @Test
  void shouldReportEveryProblemAtOnce() {
    assertThatThrownBy(() -> new ByteTrackConfig(0, 1.5, -1, Double.NaN, true, -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("trackThresh", "matchThresh", "trackBuffer", "frameRate", "maxTimeLost");
  }
}
