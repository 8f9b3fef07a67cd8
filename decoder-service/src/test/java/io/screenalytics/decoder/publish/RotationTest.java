package io.screenalytics.decoder.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RotationTest {

  @Test
  void shouldTurnClockwiseByTheNegatedDisplayRotation() {
    // FFmpeg reports the display matrix counter-clockwise; players turn the picture that way
    assertThat(Rotation.fromDisplayRotation(0)).isEqualTo(Rotation.NONE);
    assertThat(Rotation.fromDisplayRotation(90)).isEqualTo(Rotation.CLOCKWISE_270);
    assertThat(Rotation.fromDisplayRotation(-90)).isEqualTo(Rotation.CLOCKWISE_90);
    assertThat(Rotation.fromDisplayRotation(180)).isEqualTo(Rotation.CLOCKWISE_180);
    assertThat(Rotation.fromDisplayRotation(-180)).isEqualTo(Rotation.CLOCKWISE_180);
    assertThat(Rotation.fromDisplayRotation(270)).isEqualTo(Rotation.CLOCKWISE_90);
    assertThat(Rotation.CLOCKWISE_90.swapsSides()).isTrue();
    assertThat(Rotation.CLOCKWISE_180.swapsSides()).isFalse();
  }

  @Test
  void shouldRoundOtherAnglesToTheNearestQuarterTurnAndSaySo() {
    assertThat(Rotation.fromDisplayRotation(-80)).isEqualTo(Rotation.CLOCKWISE_90);
    assertThat(Rotation.fromDisplayRotation(30)).isEqualTo(Rotation.NONE);
    assertThat(Rotation.isQuarterTurn(-80)).isFalse();
    assertThat(Rotation.isQuarterTurn(-90.2)).isTrue();
    assertThat(Rotation.isQuarterTurn(0)).isTrue();
    assertThatThrownBy(() -> Rotation.fromDisplayRotation(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
