package io.screenalytics.video.decode;

import static io.screenalytics.video.decode.TestMedia.HAMILTON;
import static io.screenalytics.video.decode.TestMedia.SADTALKER_KATIE_HILL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A video decoded chunk by chunk (each chunk opened on its own, seeking to its first keyframe) yields exactly the
 * frames of one pass over the whole video: the same global frame_idx, ts and pixels, none twice, none missing.
 */
class ChunkedSamplingTest {

  @ParameterizedTest
  @CsvSource({
      // H.264, I/P only, 6 keyframes in 275 frames at 29.97 fps
      HAMILTON + ", 6, FAST_STRIDE, 2.0",
      HAMILTON + ", 6, EXACT_STRIDE, 2.0",
      HAMILTON + ", 5, FAST_STRIDE, 1.0",
      // MPEG-4 Part 2, a keyframe every 12 frames at 25 fps
      SADTALKER_KATIE_HILL + ", 6, FAST_STRIDE, 1.3",
      SADTALKER_KATIE_HILL + ", 6, EXACT_STRIDE, 2.0",
      SADTALKER_KATIE_HILL + ", 4, BIDIR_STRIDE, 0.5",
  })
  void shouldYieldTheFramesOfOnePassChunkByChunk(String video, int stride, SamplingPolicy policy,
      double chunkSeconds) {
    String location = TestMedia.video(video).toString();
    DecodeSettings settings = new DecodeSettings(stride, policy, 1);
    List<String> whole;
    long wholeDecoded;
    try (FrameSampler sampler = FrameSampler.open(location, settings)) {
      whole = describe(sampler);
      wholeDecoded = sampler.framesDecoded();
    }
    List<Long> keyframes = ChunkPlan.keyframeIndices(location);
    ChunkPlan plan;
    try (VideoSource source = VideoSource.open(location, 1)) {
      plan = ChunkPlan.plan(keyframes, source.info().fps(), chunkSeconds);
    }
    List<String> chunked = new ArrayList<>();
    long chunksDecoded = 0;
    for (ChunkPlan.Chunk chunk : plan.chunks()) {
      try (FrameSampler sampler = FrameSampler.openChunk(location, settings, chunk)) {
        chunked.addAll(describe(sampler));
        chunksDecoded += sampler.framesDecoded();
      }
    }

    assertThat(keyframes).first().isEqualTo(0L);
    assertThat(plan.chunks()).as("chunks of " + keyframes).hasSizeGreaterThan(2);
    assertThat(chunked).isEqualTo(whole);
    // each chunk decodes from its own keyframe, past its end by at most a stride: no chunk decodes from the start
    assertThat(chunksDecoded).as("frames decoded over all chunks").isLessThanOrEqualTo(
        wholeDecoded + (long) plan.chunks().size() * stride);
  }

  /** One line per sampled frame: frame_idx, ts and a CRC of its pixels. */
  private static List<String> describe(FrameSampler sampler) {
    List<String> lines = new ArrayList<>();
    while (sampler.hasNext()) {
      DecodedFrame f = sampler.next();
      CRC32 crc = new CRC32();
      ByteBuffer data = f.data();
      crc.update(data);
      lines.add(String.format(Locale.ROOT, "%d %.6f %08x", f.frameIdx(), f.tsSeconds(), crc.getValue()));
    }
    return lines;
  }
}
