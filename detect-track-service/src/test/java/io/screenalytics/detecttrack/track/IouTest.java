package io.screenalytics.detecttrack.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class IouTest {

  @Test
  void shouldAddOnePixelToEveryWidthAndHeight() {
    BBox a = new BBox(0, 0, 9, 9); // 10 x 10 with +1
    assertThat(Iou.iou(a, a)).isEqualTo(1.0);
    // iw = 9 - 5 + 1 = 5, ih = 10: 50 / (100 + 100 - 50)
    assertThat(Iou.iou(a, new BBox(5, 0, 14, 9))).isCloseTo(1.0 / 3, within(1e-15));
    // touching edges overlap by one "pixel" column: iw = 1, ih = 11 -> 11 / (121 + 121 - 11)
    assertThat(Iou.iou(new BBox(0, 0, 10, 10), new BBox(10, 0, 20, 10)))
        .isCloseTo(11.0 / 231, within(1e-15));
    // a gap of one: iw = 0, no overlap
    assertThat(Iou.iou(a, new BBox(10, 0, 19, 9))).isZero();
    assertThat(Iou.iou(a, new BBox(0, 20, 9, 29))).isZero();
  }

  @Test
  void shouldBuildDistanceAndFusedCost() {
    List<BBox> tracks = List.of(new BBox(0, 0, 9, 9));
    List<BBox> dets = List.of(new BBox(5, 0, 14, 9), new BBox(50, 50, 60, 60));
    double[][] cost = Iou.distance(tracks, dets);
    assertThat(cost[0][0]).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(cost[0][1]).isEqualTo(1.0);

    Iou.fuseScore(cost, new double[] {0.9, 0.5});
    assertThat(cost[0][0]).isCloseTo(1 - 0.9 / 3, within(1e-15));
    assertThat(cost[0][1]).isEqualTo(1.0);
  }
}
