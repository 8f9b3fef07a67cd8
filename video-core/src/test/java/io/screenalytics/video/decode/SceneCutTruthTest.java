package io.screenalytics.video.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.video.decode.SceneCutDetector.Cut;
import io.screenalytics.video.decode.SceneCutDetector.Transition;
import io.screenalytics.video.decode.SceneCutDetector.TransitionKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scene cuts on the shared truth videos ({@code media/scenecuts/TRUTH.md}, the Hamilton clip), as the decoder service
 * finds them: every decoded frame fed to the detector while sampling at stride 6, with both policies. Each cut must
 * land within one frame of the truth (TRUTH.md's bound); decoding is deterministic for one FFmpeg build, and every
 * cut lands on its exact frame today, so precision and recall must both be 1: anything less is a regression.
 */
class SceneCutTruthTest {

  @ParameterizedTest
  @EnumSource(value = SamplingPolicy.class, names = {"FAST_STRIDE", "EXACT_STRIDE"})
  void shouldFindTheContentCutsOfTestVideoAndReportItsFadesApart(SamplingPolicy policy) {
    Result r = detect(TestMedia.sceneCutVideo("testvideo.mp4").toString(), policy);

    CutScore score = CutScore.of(r.cutFrames(), List.of(30L, 180L, 394L), 1);
    assertThat(score.precision()).as("%s", score).isEqualTo(1.0);
    assertThat(score.recall()).as("%s", score).isEqualTo(1.0);
    // the slideshow fades in and out of black three times each after its first picture (TRUTH.md: fade-ins end at
    // 217, 400; fade-outs start at 364, 697 by PySceneDetect's threshold of 8): two fade-ins, two fade-outs whose
    // black ends lie within the truth's black spans. No cut inside a fade: the one cut at a fade (394, a fade-out
    // from the deer, black, a fade-in to another picture) is the first lit frame of the fade-in, at most 2 frames
    // after its last black frame (fast_stride skips non-reference frames)
    assertThat(r.transitions()).extracting(Transition::kind).containsExactly(TransitionKind.FADE_IN,
        TransitionKind.FADE_OUT, TransitionKind.FADE_IN, TransitionKind.FADE_OUT);
    assertThat(r.transitions().get(0).startFrameIdx()).isBetween(205L, 217L);
    assertThat(r.transitions().get(2).startFrameIdx()).isBetween(364L, 400L);
    for (Transition t : r.transitions()) {
      long firstInside = t.kind() == TransitionKind.FADE_IN ? t.startFrameIdx() + 3 : t.startFrameIdx();
      assertThat(r.cutFrames()).as("%s", t).noneMatch(c -> c >= firstInside && c <= t.endFrameIdx());
    }
  }

  @ParameterizedTest
  @EnumSource(value = SamplingPolicy.class, names = {"FAST_STRIDE", "EXACT_STRIDE"})
  void shouldFindNoCutOnFadesButItsFades(SamplingPolicy policy) {
    Result r = detect(TestMedia.sceneCutVideo("fades.mp4").toString(), policy);

    assertThat(r.cutFrames()).isEmpty();
    // TRUTH.md: a fade detector reports fades at 84 and 167 (the fade-ins out of black)
    assertThat(r.transitions()).filteredOn(t -> t.kind() == TransitionKind.FADE_IN)
        .extracting(Transition::startFrameIdx).contains(84L, 167L);
  }

  @ParameterizedTest
  @EnumSource(value = SamplingPolicy.class, names = {"FAST_STRIDE", "EXACT_STRIDE"})
  void shouldPlaceTheCounterStepsOnTheirOwnFrames(SamplingPolicy policy) {
    Result r = detect(TestMedia.sceneCutVideo("counter.mp4").toString(), policy);

    // an off-by-one check: exact frames, and ts is the frame's own (10 fps, starting at 0)
    assertThat(r.cutFrames()).containsExactly(10L, 20L);
    assertThat(r.cuts()).extracting(Cut::ts).containsExactly(1.0, 2.0);
  }

  @ParameterizedTest
  @EnumSource(value = SamplingPolicy.class, names = {"FAST_STRIDE", "EXACT_STRIDE"})
  void shouldFindTheHamiltonCutsOnTheirFirstFramesAndTimes(SamplingPolicy policy) {
    Result r = detect(TestMedia.video(TestMedia.HAMILTON).toString(), policy);

    assertThat(r.cutFrames()).containsExactly(TestMedia.HAMILTON_CUTS[0], TestMedia.HAMILTON_CUTS[1],
        TestMedia.HAMILTON_CUTS[2]);
    for (Cut c : r.cuts()) {
      assertThat(c.ts()).isCloseTo(TestMedia.hamiltonTs(c.frameIdx()), org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  record Result(List<Cut> cuts, List<Transition> transitions, List<Long> flaggedSampledFrames) {
    List<Long> cutFrames() {
      return cuts.stream().map(Cut::frameIdx).toList();
    }
  }

  /** Samples at stride 6 as the service does, collecting cuts as they are handed out with the sampled frames. */
  static Result detect(String location, SamplingPolicy policy) {
    SceneCutDetector detector = new SceneCutDetector();
    List<Cut> cuts = new ArrayList<>();
    List<Long> flagged = new ArrayList<>();
    try (FrameSampler sampler = FrameSampler.open(location, new DecodeSettings(6, policy, 1)).detectCuts(detector)) {
      while (sampler.hasNext()) {
        DecodedFrame f = sampler.next();
        List<Cut> before = detector.takeCutsThrough(f.frameIdx());
        if (!before.isEmpty()) {
          flagged.add(f.frameIdx());
        }
        cuts.addAll(before);
      }
    }
    // every cut was handed out with a sampled frame at or after it, none was lost
    assertThat(cuts).isEqualTo(detector.cuts());
    return new Result(cuts, detector.transitions(), flagged);
  }
}
