package io.screenalytics.video.decode;

import static io.screenalytics.video.decode.SamplingPolicy.EXACT_STRIDE;
import static io.screenalytics.video.decode.SamplingPolicy.FAST_STRIDE;
import static io.screenalytics.video.decode.TestMedia.FACENET_1080P;
import static io.screenalytics.video.decode.TestMedia.HAMILTON;
import static io.screenalytics.video.decode.TestMedia.HAMILTON_FRAMES;
import static io.screenalytics.video.decode.TestMedia.SADTALKER_KATIE_HILL;
import static io.screenalytics.video.decode.TestMedia.hamiltonTs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameSamplerTest {

  @TempDir
  Path tmp;

  @Test
  void shouldSampleEverySixthHamiltonFrameExactly() {
    List<DecodedFrame> frames;
    DecodeStats stats;
    try (FrameSampler sampler = open(HAMILTON, 6, EXACT_STRIDE)) {
      frames = drain(sampler);
      stats = sampler.stats();
      assertThat(sampler.warnings()).isEmpty();
    }

    assertThat(frames).hasSize(46); // frames 0, 6, ..., 270 of 275
    double previousTs = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < frames.size(); k++) {
      DecodedFrame frame = frames.get(k);
      assertThat(frame.frameIdx()).isEqualTo(6L * k);
      assertThat(frame.tsSeconds()).isGreaterThan(previousTs).isCloseTo(hamiltonTs(6L * k), within(1e-6));
      assertThat(frame.width()).isEqualTo(640);
      assertThat(frame.height()).isEqualTo(360);
      assertThat(frame.bgr().remaining()).isEqualTo(640 * 360 * 3);
      previousTs = frame.tsSeconds();
    }
    assertThat(stats).isEqualTo(new DecodeStats(HAMILTON_FRAMES, 46, 46, 0, 0, 0));
  }

  @Test
  void shouldSampleAnMpeg4Part2Clip() {
    List<DecodedFrame> frames;
    try (FrameSampler sampler = open(SADTALKER_KATIE_HILL, 6, EXACT_STRIDE)) {
      frames = drain(sampler);
      assertThat(sampler.framesDecoded()).isEqualTo(200);
      assertThat(sampler.framesSampled()).isEqualTo(34);
    }

    assertThat(frames).hasSize(34).allSatisfy(frame -> {
      assertThat(frame.width()).isEqualTo(512);
      assertThat(frame.height()).isEqualTo(512);
      assertThat(frame.frameIdx() % 6).isZero();
      assertThat(frame.tsSeconds()).isCloseTo(frame.frameIdx() / 25.0, within(1e-9));
    });
  }

  @Test
  void shouldPickTheNearestDecodedFrameWithItsTrueIndexWhenSkippingNonReferenceFrames() throws Exception {
    int frames = 120;
    Path clip = TestVideos.encode(tmp.resolve("bframes.mp4"),
        TestVideos.Spec.mp4(192, 144, 25, frames).withBFrames(2), i -> TestVideos.indexPattern(192, 144, i));
    List<Long> decodedByFastDecoder = decodedIndices(clip, FAST_STRIDE);
    assertThat(decodedByFastDecoder).as("B-frames are skipped").hasSizeLessThan(frames / 2);

    List<DecodedFrame> picked;
    try (FrameSampler sampler = FrameSampler.open(clip.toString(), new DecodeSettings(6, FAST_STRIDE, 1))) {
      picked = drain(sampler);
      assertThat(sampler.framesDecoded()).isEqualTo(decodedByFastDecoder.size());
    }

    assertThat(picked).extracting(DecodedFrame::frameIdx).containsExactlyElementsOf(
        expectedNearestPicks(decodedByFastDecoder, 6));
    for (DecodedFrame frame : picked) {
      assertThat(TestVideos.readIndexPattern(frame)).as("index drawn into the frame").isEqualTo(frame.frameIdx());
      assertThat(frame.tsSeconds()).isCloseTo(frame.frameIdx() / 25.0, within(1e-6));
    }
  }

  @Test
  void shouldPickTrueFramesFromRealH264WithBFrames() {
    Map<Long, Long> exactCrcByIndex = new LinkedHashMap<>();
    Map<Long, Double> exactTsByIndex = new LinkedHashMap<>();
    try (FrameSampler all = open(FACENET_1080P, 1, EXACT_STRIDE)) {
      while (all.hasNext()) {
        DecodedFrame frame = all.next();
        exactCrcByIndex.put(frame.frameIdx(), crc(frame));
        exactTsByIndex.put(frame.frameIdx(), frame.tsSeconds());
      }
    }
    assertThat(exactCrcByIndex).hasSize(105);
    List<Long> decodedByFastDecoder = decodedIndices(TestMedia.video(FACENET_1080P), FAST_STRIDE);

    try (FrameSampler sampler = open(FACENET_1080P, 6, FAST_STRIDE)) {
      List<Long> pickedIndices = new ArrayList<>();
      while (sampler.hasNext()) {
        DecodedFrame frame = sampler.next();
        pickedIndices.add(frame.frameIdx());
        assertThat(crc(frame)).as("pixels of frame %d", frame.frameIdx())
            .isEqualTo(exactCrcByIndex.get(frame.frameIdx()));
        assertThat(frame.tsSeconds()).isEqualTo(exactTsByIndex.get(frame.frameIdx()));
      }
      assertThat(pickedIndices).containsExactlyElementsOf(expectedNearestPicks(decodedByFastDecoder, 6));
      assertThat(sampler.framesDecoded()).isLessThan(105);
      assertThat(sampler.stats().framesLost()).as("skipped frames are not losses").isZero();
    }
  }

  @Test
  void shouldGiveTheExactFramesWhenEveryFrameIsAReference() {
    List<DecodedFrame> exact;
    List<DecodedFrame> fast;
    try (FrameSampler sampler = open(HAMILTON, 6, EXACT_STRIDE)) {
      exact = drain(sampler);
    }
    try (FrameSampler sampler = open(HAMILTON, 6, FAST_STRIDE)) {
      fast = drain(sampler);
      assertThat(sampler.framesDecoded()).as("I/P only: nothing to skip").isEqualTo(HAMILTON_FRAMES);
    }

    // plus frame 274 as the nearest frame to stride point 276, just past the end
    assertThat(fast).hasSize(exact.size() + 1);
    assertThat(fast.get(exact.size()).frameIdx()).isEqualTo(274);
    for (int i = 0; i < exact.size(); i++) {
      assertThat(fast.get(i).frameIdx()).isEqualTo(exact.get(i).frameIdx());
      assertThat(fast.get(i).bgrCopy()).isEqualTo(exact.get(i).bgrCopy());
    }
  }

  @Test
  void shouldScaleKeptFramesDownWhileConvertingThemAndKeepTheSourceSize() {
    List<DecodedFrame> full;
    List<DecodedFrame> scaled;
    try (FrameSampler sampler = open(FACENET_1080P, 35, EXACT_STRIDE)) {
      full = drain(sampler);
    }
    try (FrameSampler sampler = FrameSampler.open(TestMedia.video(FACENET_1080P).toString(),
        new DecodeSettings(35, EXACT_STRIDE, 1, 1280))) {
      scaled = drain(sampler);
    }

    assertThat(scaled).extracting(DecodedFrame::frameIdx).containsExactly(0L, 35L, 70L);
    assertThat(scaled).allSatisfy(f -> {
      assertThat(List.of(f.width(), f.height(), f.sourceWidth(), f.sourceHeight()))
          .containsExactly(1280, 720, 1920, 1080);
    });
    for (int i = 0; i < full.size(); i++) {
      // the same picture: the scaled frame against the full one at the matching points of a coarse grid
      assertThat(meanAbsDifference(full.get(i), scaled.get(i))).as("frame %d", full.get(i).frameIdx())
          .isLessThan(6.0);
    }
    assertThat(DecodeSettings.fitWithin(1920, 1080, 0)).containsExactly(1920, 1080);
    assertThat(DecodeSettings.fitWithin(1080, 1920, 1280)).containsExactly(720, 1280);
    assertThat(DecodeSettings.fitWithin(640, 360, 1280)).containsExactly(640, 360);
    assertThatThrownBy(() -> new DecodeSettings(6, EXACT_STRIDE, 1, 8)).hasMessageContaining("maxLongSide");
  }

  /** Mean absolute difference per channel between a frame and a scaled copy, sampled at matching points. */
  private static double meanAbsDifference(DecodedFrame full, DecodedFrame scaled) {
    byte[] a = full.bgrCopy();
    byte[] b = scaled.bgrCopy();
    double sum = 0;
    int n = 0;
    for (int y = 0; y < scaled.height(); y += 8) {
      for (int x = 0; x < scaled.width(); x += 8) {
        int fx = (int) ((x + 0.5) * full.width() / scaled.width());
        int fy = (int) ((y + 0.5) * full.height() / scaled.height());
        for (int c = 0; c < 3; c++) {
          sum += Math.abs((a[(fy * full.width() + fx) * 3 + c] & 0xff) - (b[(y * scaled.width() + x) * 3 + c] & 0xff));
          n++;
        }
      }
    }
    return sum / n;
  }

  @Test
  void shouldThrowNoSuchElementAtTheEnd() {
    try (FrameSampler sampler = open(HAMILTON, 100, EXACT_STRIDE)) {
      assertThat(drain(sampler)).extracting(DecodedFrame::frameIdx).containsExactly(0L, 100L, 200L);
      assertThat(sampler.hasNext()).isFalse();
      assertThatThrownBy(sampler::next).isInstanceOf(NoSuchElementException.class);
    }
  }

  @Test
  void shouldReportEveryInvalidSettingAtOnce() {
    assertThatThrownBy(() -> new DecodeSettings(0, null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stride").hasMessageContaining("policy").hasMessageContaining("decoderThreads");
  }

  /** For each stride point, the nearest decoded frame among those nearest to that point (earlier on ties). */
  static List<Long> expectedNearestPicks(List<Long> decoded, int stride) {
    Map<Long, Long> bestByPoint = new TreeMap<>();
    for (long idx : decoded) {
      long below = idx / stride * stride;
      long above = below + stride;
      long point = idx - below <= above - idx ? below : above;
      Long best = bestByPoint.get(point);
      if (best == null || Math.abs(idx - point) < Math.abs(best - point)) {
        bestByPoint.put(point, idx);
      }
    }
    return new ArrayList<>(bestByPoint.values());
  }

  /** Indices of every frame the decoder produces under a policy, without converting any. */
  static List<Long> decodedIndices(Path clip, SamplingPolicy policy) {
    List<Long> indices = new ArrayList<>();
    try (VideoSource source = VideoSource.open(clip.toString(), 1, policy)) {
      while (source.advance()) {
        indices.add(source.currentFrameIndex());
      }
    }
    return indices;
  }

  private static FrameSampler open(String video, int stride, SamplingPolicy policy) {
    return FrameSampler.open(TestMedia.video(video).toString(), new DecodeSettings(stride, policy, 1));
  }

  private static List<DecodedFrame> drain(FrameSampler sampler) {
    List<DecodedFrame> frames = new ArrayList<>();
    sampler.forEachRemaining(frames::add);
    return frames;
  }

  private static long crc(DecodedFrame frame) {
    CRC32 crc = new CRC32();
    crc.update(frame.bgr());
    return crc.getValue();
  }
}
