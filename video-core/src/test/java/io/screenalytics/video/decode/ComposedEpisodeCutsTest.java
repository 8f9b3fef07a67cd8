package io.screenalytics.video.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scene cuts on episodes composed from the shared clips with the ffmpeg CLI (libx264 with B-frames, so the default
 * {@code fast_stride} skips frames): Katie Hill, the Hamilton clip (three cuts of its own), Bob Menendez, Alexandria
 * Ocasio-Cortez, Ed Markey, each trimmed to a known number of frames at 29.97 fps. True cuts: every concatenation
 * point and the Hamilton clip's cuts, shifted by where it starts. Every cut must land within one frame (the issue's
 * bound); every one lands on its exact frame today, so precision and recall are held at 1.
 */
class ComposedEpisodeCutsTest {

  private static final String[] CLIPS = {"sadtalker_WDA_KatieHill_000.mp4", TestMedia.HAMILTON,
      "sadtalker_WDA_BobMenendez_000.mp4", "sadtalker_WDA_AlexandriaOcasioCortez_000.mp4",
      "sadtalker_WDA_EdMarkey0_000.mp4"};
  private static final int[] FRAMES = {200, TestMedia.HAMILTON_FRAMES, 200, 200, 200};

  @TempDir
  Path dir;

  @Test
  void shouldFindEveryCutOfALetterboxedAndPillarboxedEpisodeOnItsFrame() throws Exception {
    // 640x480 canvas, pictures fitted into 640x360 and centred: the Hamilton clip letterboxed (60 px bars), the
    // square talking heads letter- and pillarboxed (360x360 in 640x480: 58 % of the frame is border)
    Path episode = compose("letterboxed.mp4",
        "scale=640:360:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,setsar=1");

    assertEveryCutFound(episode);
  }

  @Test
  void shouldFindEveryCutOfAnEpisodeWithoutBorders() throws Exception {
    Path episode = compose("plain.mp4", "scale=512:512,setsar=1");

    assertEveryCutFound(episode);
  }

  private static void assertEveryCutFound(Path episode) {
    List<Long> truth = truth();
    for (SamplingPolicy policy : List.of(SamplingPolicy.FAST_STRIDE, SamplingPolicy.EXACT_STRIDE)) {
      SceneCutTruthTest.Result r = SceneCutTruthTest.detect(episode.toString(), policy);
      CutScore score = CutScore.of(r.cutFrames(), truth, 1);
      assertThat(score.precision()).as("%s %s", policy, score).isEqualTo(1.0);
      assertThat(score.recall()).as("%s %s", policy, score).isEqualTo(1.0);
      assertThat(r.transitions()).as("no fades in a hard-cut episode").isEmpty();
    }
  }

  /** Concatenation points and the Hamilton clip's own cuts: 200, 220, 282, 411, 475, 675, 875. */
  static List<Long> truth() {
    List<Long> cuts = new ArrayList<>();
    long start = 0;
    for (int i = 0; i < CLIPS.length; i++) {
      if (i > 0) {
        cuts.add(start);
      }
      if (CLIPS[i].equals(TestMedia.HAMILTON)) {
        for (long c : TestMedia.HAMILTON_CUTS) {
          cuts.add(start + c);
        }
      }
      start += FRAMES[i];
    }
    return cuts;
  }

  private Path compose(String name, String fit) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
    StringBuilder graph = new StringBuilder();
    for (int i = 0; i < CLIPS.length; i++) {
      command.add("-i");
      command.add(TestMedia.video(CLIPS[i]).toString());
      graph.append(String.format("[%d:v]setpts=PTS-STARTPTS,fps=30000/1001,%s,trim=end_frame=%d[v%d];", i, fit,
          FRAMES[i], i));
    }
    for (int i = 0; i < CLIPS.length; i++) {
      graph.append("[v").append(i).append(']');
    }
    graph.append("concat=n=").append(CLIPS.length).append(":v=1:a=0,format=yuv420p[out]");
    Path out = dir.resolve(name);
    command.addAll(List.of("-filter_complex", graph.toString(), "-map", "[out]", "-c:v", "libx264", "-preset",
        "veryfast", "-threads", "1", out.toString()));
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return fail("the ffmpeg CLI (with libx264) is needed to compose the episode: " + e.getMessage());
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      return fail("ffmpeg failed: " + output);
    }
    return out;
  }
}
