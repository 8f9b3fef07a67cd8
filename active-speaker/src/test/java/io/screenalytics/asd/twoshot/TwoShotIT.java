package io.screenalytics.asd.twoshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.asd.frontend.FaceCrops;
import io.screenalytics.asd.frontend.Mfcc;
import io.screenalytics.asd.frontend.TrackBox;
import io.screenalytics.asd.model.LightAsd;
import io.screenalytics.asd.model.Scoring;
import io.screenalytics.asd.model.SpeakingScores;
import io.screenalytics.asd.testing.AsdData;
import io.screenalytics.asd.testing.TwoShots;
import io.screenalytics.vision.detect.DetectorSettings;
import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.detect.FaceDetectors;
import io.screenalytics.vision.detect.OnnxFaceDetector;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelKind;
import io.screenalytics.vision.model.ModelSpec;
import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.voice.audio.AudioClip;
import io.screenalytics.voice.audio.AudioDecoder;
import io.screenalytics.voice.model.SileroVad;
import io.screenalytics.voice.speech.SpeechDetector;
import io.screenalytics.voice.speech.SpeechRegion;
import io.screenalytics.voice.testing.VoiceData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A composed two-shot ({@link TwoShots}, made with the {@code ffmpeg} command): Katie Hill (left) and Bob Menendez (right), two
 * shared talking heads side by side at 25 fps, taking turns of {@value #TURN_S} s (Katie, Bob, Katie, Bob); the one
 * not speaking is a still picture of itself (its first frame looped); the audio is the speaking one's own track.
 *
 * <p>Both faces are tracked by YuNet on every frame (the larger face of each half), cropped and scored over the
 * whole 16 s by Light-ASD in one pass. Speech is Silero VAD's (the pipeline's {@link SpeechDetector#DEFAULT}); a
 * speech frame is attributed to the face with the highest logit when that logit is {@code >= 0}. Each turn's share
 * of speech frames attributed to its speaking face must reach 80 % (the goal), both ways round.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoShotIT {

  private static final Logger LOG = LoggerFactory.getLogger(TwoShotIT.class);
  private static final int TURN_S = TwoShots.TURN_S;
  private static final int TURNS = TwoShots.TURNS;
  private static final int SIDE = TwoShots.SIDE;

  private byte[][] left;
  private byte[][] right;
  private float[] mfcc;
  private boolean[] speech;

  @BeforeAll
  void compose(@TempDir Path dir) throws Exception {
    Path video = TwoShots.compose(dir);
    List<BgrImage> frames = AsdData.frames(video, 2 * SIDE, SIDE);
    assertThat(frames).hasSize(TURNS * TURN_S * LightAsd.FPS);
    List<List<TrackBox>> tracks = track(frames);
    left = FaceCrops.track(frames, tracks.get(0));
    right = FaceCrops.track(frames, tracks.get(1));
    AudioClip audio = AudioDecoder.decode(video.toString());
    mfcc = new Mfcc().compute(Mfcc.pcm16(audio.samples()));
    speech = speechFrames(audio, frames.size());
  }

  @Test
  void shouldPutEachTurnsSpeechOnTheSpeakingFace() {
    // When both faces are scored by the default model with the default scoring (one pass)
    List<Double> shares = shares(LightAsd.DEFAULT_MODEL, LightAsd.DEFAULT_SCORING);

    // Then each turn's speech lands on its own speaker's face
    for (int turn = 0; turn < TURNS; turn++) {
      assertThat(shares.get(turn)).as("turn %d (%s speaking)", turn, turn % 2 == 0 ? "Katie" : "Bob")
          .isGreaterThanOrEqualTo(0.80);
    }
  }

  /** The figures behind the choice of model (docs/active-speaker.md): run with {@code -Dasd.compare=true}. */
  @Test
  @EnabledIfSystemProperty(named = "asd.compare", matches = "true")
  void compareModelsAndScorings() {
    for (ModelSpec model : ModelCatalog.of(ModelKind.ACTIVE_SPEAKER)) {
      for (Scoring scoring : Scoring.values()) shares(model, scoring);
    }
  }

  /** Each turn's share of speech on the speaking face, logged. */
  private List<Double> shares(ModelSpec model, Scoring scoring) {
    try (LightAsd asd = LightAsd.open(VoiceData.models(), model, SessionSettings.cpu(2))) {
      SpeakingScores katie = asd.score(mfcc, left, scoring);
      SpeakingScores bob = asd.score(mfcc, right, scoring);
      List<Double> shares = new ArrayList<>();
      for (int turn = 0; turn < TURNS; turn++) {
        boolean katieSpeaks = turn % 2 == 0;
        shares.add(share(katieSpeaks ? katie : bob, katieSpeaks ? bob : katie, turn));
      }
      LOG.info("two-shot, {} {}: share of each turn's speech on the speaking face {}; speaking share of the whole"
          + " track Katie {} Bob {}", model.name(), scoring, shares.stream().map(v -> String.format("%.3f", v)).toList(),
          String.format("%.3f", katie.speakingShare()), String.format("%.3f", bob.speakingShare()));
      return shares;
    }
  }

  /** Share of the turn's speech frames where the speaker's logit is >= 0 and above the other face's. */
  private double share(SpeakingScores speaker, SpeakingScores other, int turn) {
    int from = turn * TURN_S * LightAsd.FPS;
    int to = Math.min(speaker.frames(), from + TURN_S * LightAsd.FPS);
    int speechFrames = 0;
    int onSpeaker = 0;
    for (int i = from; i < to; i++) {
      if (!speech[i]) continue;
      speechFrames++;
      if (speaker.logits()[i] >= 0 && speaker.logits()[i] > other.logits()[i]) onSpeaker++;
    }
    assertThat(speechFrames).as("speech frames in turn %d", turn).isGreaterThan(TURN_S * LightAsd.FPS / 2);
    return onSpeaker / (double) speechFrames;
  }

  /** Silero VAD's speech regions as a flag per video frame (its centre inside a region). */
  private static boolean[] speechFrames(AudioClip audio, int frames) {
    float[] probabilities;
    try (SileroVad vad = SileroVad.open(VoiceData.models())) {
      vad.accept(audio.samples(), 0, audio.samples().length);
      probabilities = vad.finish();
    }
    List<SpeechRegion> regions = SpeechDetector.DEFAULT.regions(probabilities, SileroVad.CHUNK_SECONDS, audio.seconds());
    boolean[] out = new boolean[frames];
    for (int i = 0; i < frames; i++) {
      double t = (i + 0.5) / LightAsd.FPS;
      for (SpeechRegion r : regions) out[i] |= t >= r.start() && t < r.end();
    }
    return out;
  }

  /** YuNet on every frame; per half, the largest face (the previous frame's box where none is found). */
  private static List<List<TrackBox>> track(List<BgrImage> frames) {
    List<TrackBox> l = new ArrayList<>();
    List<TrackBox> r = new ArrayList<>();
    try (OnnxFaceDetector yunet = FaceDetectors.open("yunet_s_dynamic", VoiceData.models(),
        DetectorSettings.defaults(), SessionSettings.cpu(2))) {
      for (BgrImage frame : frames) {
        Detection bestL = null;
        Detection bestR = null;
        for (Detection d : yunet.detect(frame)) {
          boolean isLeft = (d.bboxXyxy()[0] + d.bboxXyxy()[2]) / 2 < SIDE;
          if (isLeft && (bestL == null || d.area() > bestL.area())) bestL = d;
          if (!isLeft && (bestR == null || d.area() > bestR.area())) bestR = d;
        }
        l.add(bestL != null ? TrackBox.of(bestL) : l.get(l.size() - 1));
        r.add(bestR != null ? TrackBox.of(bestR) : r.get(r.size() - 1));
      }
    }
    return List.of(l, r);
  }
}
