package io.screenalytics.video.decode;

import static io.screenalytics.video.decode.TestMedia.HAMILTON;
import static io.screenalytics.video.decode.TestMedia.HAMILTON_FRAMES;
import static io.screenalytics.video.decode.TestMedia.hamiltonTs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.screenalytics.video.decode.DecodeWarning.Kind;
import io.screenalytics.video.decode.VideoDecodeException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bad input fails fast with a reason, or decodes what it can with warnings; nothing hangs. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BadInputTest {

  @TempDir
  Path tmp;

  @Test
  void shouldRejectAMissingFile() {
    assertRejected(tmp.resolve("no-such-episode.mp4").toString(), Reason.NOT_FOUND);
  }

  @Test
  void shouldRejectAnEmptyFile() throws Exception {
    Path empty = Files.createFile(tmp.resolve("empty.mp4"));

    assertRejected(empty.toString(), Reason.EMPTY_FILE);
  }

  @Test
  void shouldRejectAJpegRenamedToMp4AsNotAVideo() throws Exception {
    Path jpeg = Files.copy(TestMedia.face("face_recognition/examples/obama.jpg"), tmp.resolve("obama.mp4"));

    assertRejected(jpeg.toString(), Reason.NOT_A_VIDEO);
  }

  @Test
  void shouldRejectAPngAsNotAVideo() throws Exception {
    Path png = Files.copy(TestMedia.face("face_recognition/examples/lin-manuel-miranda.png"), tmp.resolve("lmm.png"));

    assertRejected(png.toString(), Reason.NOT_A_VIDEO);
  }

  @Test
  void shouldRejectTextFiles() throws Exception {
    String text = "episode notes\nnot a video at all\n".repeat(50);
    Path txt = Files.writeString(tmp.resolve("notes.txt"), text);
    Path fakeMp4 = Files.writeString(tmp.resolve("notes.mp4"), text);

    assertRejected(txt.toString(), Reason.NOT_A_VIDEO);
    assertRejected(fakeMp4.toString(), Reason.NOT_A_VIDEO);
  }

  @Test
  void shouldRejectAudioOnlyFiles() throws Exception {
    Path wav = Files.copy(TestMedia.audio(TestMedia.RADIO_WAV), tmp.resolve("speech.wav"));

    assertRejected(wav.toString(), Reason.NO_VIDEO_STREAM);
  }

  @Test
  void shouldRejectDirectoriesAndDevicesWithoutReadingThem() {
    assertRejected(tmp.toString(), Reason.UNREADABLE);
    assertRejected("/dev/zero", Reason.UNREADABLE);
  }

  @Test
  void shouldRejectRemoteLocations() {
    assertRejected("http://example.com/episode.mp4", Reason.INVALID_LOCATION);
    assertRejected("  ", Reason.INVALID_LOCATION);
  }

  @Test
  void shouldReportAnMp4TruncatedBeforeItsIndexAsTruncated() throws Exception {
    // the clip's index (moov) sits at the end of the file: 40 % of the bytes leave nothing decodable
    Path truncated = TestVideos.truncatedCopy(TestMedia.video(HAMILTON), tmp.resolve("cut.mp4"), 0.4);

    assertThatThrownBy(() -> VideoSource.open(truncated.toString(), 1))
        .isInstanceOfSatisfying(VideoDecodeException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
          assertThat(e.getMessage()).contains("mdat");
        });
  }

  @Test
  void shouldDecodeWhatPrecedesTheCutAndWarnWhenTheIndexSurvived() throws Exception {
    Path faststart = TestVideos.remuxFaststart(TestMedia.video(HAMILTON), tmp.resolve("faststart.mp4"));
    Path truncated = TestVideos.truncatedCopy(faststart, tmp.resolve("faststart-cut.mp4"), 0.4);

    try (FrameSampler sampler = FrameSampler.open(truncated.toString(), DecodeSettings.of(6, 1))) {
      List<DecodedFrame> frames = drain(sampler);

      assertThat(frames).hasSizeBetween(5, 30);
      assertThat(frames).allSatisfy(f -> assertThat(f.tsSeconds()).isCloseTo(hamiltonTs(f.frameIdx()), within(1e-6)));
      assertThat(sampler.stats().framesDecoded()).isLessThan(HAMILTON_FRAMES);
      assertThat(sampler.warnings()).extracting(DecodeWarning::kind).contains(Kind.TRUNCATED);
    }
  }

  @Test
  void shouldFailWhenTheIndexSurvivedButNoFrameDid() throws Exception {
    Path faststart = TestVideos.remuxFaststart(TestMedia.video(HAMILTON), tmp.resolve("faststart.mp4"));
    Path indexOnly = TestVideos.truncatedCopy(faststart, tmp.resolve("index-only.mp4"), 0.016);

    try (FrameSampler sampler = FrameSampler.open(indexOnly.toString(), DecodeSettings.of(6, 1))) {
      assertThatThrownBy(sampler::hasNext).isInstanceOfSatisfying(VideoDecodeException.class,
          e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
    }
  }

  @Test
  void shouldWarnWhenAContainerWithoutBoxesEndsEarly() throws Exception {
    Path mkv = TestVideos.encode(tmp.resolve("clip.mkv"), TestVideos.Spec.mp4(96, 64, 25, 250).as("matroska"),
        i -> TestVideos.indexPattern(96, 64, i % 256));
    Path truncated = TestVideos.truncatedCopy(mkv, tmp.resolve("clip-cut.mkv"), 0.5);

    try (VideoSource video = VideoSource.open(truncated.toString(), 1)) {
      int frames = 0;
      while (video.nextFrame() != null) {
        frames++;
      }

      assertThat(frames).isBetween(50, 200);
      assertThat(video.warnings()).extracting(DecodeWarning::kind).containsExactly(Kind.TRUNCATED);
    }
  }

  @Test
  void shouldSkipCountAndWarnAboutFramesThatFailMidStream() throws Exception {
    // 20 KB of noise in the middle of the media data: the decoder loses a run of frames
    Path corrupted = TestVideos.corruptedCopy(TestMedia.video(HAMILTON), tmp.resolve("noisy.mp4"), 300_000,
        20_000, 1);

    List<DecodedFrame> frames = new ArrayList<>();
    DecodeStats stats;
    List<DecodeWarning> warnings;
    try (FrameSampler sampler = FrameSampler.open(corrupted.toString(),
        new DecodeSettings(1, SamplingPolicy.EXACT_STRIDE, 1))) {
      frames = drain(sampler);
      stats = sampler.stats();
      warnings = sampler.warnings();
    }

    assertThat(stats.framesLost()).isPositive();
    assertThat(stats.framesDecoded() + stats.framesLost()).isEqualTo(HAMILTON_FRAMES);
    assertThat(frames).hasSize((int) stats.framesDecoded());
    assertThat(frames).as("indices stay on the stream's timeline across the gap")
        .allSatisfy(f -> assertThat(f.tsSeconds()).isCloseTo(hamiltonTs(f.frameIdx()), within(1e-6)));
    assertThat(frames.get(frames.size() - 1).frameIdx()).isEqualTo(HAMILTON_FRAMES - 1);
    assertThat(warnings).extracting(DecodeWarning::kind).contains(Kind.FRAMES_LOST);
  }

  @Test
  void shouldStillWarnAboutAMidStreamErrorWhenSkippingNonReferenceFrames() throws Exception {
    // fast_stride cannot tell lost frames from skipped ones, but the decoder flags the frames it concealed
    Path corrupted = TestVideos.corruptedCopy(TestMedia.video(HAMILTON), tmp.resolve("noisy-fast.mp4"), 300_000,
        20_000, 1);

    try (FrameSampler sampler = FrameSampler.open(corrupted.toString(),
        new DecodeSettings(6, SamplingPolicy.FAST_STRIDE, 1))) {
      List<DecodedFrame> frames = drain(sampler);

      assertThat(frames).hasSizeGreaterThan(40);
      assertThat(sampler.stats().framesLost()).isZero();
      assertThat(sampler.stats().framesDamaged()).isPositive();
      assertThat(sampler.warnings()).extracting(DecodeWarning::kind).contains(Kind.FRAME_DAMAGED);
    }
  }

  private static void assertRejected(String location, Reason reason) {
    assertThatThrownBy(() -> VideoSource.open(location, 1).close())
        .isInstanceOfSatisfying(VideoDecodeException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.location()).isEqualTo(location);
        });
  }

  private static List<DecodedFrame> drain(FrameSampler sampler) {
    List<DecodedFrame> frames = new ArrayList<>();
    sampler.forEachRemaining(frames::add);
    return frames;
  }
}
