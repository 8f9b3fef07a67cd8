package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screenalytics.asd.testing.ReactionShots;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.voice.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voices end to end, every service of {@code run} on a real broker: an episode composed of three talking-head clips
 * (each clip's audio is the speech of the person on screen) must give each person's speech their face identity's id
 * in {@code speech.rttm} on at least 80 % of it, and their {@code speaking_on_screen_s} within 10 % of the speech
 * the VAD found in their clip; the same episode without an audio stream completes without voices; with its audio
 * packets corrupted it keeps its face results; no span of a face in doubt is planned on it (each voice changes with
 * its face). And a composed reaction shot ({@link ReactionShots}: Katie speaks, a cut to Bob's still while her voice
 * goes on, a cut back) must keep at least 80 % of the reaction shot's speech off Bob's face, and at least 80 % of
 * Katie's on-screen speech on hers.
 */
class VoiceEpisodeIT {

  private static final List<String> CLIPS = List.of("sadtalker_WDA_AlexandriaOcasioCortez_000.mp4",
      "sadtalker_WDA_BobMenendez_000.mp4", "sadtalker_WDA_KatieHill_000.mp4");
  /** Each clip's length (its audio stream's, which the concat demuxer keeps), seconds. */
  private static final double CLIP_SECONDS = 8.064;

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  @TempDir
  static Path dir;

  private static PipelineFixture fixture;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Each episode's last status event. */
  private static final Map<String, EpisodeStatus> ENDS = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    fixture = PipelineFixture.start(CLUSTER, dir.resolve("store"), Map.of("assembly.voice.start.wait.ms", "60000"));
    // Given the composed episode, the same without audio, the same with its audio packets corrupted, and the
    // reaction shot
    Path shared = Path.of(System.getProperty("screenalytics.shared", "../../shared"));
    Path list = dir.resolve("clips.txt");
    StringBuilder lines = new StringBuilder();
    for (String c : CLIPS) lines.append("file '").append(shared.resolve("media/video/" + c).toAbsolutePath()).append("'\n");
    Files.writeString(list, lines);
    Path composed = TestMedia.ffmpeg(dir.resolve("talking.mp4"), "-f", "concat", "-safe", "0", "-i",
        list.toString(), "-c:v", "mpeg4", "-q:v", "4", "-c:a", "aac", "-b:a", "128k");
    Path silent = TestMedia.withoutAudio(composed, dir.resolve("silent.mp4"));
    Path corrupt = TestMedia.withCorruptAudio(composed, dir.resolve("corrupt.mp4"));
    Path reaction = ReactionShots.compose(dir);

    // When they are pushed
    try (Ingestor ingestor = new Ingestor(fixture.kafka); StatusWatcher watcher = new StatusWatcher(fixture.kafka)) {
      ingestor.push("talking", composed.toString(), null, null);
      ingestor.push("silent", silent.toString(), null, null);
      ingestor.push("corrupt", corrupt.toString(), null, null);
      ingestor.push("reaction", reaction.toString(), null, null);
      for (String id : List.of("talking", "silent", "corrupt", "reaction")) {
        ENDS.put(id, watcher.awaitWhileProgressing(id, s -> { }).orElseThrow(() -> new AssertionError(id + " hung")));
      }
    }
  }

  @AfterAll
  static void stop() {
    if (fixture != null) fixture.close();
  }

  @Test
  void shouldGiveEachTalkingHeadsSpeechItsFaceIdentityAndKeepFacesWithoutOrWithBrokenAudio() throws Exception {
    // Then the composed episode's speakers are its faces
    Map<String, EpisodeStatus> ends = ENDS;
    assertThat(ends.get("talking").getState()).isEqualTo(EpisodeState.COMPLETED);
    Path episode = dir.resolve("store/episodes/talking");
    JsonNode screenTime = JSON.readTree(episode.resolve("screen_time.json").toFile());
    assertThat(screenTime.get("voice").get("state").asText()).isEqualTo("OK");
    List<double[]> speech = new ArrayList<>();
    JSON.readTree(episode.resolve("voice.json").toFile()).get("speech")
        .forEach(s -> speech.add(new double[] {s.get(0).asDouble(), s.get(1).asDouble()}));
    List<String[]> turns = Files.readAllLines(episode.resolve("speech.rttm")).stream().map(l -> l.split(" ")).toList();
    assertThat(Files.readAllLines(episode.resolve("voice_segments.jsonl"))).isNotEmpty();
    for (int c = 0; c < CLIPS.size(); c++) {
      double from = c * CLIP_SECONDS;
      double to = from + CLIP_SECONDS;
      JsonNode face = faceOf(screenTime, from, to);
      String id = face.get("identity_id").asText();
      double vad = 0;
      for (double[] s : speech) vad += overlap(s[0], s[1], from, to);
      double labelled = 0;
      for (String[] t : turns) {
        double start = Double.parseDouble(t[3]);
        if (t[7].equals(id)) labelled += overlap(start, start + Double.parseDouble(t[4]), from, to);
      }
      assertThat(vad).as("speech in clip %d", c).isGreaterThan(3.0);
      assertThat(labelled / vad).as("share of clip %d's speech labelled %s", c, id).isGreaterThanOrEqualTo(0.8);
      assertThat(face.get("speaking_on_screen_s").asDouble()).as("%s on-screen speaking", id)
          .isCloseTo(vad, Offset.offset(0.1 * vad));
    }

    // And no face is in doubt: each person speaks alone on screen, the voice changes with the face, nothing is scored
    assertThat(JSON.readTree(episode.resolve("asd.json").toFile()).get("tracks")).isEmpty();

    // And without audio the episode completes with its faces and says why it has no voices
    assertThat(ends.get("silent").getState()).isEqualTo(EpisodeState.COMPLETED);
    JsonNode silentTime = JSON.readTree(dir.resolve("store/episodes/silent/screen_time.json").toFile());
    assertThat(silentTime.get("voice").get("state").asText()).isEqualTo("NO_AUDIO");
    assertThat(silentTime.get("identities")).hasSizeGreaterThanOrEqualTo(CLIPS.size());

    // And with corrupt audio the faces are kept, the voices failed with a reason
    assertThat(ends.get("corrupt").getState()).isEqualTo(EpisodeState.COMPLETED_WITH_WARNINGS);
    assertThat(ends.get("corrupt").getReason()).contains("voices FAILED");
    JsonNode corruptTime = JSON.readTree(dir.resolve("store/episodes/corrupt/screen_time.json").toFile());
    assertThat(corruptTime.get("identities")).hasSizeGreaterThanOrEqualTo(CLIPS.size());
    assertThat(corruptTime.get("voice").get("state").asText()).isEqualTo("FAILED");
  }

  @Test
  void shouldKeepAReactionShotsSpeechOffTheSilentListener() throws Exception {
    Path episode = dir.resolve("store/episodes/reaction");
    assertThat(ENDS.get("reaction").getState()).isEqualTo(EpisodeState.COMPLETED);
    JsonNode screenTime = JSON.readTree(episode.resolve("screen_time.json").toFile());
    double end = screenTime.get("episode").get("duration_s").asDouble();
    String bob = faceOf(screenTime, ReactionShots.CUT_S, ReactionShots.BACK_S).get("identity_id").asText();
    // Katie: every other face seen (one identity over both her shots, or one per shot)
    Set<String> katie = new TreeSet<>();
    for (JsonNode row : screenTime.get("identities")) {
      String id = row.get("identity_id").asText();
      if (row.get("visible_seconds").asDouble() > 0 && !id.equals(bob)) katie.add(id);
    }
    assertThat(katie).isNotEmpty();
    List<double[]> speech = new ArrayList<>();
    JSON.readTree(episode.resolve("voice.json").toFile()).get("speech")
        .forEach(s -> speech.add(new double[] {s.get(0).asDouble(), s.get(1).asDouble()}));
    List<String[]> turns = Files.readAllLines(episode.resolve("speech.rttm")).stream().map(l -> l.split(" ")).toList();
    double[][] katieShots = {{0, ReactionShots.CUT_S}, {ReactionShots.BACK_S, end}};
    double reactionSpeech = 0;
    double onBob = 0;
    for (double[] s : speech) reactionSpeech += overlap(s[0], s[1], ReactionShots.CUT_S, ReactionShots.BACK_S);
    double katieSpeech = 0;
    double onKatie = 0;
    for (double[] shot : katieShots) {
      for (double[] s : speech) katieSpeech += overlap(s[0], s[1], shot[0], shot[1]);
    }
    for (String[] t : turns) {
      double start = Double.parseDouble(t[3]);
      double stop = start + Double.parseDouble(t[4]);
      if (t[7].equals(bob)) onBob += overlap(start, stop, ReactionShots.CUT_S, ReactionShots.BACK_S);
      if (katie.contains(t[7])) {
        for (double[] shot : katieShots) onKatie += overlap(start, stop, shot[0], shot[1]);
      }
    }
    org.slf4j.LoggerFactory.getLogger(VoiceEpisodeIT.class).info("reaction shot: {} of {} s of the reaction shot's"
        + " speech on Bob ({}); {} of {} s of Katie's on-screen speech on Katie ({}); asd: {}", onBob, reactionSpeech,
        bob, onKatie, katieSpeech, katie, screenTime.get("voice").get("asd"));
    assertThat(reactionSpeech).as("speech in the reaction shot").isGreaterThan(3.0);
    assertThat(onBob / reactionSpeech).as("share of the reaction shot's speech on the listener %s", bob)
        .isLessThanOrEqualTo(0.2);
    assertThat(onKatie / katieSpeech).as("share of Katie's on-screen speech on her face %s", katie)
        .isGreaterThanOrEqualTo(0.8);
  }

  /** The identity row with the most screen time inside {@code [from, to)} (first and last appearance in it). */
  private static JsonNode faceOf(JsonNode screenTime, double from, double to) {
    JsonNode best = null;
    for (JsonNode row : screenTime.get("identities")) {
      if (row.get("visible_seconds").asDouble() <= 0 || row.get("first_ts").isNull()) continue;
      double first = row.get("first_ts").asDouble();
      double last = row.get("last_ts").asDouble();
      if (first >= from - 0.5 && last <= to + 0.5
          && (best == null || row.get("visible_seconds").asDouble() > best.get("visible_seconds").asDouble())) {
        best = row;
      }
    }
    assertThat(best).as("an identity on screen in [%s, %s)", from, to).isNotNull();
    return best;
  }

  private static double overlap(double a, double b, double from, double to) {
    return Math.max(0, Math.min(b, to) - Math.max(a, from));
  }
}
