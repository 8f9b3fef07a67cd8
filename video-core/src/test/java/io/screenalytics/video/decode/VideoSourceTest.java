package io.screenalytics.video.decode;

import static io.screenalytics.video.decode.TestMedia.HAMILTON;
import static io.screenalytics.video.decode.TestMedia.HAMILTON_FRAMES;
import static io.screenalytics.video.decode.TestMedia.SADTALKER_KATIE_HILL;
import static io.screenalytics.video.decode.TestMedia.hamiltonTs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class VideoSourceTest {

  @TempDir
  Path tmp;

  @Test
  void shouldDescribeTheHamiltonClipAsFfprobeDoes() {
    try (VideoSource video = VideoSource.open(TestMedia.video(HAMILTON).toString(), 1)) {
      VideoInfo info = video.info();

      assertThat(info.width()).isEqualTo(640);
      assertThat(info.height()).isEqualTo(360);
      assertThat(info.fps()).isCloseTo(29.97, within(1e-9));
      assertThat(info.codecName()).isEqualTo("h264");
      assertThat(info.formatName()).contains("mp4");
      assertThat(info.frameCountEstimate()).isEqualTo(HAMILTON_FRAMES);
      assertThat(info.durationSeconds()).isCloseTo(9.175843, within(1e-5));
      assertThat(info.startSeconds()).isCloseTo(hamiltonTs(0), within(1e-6));
      assertThat(info.rotationDegrees()).isZero();
    }
  }

  @Test
  void shouldDecodeEveryFrameWithTheStreamsOwnTimestamps() {
    List<Long> indices = new ArrayList<>();
    List<Double> timestamps = new ArrayList<>();
    try (VideoSource video = VideoSource.open(TestMedia.video(HAMILTON).toString(), 1)) {
      for (DecodedFrame f = video.nextFrame(); f != null; f = video.nextFrame()) {
        indices.add(f.frameIdx());
        timestamps.add(f.tsSeconds());
        assertThat(f.bgr().remaining()).isEqualTo(640 * 360 * 3);
      }

      assertThat(video.nextFrame()).as("stays at the end").isNull();
      assertThat(video.stats()).isEqualTo(new DecodeStats(HAMILTON_FRAMES, HAMILTON_FRAMES, HAMILTON_FRAMES,
          0, 0, 0));
      assertThat(video.warnings()).isEmpty();
    }

    assertThat(indices).hasSize(HAMILTON_FRAMES);
    for (int i = 0; i < indices.size(); i++) {
      assertThat(indices.get(i)).isEqualTo(i);
      assertThat(timestamps.get(i)).as("ts of frame %d", i).isCloseTo(hamiltonTs(i), within(1e-6));
    }
  }

  @Test
  void shouldDecodeTheLeadInWithoutConvertingIt() {
    try (VideoSource video = VideoSource.open(TestMedia.video(HAMILTON).toString(), 1)) {
      // When frames are wanted from frame 100's time on
      DecodedFrame f = video.nextFrameFrom(hamiltonTs(100));

      // Then frame 100 comes first, the 100 before it decoded but not converted, and frames go on from there
      assertThat(f.frameIdx()).isEqualTo(100);
      assertThat(f.tsSeconds()).isCloseTo(hamiltonTs(100), within(1e-6));
      assertThat(video.nextFrame().frameIdx()).isEqualTo(101);
      DecodeStats stats = video.stats();
      assertThat(stats.framesDecoded()).isEqualTo(102);
      assertThat(stats.framesConverted()).isEqualTo(2);
      assertThat(video.nextFrameFrom(1e9)).as("past the end").isNull();
    }
  }

  @Test
  void shouldConvertToTheSameBgrPixelsAsJavaCv() throws Exception {
    List<byte[]> reference = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(TestMedia.video(HAMILTON).toFile())) {
      grabber.setVideoOption("threads", "1");
      grabber.start();
      for (int i = 0; i < 8; i++) {
        Frame frame = grabber.grabImage();
        byte[] bgr = new byte[frame.imageWidth * frame.imageHeight * 3];
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        for (int y = 0; y < frame.imageHeight; y++) {
          buffer.position(y * frame.imageStride).get(bgr, y * frame.imageWidth * 3, frame.imageWidth * 3);
        }
        reference.add(bgr);
      }
    }

    try (VideoSource video = VideoSource.open(TestMedia.video(HAMILTON).toString(), 1)) {
      for (int i = 0; i < reference.size(); i++) {
        DecodedFrame frame = video.nextFrame();
        assertThat(frame.bgrCopy()).as("frame %d", i).isEqualTo(reference.get(i));
        assertThat(frame.bgr().isReadOnly()).isTrue();
      }
    }
  }

  @Test
  void shouldOpenFileUrisIncludingEscapedCharacters() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("a dir"));
    Path copy = Files.copy(TestMedia.video(HAMILTON), dir.resolve("clip #1.mp4"));

    try (VideoSource video = VideoSource.open(copy.toUri().toString(), 1)) {
      assertThat(video.info().width()).isEqualTo(640);
      assertThat(video.nextFrame().frameIdx()).isZero();
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX) // counts threads through /proc
  void shouldHonourTheDecoderThreadSetting() {
    assertThat(ffmpegThreadsWhileDecoding(1)).as("one thread: FFmpeg starts no worker threads").isZero();
    assertThat(ffmpegThreadsWhileDecoding(2)).as("two threads: FFmpeg's frame threads").isEqualTo(2);
  }

  @Test
  void shouldRejectAnUnreasonableThreadCount() {
    String path = TestMedia.video(HAMILTON).toString();

    assertThatThrownBy(() -> VideoSource.open(path, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReportDisplayRotationWithoutRotatingFrames() throws Exception {
    Path rotated = TestVideos.encode(tmp.resolve("rotated.mp4"),
        TestVideos.Spec.mp4(64, 48, 25, 5).withRotation(90), i -> TestVideos.flat(64, 48, 0, 0, 200));

    try (VideoSource video = VideoSource.open(rotated.toString(), 1)) {
      // ffprobe -show_entries stream_side_data=rotation reports 90 for this file too
      assertThat(video.info().rotationDegrees()).isEqualTo(90);
      DecodedFrame frame = video.nextFrame();
      assertThat(frame.width()).isEqualTo(64);
      assertThat(frame.height()).isEqualTo(48);
    }
  }

  @Test
  void shouldDecodeMpeg4Part2() {
    try (VideoSource video = VideoSource.open(TestMedia.video(SADTALKER_KATIE_HILL).toString(), 1)) {
      assertThat(video.info().codecName()).isEqualTo("mpeg4");
      assertThat(video.info().frameCountEstimate()).isEqualTo(200);
      assertThat(video.info().fps()).isEqualTo(25.0);
      DecodedFrame first = video.nextFrame();
      assertThat(first.width()).isEqualTo(512);
      assertThat(first.height()).isEqualTo(512);
      assertThat(first.tsSeconds()).isZero();
    }
  }

  /** Decodes a few frames and counts FFmpeg's codec threads ({@code av:<codec>:df<n>} on Linux) meanwhile. */
  private long ffmpegThreadsWhileDecoding(int threads) {
    try (VideoSource video = VideoSource.open(TestMedia.video(HAMILTON).toString(), threads)) {
      for (int i = 0; i < 5; i++) {
        video.nextFrame();
      }
      try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
        return tasks.map(VideoSourceTest::threadName).filter(name -> name.startsWith("av:h264")).count();
      } catch (IOException e) {
        throw new AssertionError("cannot list threads", e);
      }
    }
  }

  private static String threadName(Path task) {
    try {
      return Files.readString(task.resolve("comm")).strip();
    } catch (IOException e) {
      return ""; // the thread ended meanwhile
    }
  }
}
