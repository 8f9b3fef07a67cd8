package io.screenalytics.asd.twoshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.asd.frontend.FaceCrops;
import io.screenalytics.asd.frontend.Mfcc;
import io.screenalytics.asd.frontend.TrackBox;
import io.screenalytics.asd.model.LightAsd;
import io.screenalytics.asd.model.Scoring;
import io.screenalytics.asd.model.SpeakingScores;
import io.screenalytics.asd.testing.AsdData;
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
import io.screenalytics.voice.testing.TestMedia;
import io.screenalytics.voice.testing.VoiceData;
import io.screenalytics.voice.testing.VoiceStack;
import io.screenalytics.voice.analysis.VoiceAnalysis;
import io.screenalytics.voice.analysis.WindowCache;
import io.screenalytics.voice.assembly.FaceLogits;
import io.screenalytics.voice.assembly.FacePresence;
import io.screenalytics.voice.assembly.Speaking;
import io.screenalytics.voice.assembly.VoiceAssembly;
import io.screenalytics.voice.assembly.VoiceAssemblyResult;
import io.screenalytics.voice.assembly.VoiceSettings;
import io.screenalytics.voice.rttm.SpeakerTurn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A composed two-shot, made here with the {@code ffmpeg} command: Katie Hill (left) and Bob Menendez (right), two
 * shared talking heads side by side at 25 fps, taking turns of {@value #TURN_S} s (Katie, Bob, Katie, Bob); the one
 * not speaking is a still picture of itself (its first frame looped); the audio is the speaking one's own track.
 *
 * <p>Both faces are tracked by YuNet on every frame (the larger face of each half), cropped and scored over the
 * whole 16 s by Light-ASD in one pass. Speech is Silero VAD's (the pipeline's {@link SpeechDetector#DEFAULT}); a
 * speech frame is attributed to the face with the highest logit when that logit is {@code >= 0}. Each turn's share
 * of speech frames attributed to its speaking face must reach 80 % (the goal), both ways round. The same
 * logits, with the voice stage's GE2E analysis of the audio, go through the assembly side of voices
 * ({@code VoiceAssembly}): in the resulting RTTM each turn's speech must be on the speaking face for 80 % too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoShotIT {

  private static final Logger LOG = LoggerFactory.getLogger(TwoShotIT.class);
  private static final int TURN_S = 4;
  private static final int TURNS = 4;
  private static final int SIDE = 256;
  private static final String KATIE = "media/video/sadtalker_WDA_KatieHill_000.mp4";
  private static final String BOB = "media/video/sadtalker_WDA_BobMenendez_000.mp4";

  private byte[][] left;
  private byte[][] right;
  private float[] mfcc;
  private boolean[] speech;
  private float[] samples;
  private final Map<String, SpeakingScores[]> scored = new HashMap<>();

  @BeforeAll
  void compose(@TempDir Path dir) throws Exception {
    Path video = composeTwoShot(dir);
    List<BgrImage> frames = AsdData.frames(video, 2 * SIDE, SIDE);
    assertThat(frames).hasSize(TURNS * TURN_S * LightAsd.FPS);
    List<List<TrackBox>> tracks = track(frames);
    left = FaceCrops.track(frames, tracks.get(0));
    right = FaceCrops.track(frames, tracks.get(1));
    AudioClip audio = AudioDecoder.decode(video.toString());
    samples = audio.samples();
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

  /**
   * Issue 25 part 3 on real logits: the two-shot's GE2E voices (the voice stage's analysis), both faces on screen
   * throughout, and the default model's logits, handed to the assembly side of voices; in the resulting RTTM each
   * turn's speech (Silero VAD's) must be on the speaking face for at least 80 %, both ways round.
   */
  @Test
  void shouldLinkEachTurnsVoiceToTheSpeakingFaceInTheRttm() {
    // Given the voice stage's analysis of the audio and the faces' logits
    VoiceAnalysis voices;
    try (VoiceStack stack = new VoiceStack()) {
      voices = stack.analyzer().analyse(samples, "twoshot", WindowCache.NONE);
    }
    SpeakingScores katie = scores(LightAsd.DEFAULT_MODEL, LightAsd.DEFAULT_SCORING)[0];
    SpeakingScores bob = scores(LightAsd.DEFAULT_MODEL, LightAsd.DEFAULT_SCORING)[1];
    double end = TURNS * TURN_S;
    List<FacePresence> faces = List.of(new FacePresence("katie_hill", "Katie Hill", List.<double[]>of(new double[] {0, end})),
        new FacePresence("bob_menendez", "Bob Menendez", List.<double[]>of(new double[] {0, end})));
    List<FaceLogits> logits = List.of(new FaceLogits("katie_hill", 1, 0, LightAsd.FPS, katie.logits()),
        new FaceLogits("bob_menendez", 2, 0, LightAsd.FPS, bob.logits()));

    // When assembled
    VoiceAssemblyResult result = VoiceAssembly.assemble("twoshot", voices.windows(), voices.embeddings(), faces,
        logits, null, VoiceSettings.DEFAULT);

    // Then every turn's speech is on the speaking face in speech.rttm
    List<Double> shares = rttmShares(result, voices);
    for (int turn = 0; turn < TURNS; turn++) {
      assertThat(shares.get(turn)).as("turn %d's speech on the speaking face in the RTTM", turn)
          .isGreaterThanOrEqualTo(0.80);
    }
    LOG.info("two-shot RTTM, share of each turn's speech on the speaking face: {} with the logits, {} by presence "
        + "alone", format(shares), format(rttmShares(VoiceAssembly.assemble("twoshot", voices.windows(),
        voices.embeddings(), faces, null, VoiceSettings.DEFAULT), voices)));
    double overlapped = 0;
    for (SpeakerTurn k : result.turns()) {
      if (!k.speaker().equals("katie_hill")) continue;
      for (SpeakerTurn b : result.turns()) {
        if (b.speaker().equals("bob_menendez")) overlapped += overlap(k.start(), k.end(), b.start(), b.end());
      }
    }
    LOG.info("two-shot RTTM: {} turns, speakers {}, {} s on both faces at once (none is real); both faces >= 0 on {}"
        + " of {} speech frames, their gap there {}", result.turns().size(),
        result.speakers().stream().map(Speaking::speaker).toList(), String.format("%.2f", overlapped),
        bothSpeaking(katie, bob), countSpeech(), gaps(katie, bob));
  }

  /** Per turn, the share of its speech (the VAD's) on the speaking face's RTTM turns. */
  private static List<Double> rttmShares(VoiceAssemblyResult result, VoiceAnalysis voices) {
    List<Double> out = new ArrayList<>();
    for (int turn = 0; turn < TURNS; turn++) {
      String face = turn % 2 == 0 ? "katie_hill" : "bob_menendez";
      double from = turn * TURN_S;
      double to = from + TURN_S;
      double heard = voices.regions().stream().mapToDouble(r -> overlap(r.start(), r.end(), from, to)).sum();
      double onFace = result.turns().stream().filter(t -> t.speaker().equals(face))
          .mapToDouble(t -> overlap(t.start(), t.end(), from, to)).sum();
      out.add(onFace / heard);
    }
    return out;
  }

  private static List<String> format(List<Double> shares) {
    return shares.stream().map(v -> String.format("%.3f", v)).toList();
  }

  private static double overlap(double a, double b, double from, double to) {
    return Math.max(0, Math.min(b, to) - Math.max(a, from));
  }

  /** Speech frames where both faces' logits are >= 0. */
  private long bothSpeaking(SpeakingScores a, SpeakingScores b) {
    return bothSpeakingFrames(a, b).count();
  }

  private long countSpeech() {
    return IntStream.range(0, speech.length).filter(i -> speech[i]).count();
  }

  /** The logit gaps where both faces are >= 0 on speech, sorted. */
  private List<String> gaps(SpeakingScores a, SpeakingScores b) {
    return bothSpeakingFrames(a, b).mapToObj(i -> Math.abs(a.logits()[i] - b.logits()[i])).sorted()
        .map(g -> String.format("%.2f", g)).toList();
  }

  private IntStream bothSpeakingFrames(SpeakingScores a, SpeakingScores b) {
    return IntStream.range(0, Math.min(speech.length, Math.min(a.frames(), b.frames())))
        .filter(i -> speech[i] && a.logits()[i] >= 0 && b.logits()[i] >= 0);
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
    SpeakingScores[] both = scores(model, scoring);
    SpeakingScores katie = both[0];
    SpeakingScores bob = both[1];
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

  /** Katie's and Bob's scores by {@code model} with {@code scoring}, each pair computed once. */
  private SpeakingScores[] scores(ModelSpec model, Scoring scoring) {
    return scored.computeIfAbsent(model.name() + "/" + scoring, k -> {
      try (LightAsd asd = LightAsd.open(VoiceData.models(), model, SessionSettings.cpu(2))) {
        return new SpeakingScores[] {asd.score(mfcc, left, scoring), asd.score(mfcc, right, scoring)};
      }
    });
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

  /** Katie left, Bob right; turn i: the speaker's seconds [4 (i / 2), 4 (i / 2) + 4), the other's first frame. */
  private static Path composeTwoShot(Path dir) throws Exception {
    Path katie = VoiceData.file(KATIE);
    Path bob = VoiceData.file(BOB);
    Path katieStill = TestMedia.ffmpeg(dir.resolve("katie.png"), "-i", katie.toString(), "-frames:v", "1");
    Path bobStill = TestMedia.ffmpeg(dir.resolve("bob.png"), "-i", bob.toString(), "-frames:v", "1");
    StringBuilder list = new StringBuilder();
    for (int turn = 0; turn < TURNS; turn++) {
      boolean katieSpeaks = turn % 2 == 0;
      Path speaker = katieSpeaks ? katie : bob;
      Path still = katieSpeaks ? bobStill : katieStill;
      String scale = "fps=25,scale=" + SIDE + ":" + SIDE + ",setsar=1";
      String graph = "[0:v]" + scale + "[s];[1:v]" + scale + "[q];" + (katieSpeaks ? "[s][q]" : "[q][s]")
          + "hstack=inputs=2,format=yuv420p[v]";
      Path part = TestMedia.ffmpeg(dir.resolve("turn" + turn + ".mp4"),
          "-ss", String.valueOf(TURN_S * (turn / 2)), "-t", String.valueOf(TURN_S), "-i", speaker.toString(),
          "-loop", "1", "-framerate", "25", "-t", String.valueOf(TURN_S), "-i", still.toString(),
          "-filter_complex", graph, "-map", "[v]", "-map", "0:a", "-c:v", "libx264", "-preset", "ultrafast",
          "-crf", "18", "-c:a", "pcm_s16le", "-ar", "16000", "-ac", "1", "-t", String.valueOf(TURN_S),
          "-f", "matroska");
      list.append("file '").append(part.toAbsolutePath()).append("'\n");
    }
    Path listFile = Files.writeString(dir.resolve("turns.txt"), list.toString());
    return TestMedia.ffmpeg(dir.resolve("twoshot.mkv"), "-f", "concat", "-safe", "0", "-i", listFile.toString(),
        "-c", "copy");
  }
}
