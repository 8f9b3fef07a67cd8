package io.screenalytics.detecttrack.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed values for a 50 x 100 px box at (100, 50): h = 100, so position std h/20 = 5 px and velocity
 * std h/160 = 0.625 px/frame. The four coordinates are independent, so each is a 2 x 2 (position, velocity)
 * problem.
 */
class KalmanFilterTest {

  private static final double EPS = 1e-9;
  private final KalmanFilter kf = new KalmanFilter();
  private final Xyah box = new Xyah(100, 50, 0.5, 100);

  @Test
  void shouldInitiateWithHeightScaledDiagonalCovariance() {
    KalmanState s = kf.initiate(box);

    assertThat(s.meanVector()).containsExactly(100, 50, 0.5, 100, 0, 0, 0, 0);
    // std: 2 * 5 = 10 px, 10 * 0.625 = 6.25 px/frame, aspect 1e-2 and 1e-5
    double[] diag = {100, 100, 1e-4, 100, 39.0625, 39.0625, 1e-10, 39.0625};
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        assertThat(s.covariance(i, j)).isCloseTo(i == j ? diag[i] : 0, within(1e-15));
      }
    }
  }

  @Test
  void shouldPredictConstantVelocity() {
    // Given a started track moving 3 px/frame right
    KalmanState s = kf.initiate(box).withMean(4, 3.0);

    // When predicted one frame
    KalmanState p = kf.predict(s);

    // Then the centre moves by the velocity, and P' = F P F^T + Q
    // with Q = diag(25, 25, 1e-4, 25, 0.390625, 0.390625, 1e-10, 0.390625)
    assertThat(p.mean(0)).isEqualTo(103.0);
    assertThat(p.mean(4)).isEqualTo(3.0);
    assertThat(p.covariance(0, 0)).isCloseTo(100 + 39.0625 + 25, within(EPS));
    assertThat(p.covariance(0, 4)).isCloseTo(39.0625, within(EPS));
    assertThat(p.covariance(4, 0)).isCloseTo(39.0625, within(EPS));
    assertThat(p.covariance(4, 4)).isCloseTo(39.0625 + 0.390625, within(EPS));
    assertThat(p.covariance(2, 2)).isCloseTo(1e-4 + 1e-10 + 1e-4, within(1e-15));
    assertThat(p.covariance(6, 6)).isCloseTo(2e-10, within(1e-18));
    assertThat(p.covariance(0, 1)).isZero();
    assertThat(kf.multiPredict(List.of(s, s)))
        .allSatisfy(q -> assertThat(q.meanVector()).isEqualTo(p.meanVector()));
  }

  @Test
  void shouldUpdateWithKalmanGain() {
    // Given the predicted state (P_xx = 164.0625, P_xv = 39.0625, P_vv = 39.453125)
    // and a measurement 10 px to the right
    KalmanState p = kf.predict(kf.initiate(box));
    Xyah z = new Xyah(110, 50, 0.5, 100);

    // When updated (measurement std h/20 = 5 px, so S = 164.0625 + 25 = 189.0625)
    KalmanState u = kf.update(p, z);

    // Then gain K = (164.0625, 39.0625) / 189.0625 on the x coordinate
    double s = 189.0625;
    assertThat(u.mean(0)).isCloseTo(100 + 10 * 164.0625 / s, within(EPS));
    assertThat(u.mean(4)).isCloseTo(10 * 39.0625 / s, within(EPS));
    assertThat(u.mean(1)).isCloseTo(50, within(EPS));
    assertThat(u.mean(3)).isCloseTo(100, within(EPS));
    // P' = P - K S K^T
    assertThat(u.covariance(0, 0)).isCloseTo(164.0625 - 164.0625 * 164.0625 / s, within(EPS));
    assertThat(u.covariance(0, 4)).isCloseTo(39.0625 - 164.0625 * 39.0625 / s, within(EPS));
    assertThat(u.covariance(4, 4)).isCloseTo(39.453125 - 39.0625 * 39.0625 / s, within(EPS));
    // aspect: P = 2.000001e-4, R = 1e-2
    assertThat(u.covariance(2, 2)).isCloseTo(2.000001e-4 * 1e-2 / (2.000001e-4 + 1e-2), within(1e-15));
  }

  @Test
  void shouldConvertBoxesLikeTheReference() {
    Xyah z = Xyah.fromBox(new BBox(10, 20, 60, 120));
    assertThat(z).isEqualTo(new Xyah(35, 70, 0.5, 100));
    assertThat(z.toBox()).isEqualTo(new BBox(10, 20, 60, 120));
    assertThat(kf.initiate(z).toBox()).isEqualTo(new BBox(10, 20, 60, 120));
  }
}
