package io.screenalytics.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class NmsTest {

  @Test
  void shouldComputeIouExactly() {
    float[] a = {0, 0, 10, 10};
    float[] b = {5, 0, 15, 10};
    assertThat(Nms.iou(a, b)).isCloseTo(50f / 150f, offset(1e-6f));
    assertThat(Nms.iou(a, a)).isEqualTo(1f);
    assertThat(Nms.iou(a, new float[] {20, 20, 30, 30})).isZero();
  }

  @Test
  void shouldKeepTheBestOfEachOverlappingGroupInScoreOrder() {
    // Given two clusters and one isolated box
    float[][] boxes = {
        {0, 0, 10, 10},     // 0: cluster A, 0.8
        {1, 1, 11, 11},     // 1: cluster A, 0.9 (IoU with 0 = 81/119 = 0.68)
        {100, 100, 120, 120}, // 2: alone, 0.5
        {5, 1, 15, 11},     // 3: 0.6, IoU with 1 = 60/140 = 0.43 > 0.3 -> suppressed
        {50, 50, 60, 60},   // 4: cluster B, 0.7
        {52, 50, 62, 60}};  // 5: cluster B, 0.95 (IoU with 4 = 80/120)
    float[] scores = {0.8f, 0.9f, 0.5f, 0.6f, 0.7f, 0.95f};

    assertThat(Nms.greedy(boxes, scores, 0.3f, 5000)).containsExactly(5, 1, 2);
    assertThat(Nms.greedy(boxes, scores, 0.5f, 5000)).containsExactly(5, 1, 3, 2);
    assertThat(Nms.greedy(boxes, scores, 0.7f, 5000)).containsExactly(5, 1, 0, 4, 3, 2);
    assertThat(Nms.greedy(boxes, scores, 0.3f, 2)).containsExactly(5, 1);
  }
}
