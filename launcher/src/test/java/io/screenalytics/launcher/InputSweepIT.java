package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole class of "an odd input corrupts native memory": tiny clips made with the ffmpeg CLI from a real
 * talking head, over frame sizes (every residue of width and height modulo 16, odd and even, and the common
 * broadcast and web sizes, 426x240 among them), pixel formats, codecs, containers, rotations, variable frame
 * rate, interlacing, one frame and zero frames, each pushed as an episode through the services of {@code run}
 * in this JVM (decode, scale, JPEG publish, detect, track, align, embed, assemble). Each one completes or fails
 * with a reason, and this JVM survives them all.
 *
 * <p>Failsafe runs this class in its own execution (and only there) under glibc's heap checker ({@code libc_malloc_debug.so},
 * {@code MALLOC_CHECK_=3}, {@code MALLOC_PERTURB_}), so a silent overflow of a native buffer aborts the run
 * instead of passing. The 426x240 case crashed the JVM before the decoder's BGR rows were padded (issue 12).
 *
 * <p>Inputs are 0.6 s of {@code sadtalker_WDA_KatieHill_000.mp4} (512x512, 25 fps, one face), scaled, pushed at
 * stride 2 so each gives about 8 sampled frames and tracks long enough to keep.
 */
class InputSweepIT {

  private static final Logger LOG = LoggerFactory.getLogger(InputSweepIT.class);
  private static final String SOURCE = "media/video/sadtalker_WDA_KatieHill_000.mp4";
  private static final int STRIDE = 2;

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  @TempDir
  static Path dir;

  private static PipelineFixture fixture;
  private static KafkaSettings kafka;

  /** What an input must end in. */
  enum Expect {
    /** COMPLETED, and faces were found in it (the face is large enough to detect). */
    FACES,
    /** COMPLETED; faces may or may not be found (tiny or distorted frames). */
    COMPLETES,
    /** COMPLETED or FAILED with a reason (a codec this FFmpeg build may not decode). */
    ENDS,
    /** FAILED, with the reason prefix given. */
    FAILS
  }

  /**
   * One generated input.
   *
   * @param id     episode id
   * @param file   file name (its extension chooses the container)
   * @param args   ffmpeg output options (codec, pixel format, filters), before the output path
   * @param expect the outcome required
   * @param reason reason prefix for {@link Expect#FAILS}
   */
  record Case(String id, String file, List<String> args, Expect expect, String reason) {
  }

