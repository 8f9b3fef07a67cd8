package io.screenalytics.algorithms.roc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.screenalytics.algorithms.Reference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RocTest {

  private static Roc pairs(double[] same, double[] different) {
    return Roc.of(same, different);
  }

  @Test
  void shouldAgreeWithScikitLearn() {
    // Given seeded random scores (some rounded into ties) with sklearn's roc_auc_score and the EER and best
    // accuracy read off roc_curve (src/test/python/make_reference.py)
    List<JsonNode> cases = Reference.cases("roc.json");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(5);
    for (int c = 0; c < cases.size(); c++) {
      JsonNode k = cases.get(c);
      List<Roc.Scored> scored = new ArrayList<>();
      for (int i = 0; i < k.get("scores").size(); i++) {
        scored.add(new Roc.Scored(k.get("scores").get(i).asDouble(), k.get("same").get(i).asBoolean()));
      }
      // When
      Roc roc = Roc.of(scored);
      // Then
      assertThat(roc.auc()).as("case %d auc", c).isCloseTo(k.get("auc").asDouble(), within(1e-12));
      assertThat(roc.eer()).as("case %d eer", c).isCloseTo(k.get("eer").asDouble(), within(1e-12));
      assertThat(roc.eerThreshold()).as("case %d eer threshold", c).isEqualTo(k.get("eerThreshold").asDouble());
      assertThat(roc.bestAccuracy()).as("case %d accuracy", c)
          .isCloseTo(k.get("bestAccuracy").asDouble(), within(1e-12));
      assertThat(roc.bestThreshold()).as("case %d best threshold", c)
          .isEqualTo(Double.parseDouble(k.get("bestThreshold").asText()));
      assertThat(roc.positives() + roc.negatives()).isEqualTo(scored.size());
    }
  }

  @Test
  void shouldGiveAucOneAndNoErrorWhenSeparable() {
    Roc roc = pairs(new double[] {0.9, 0.8}, new double[] {0.1, 0.2, 0.3});
    assertThat(roc.auc()).isEqualTo(1.0);
    assertThat(roc.eer()).isEqualTo(0.0);
    assertThat(roc.bestAccuracy()).isEqualTo(1.0);
    assertThat(roc.bestThreshold()).isEqualTo(0.8);
  }

  @Test
  void shouldCountTiesAsOneHalf() {
    // same-vs-different comparisons: 0.5~0.5 (1/2), 0.5>0.2, 0.7>0.5, 0.7>0.2: U = 3.5 of 4
    assertThat(pairs(new double[] {0.5, 0.7}, new double[] {0.5, 0.2}).auc()).isEqualTo(0.875);
    assertThat(pairs(new double[] {0.1}, new double[] {0.9}).auc()).isEqualTo(0.0);
  }

  @Test
  void shouldFindTheEqualErrorRateAndTheBestAccuracyByHand() {
    // scores in order: 0.1 d, 0.4 s, 0.5 d, 0.6 s, 0.7 d, 0.8 s, 0.9 s (4 same, 3 different)
    Roc roc = pairs(new double[] {0.4, 0.6, 0.8, 0.9}, new double[] {0.1, 0.5, 0.7});
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
    assertThatThrownBy(() -> pairs(new double[] {0.4}, new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same and different");
    assertThatThrownBy(() -> pairs(new double[] {Double.NaN}, new double[] {0.1}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
