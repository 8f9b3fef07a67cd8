package io.screenalytics.launcher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RocTest {

  private static List<Roc.Scored> pairs(double[] same, double[] different) {
    List<Roc.Scored> out = new ArrayList<>();
    for (double s : same) {
      out.add(new Roc.Scored(s, true));
    }
    for (double d : different) {
      out.add(new Roc.Scored(d, false));
    }
    return out;
  }

  @Test
  void shouldGiveAucOneAndNoErrorWhenSeparable() {
    Roc roc = Roc.of(pairs(new double[] {0.9, 0.8}, new double[] {0.1, 0.2, 0.3}));
    assertThat(roc.auc()).isEqualTo(1.0);
    assertThat(roc.eer()).isEqualTo(0.0);
    assertThat(roc.bestAccuracy()).isEqualTo(1.0);
    assertThat(roc.bestThreshold()).isEqualTo(0.8);
  }

  @Test
  void shouldCountTiesAsOneHalf() {
    // same-vs-different comparisons: 0.5~0.5 (1/2), 0.5>0.2, 0.7>0.5, 0.7>0.2: U = 3.5 of 4
    assertThat(Roc.of(pairs(new double[] {0.5, 0.7}, new double[] {0.5, 0.2})).auc()).isEqualTo(0.875);
    assertThat(Roc.of(pairs(new double[] {0.1}, new double[] {0.9})).auc()).isEqualTo(0.0);
  }

  @Test
  void shouldFindTheEqualErrorRateAndTheBestAccuracyByHand() {
    // scores in order: 0.1 d, 0.4 s, 0.5 d, 0.6 s, 0.7 d, 0.8 s, 0.9 s (4 same, 3 different)
    Roc roc = Roc.of(pairs(new double[] {0.4, 0.6, 0.8, 0.9}, new double[] {0.1, 0.5, 0.7}));
    assertThat(roc.auc()).isEqualTo(0.75); // 1 + 2 + 3 + 3 wins of 12
    // at t = 0.6: FRR = 1/4 (0.4), FAR = 1/3 (0.7): the closest pair of rates
    assertThat(roc.eerThreshold()).isEqualTo(0.6);
    assertThat(roc.eer()).isCloseTo((0.25 + 1.0 / 3) / 2, within(1e-12));
    // 5 of 7 right first at t = 0.4 (0.4, 0.6, 0.8, 0.9 accepted, 0.1 rejected)
    assertThat(roc.bestAccuracy()).isCloseTo(5.0 / 7, within(1e-12));
    assertThat(roc.bestThreshold()).isEqualTo(0.4);
  }

  @Test
  void shouldRefuseOneSidedInput() {
    assertThatThrownBy(() -> Roc.of(pairs(new double[] {0.4}, new double[0])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same and different");
    assertThatThrownBy(() -> Roc.of(pairs(new double[] {Double.NaN}, new double[] {0.1})))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