  @BeforeAll
  static void start() {
    fixture = PipelineFixture.start(CLUSTER, dir.resolve("store"), Map.of(
        // the refusal of over-sized frames is exercised with a small limit instead of a huge file
        "decoder.max.source.pixels", Long.toString(3840L * 2160L)));
    kafka = fixture.kafka;
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  /** The inputs: about 60 frame sizes, then formats, codecs, containers and stream oddities. */
  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // every residue of the width and of the height modulo 16, odd sizes through 4:4:4 (4:2:0 needs even sizes)
    for (int r = 0; r < 16; r++) {
      cases.add(size(416 + r, 234 + (5 * r) % 16, Expect.FACES));
      cases.add(size(640 + (3 * r) % 16, 360 + r, Expect.FACES));
    }
    // the reported crashes and their neighbours
    for (int w : new int[] {422, 424, 426, 428, 432}) cases.add(size(w, 240, Expect.FACES));
    // common broadcast and web sizes
    int[][] common = {{176, 144}, {320, 240}, {480, 270}, {640, 360}, {854, 480}, {1024, 576}, {1280, 720},
        {1366, 768}, {1920, 1080}, {2560, 1440}, {3840, 2160}};
    for (int[] s : common) cases.add(size(s[0], s[1], s[0] >= 320 ? Expect.FACES : Expect.COMPLETES));
    cases.add(new Case("sar-1440x1080", "sar-1440x1080.mp4", List.of("-vf", "scale=1440:1080,setsar=4/3",
        "-c:v", "libx264", "-pix_fmt", "yuv420p"), Expect.FACES, null));
    // portrait, extreme aspect ratios, tiny frames
    for (int[] s : new int[][] {{240, 426}, {720, 1280}, {1000, 50}, {50, 1000}, {17, 9}, {32, 18}, {64, 64}}) {
      cases.add(size(s[0], s[1], s[0] >= 240 && s[1] >= 240 ? Expect.FACES : Expect.COMPLETES));
    }
    // over the limit set above: refused before decoding
    cases.add(new Case("oversize-4000x2200", "oversize.mkv", List.of("-vf", "scale=4000:2200", "-frames:v", "2",
        "-c:v", "ffv1"), Expect.FAILS, "frame_too_large"));
    // pixel formats
    cases.add(format("pix-yuvj420p", "mjpeg.avi", Expect.FACES, "-c:v", "mjpeg", "-pix_fmt", "yuvj420p"));
    cases.add(format("pix-yuv422p", "h264-422.mp4", Expect.FACES, "-c:v", "libx264", "-pix_fmt", "yuv422p"));
    cases.add(format("pix-yuv444p", "h264-444.mp4", Expect.FACES, "-c:v", "libx264", "-pix_fmt", "yuv444p"));
    cases.add(format("pix-10bit", "h264-10bit.mkv", Expect.ENDS, "-c:v", "libx264", "-pix_fmt", "yuv420p10le"));
    cases.add(format("pix-hevc-10bit", "hevc-10bit.mkv", Expect.FACES, "-c:v", "libx265", "-pix_fmt",
        "yuv420p10le", "-x265-params", "log-level=error"));
    cases.add(format("pix-gray", "gray.mkv", Expect.COMPLETES, "-c:v", "ffv1", "-pix_fmt", "gray"));
    cases.add(format("pix-rgb-ffv1", "rgb.mkv", Expect.FACES, "-c:v", "ffv1", "-pix_fmt", "bgr0"));
    cases.add(format("pix-rgb-png", "png.mov", Expect.FACES, "-c:v", "png", "-pix_fmt", "rgb24"));
    // codecs and containers
    cases.add(format("codec-h264-mov", "h264.mov", Expect.FACES, "-c:v", "libx264", "-pix_fmt", "yuv420p"));
    cases.add(format("codec-h264-ts", "h264.ts", Expect.FACES, "-c:v", "libx264", "-pix_fmt", "yuv420p"));
    cases.add(format("codec-hevc", "hevc.mp4", Expect.FACES, "-c:v", "libx265", "-pix_fmt", "yuv420p",
        "-x265-params", "log-level=error", "-tag:v", "hvc1"));
    cases.add(format("codec-vp8", "vp8.webm", Expect.FACES, "-c:v", "libvpx", "-b:v", "1M"));
    cases.add(format("codec-vp9", "vp9.webm", Expect.FACES, "-c:v", "libvpx-vp9", "-b:v", "1M", "-deadline",
        "realtime", "-cpu-used", "8"));
    cases.add(format("codec-av1", "av1.mkv", Expect.ENDS, "-c:v", "libsvtav1", "-preset", "12"));
    cases.add(format("codec-mpeg2-ts", "mpeg2.ts", Expect.FACES, "-c:v", "mpeg2video", "-q:v", "3"));
    cases.add(format("codec-mpeg4-avi", "mpeg4.avi", Expect.FACES, "-c:v", "mpeg4", "-q:v", "3"));
    cases.add(format("codec-prores", "prores.mov", Expect.FACES, "-c:v", "prores_ks", "-profile:v", "0"));
    cases.add(format("codec-ffv1-mkv", "ffv1.mkv", Expect.FACES, "-c:v", "ffv1"));
    // stream oddities
    for (int degrees : new int[] {90, 180, 270}) {
      cases.add(format("rotate-" + degrees, "rotate-" + degrees + ".mp4", Expect.FACES, "-c:v", "libx264",
          "-pix_fmt", "yuv420p", "-metadata:s:v:0", "rotate=" + degrees));
    }
    cases.add(format("vfr", "vfr.mkv", Expect.FACES, "-vf", "select='not(eq(mod(n\\,3)\\,1))'", "-fps_mode", "vfr",
        "-c:v", "libx264", "-pix_fmt", "yuv420p"));
    cases.add(format("interlaced", "interlaced.ts", Expect.FACES, "-vf", "scale=720:576,tinterlace=interleave_top",
        "-flags", "+ilme+ildct", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-x264opts", "tff=1"));
    cases.add(format("one-frame", "one-frame.mp4", Expect.ENDS, "-frames:v", "1", "-c:v", "libx264", "-pix_fmt",
        "yuv420p"));
    cases.add(format("zero-frames", "zero-frames.mp4", Expect.FAILS, "-frames:v", "0", "-c:v", "libx264"));
    Map<String, Case> unique = new LinkedHashMap<>(); // a size listed twice is one episode
    cases.forEach(c -> unique.putIfAbsent(c.id(), c));
    return List.copyOf(unique.values());
  }

  private static Case size(int width, int height, Expect expect) {
    boolean even = width % 2 == 0 && height % 2 == 0;
    List<String> args = List.of("-vf", "scale=" + width + ":" + height + ",setsar=1", "-c:v", "libx264",
        "-pix_fmt", even ? "yuv420p" : "yuv444p");
    return new Case("size-" + width + "x" + height, "size-" + width + "x" + height + ".mp4", args, expect, null);
  }

  private static Case format(String id, String file, Expect expect, String... args) {
    return new Case(id, file, List.of(args), expect, expect == Expect.FAILS ? "" : null);
  }

  @Test
  void shouldCompleteOrFailWithAReasonForEveryInputAndSurviveThemAll() throws Exception {
    // Given, in the heap-checked execution, glibc's checking allocator really loaded into this JVM
    if (System.getenv("MALLOC_CHECK_") != null) {
      String maps = Files.readString(Path.of("/proc/self/maps"));
      assertThat(maps).as("libc_malloc_debug preloaded (LD_PRELOAD=%s)", System.getenv("LD_PRELOAD"))
          .contains("libc_malloc_debug");
      LOG.info("heap checker on: MALLOC_CHECK_={}, MALLOC_PERTURB_={}", System.getenv("MALLOC_CHECK_"),
          System.getenv("MALLOC_PERTURB_"));
    }
    // and the inputs, made with the ffmpeg CLI
    List<Case> cases = cases();
    Map<String, Path> files = new LinkedHashMap<>();
    long g0 = System.nanoTime();
    for (Case c : cases) files.put(c.id(), make(c));
    LOG.info("made {} inputs in {} s", files.size(), (System.nanoTime() - g0) / 1_000_000_000);

    // When they are all pushed at once
    Map<String, EpisodeStatus> ends = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    try (Ingestor ingestor = new Ingestor(kafka); StatusWatcher watcher = new StatusWatcher(kafka)) {
      for (Case c : cases) ingestor.push(c.id(), files.get(c.id()).toString(), null, STRIDE);
      for (Case c : cases) {
        ends.put(c.id(), watcher.awaitWhileProgressing(c.id(), s -> { })
            .orElseThrow(() -> new AssertionError("no end for " + c.id() + "; ended so far: " + ends.size())));
      }
    }
    LOG.info("{} episodes ended in {} s", ends.size(), (System.nanoTime() - t0) / 1_000_000_000);

    // Then each ended as expected, with a reason when it failed, and this JVM is still here to say so
    Map<String, Long> outcomes = new LinkedHashMap<>();
    for (Case c : cases) {
      EpisodeStatus end = ends.get(c.id());
      String outcome = end.getState() == EpisodeState.FAILED ? "failed " + end.getReason().split(":")[0]
          : faces(end) > 0 ? "completed with faces" : "completed without faces";
      outcomes.merge(outcome, 1L, Long::sum);
      LOG.info("{}: {} ({})", c.id(), outcome, end.getState() == EpisodeState.FAILED ? end.getReason()
          : String.format(Locale.ROOT, "%.0f frames, %.0f faces", end.getCounters().get("frames"), faces(end)));
      switch (c.expect()) {
        case FACES -> {
          assertThat(end.getState()).as(c.id() + ": " + end.getReason()).isEqualTo(EpisodeState.COMPLETED);
          assertThat(faces(end)).as(c.id() + " faces").isPositive();
        }
        case COMPLETES -> assertThat(end.getState()).as(c.id() + ": " + end.getReason())
            .isEqualTo(EpisodeState.COMPLETED);
        case ENDS -> {
          if (end.getState() == EpisodeState.FAILED) {
            assertThat(end.getReason()).as(c.id()).matches("[a-z_]+: .+");
          } else {
            assertThat(end.getState()).as(c.id()).isIn(EpisodeState.COMPLETED, EpisodeState.COMPLETED_WITH_WARNINGS);
          }
        }
        case FAILS -> {
          assertThat(end.getState()).as(c.id()).isEqualTo(EpisodeState.FAILED);
          assertThat(end.getReason()).as(c.id()).matches("[a-z_]+: .+").startsWith(c.reason());
        }
        default -> throw new IllegalStateException();
      }
    }
    LOG.info("input sweep: {} inputs: {}", cases.size(), outcomes);
    assertThat(cases).hasSizeGreaterThanOrEqualTo(80);
    assertThat(outcomes.keySet()).anyMatch(o -> o.startsWith("failed"));
  }

  private static double faces(EpisodeStatus end) {
    Map<String, Double> c = end.getCounters();
    return c.getOrDefault("faces", 0.0) + c.getOrDefault("faces_of_dropped_tracks", 0.0);
  }

  /** Encodes 0.6 s of the talking head with the case's options (cached under target/ between runs). */
  private static Path make(Case c) throws IOException, InterruptedException {
    Path cache = Path.of("target", "input-sweep");
    Files.createDirectories(cache);
    Path out = cache.resolve(c.file());
    if (Files.isRegularFile(out) && Files.size(out) > 0) return out;
    Path source = Path.of(System.getProperty("screenalytics.shared", "../../shared")).resolve(SOURCE);
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i",
        source.toString(), "-t", "0.6", "-an"));
    command.addAll(c.args());
    Path partial = cache.resolve("partial-" + c.file());
    command.add(partial.toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(cache.resolve(c.id() + ".log").toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new AssertionError("ffmpeg could not make " + c.id() + ": " + Files.readString(cache.resolve(c.id() + ".log")));
    }
    Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return out;
  }
}
