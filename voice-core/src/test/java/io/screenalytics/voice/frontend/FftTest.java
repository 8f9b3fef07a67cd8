package io.screenalytics.voice.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FftTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 12, 400, 512, 7})
  void shouldEqualTheDirectSum(int n) {
    Random random = new Random(n);
    double[] re = new double[n];
    double[] im = new double[n];
    for (int i = 0; i < n; i++) {
      re[i] = random.nextGaussian();
      im[i] = random.nextGaussian();
    }
    double[] outRe = new double[n];
    double[] outIm = new double[n];
    new Fft(n).transform(re, im, outRe, outIm);
    for (int k = 0; k < n; k++) {
      double sr = 0;
      double si = 0;
      for (int j = 0; j < n; j++) {
        double a = -2 * Math.PI * j * k / n;
        sr += re[j] * Math.cos(a) - im[j] * Math.sin(a);
        si += re[j] * Math.sin(a) + im[j] * Math.cos(a);
      }
      assertThat(outRe[k]).isCloseTo(sr, org.assertj.core.data.Offset.offset(1e-9 * n));
      assertThat(outIm[k]).isCloseTo(si, org.assertj.core.data.Offset.offset(1e-9 * n));
    }
  }
}
