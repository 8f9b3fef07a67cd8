package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screenalytics.store.StoreLayout;
import io.screenalytics.voice.testing.TestMedia;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A name reaches the voice (issue 29.5), a scripted review session with {@code screenalytics} on real media: the
 * talking head {@code sadtalker_RD_Radio34_000.mp4} (a radio-address speaker, not enrolled anywhere) is run and its
 * face named; the voicebank learns his voice from the episode's windows on that face, with provenance; a second
 * episode where he speaks off screen (his clip's audio over a grey picture, then another radio speaker,
 * {@code sadtalker_RD_Radio31_000.wav}) names his voice and only his; {@code undo} takes back the face's name and the
 * voice.
 */
class VoiceNamingIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOST = "Radio Host";

  @TempDir
  Path dir;

  private final Path shared = Path.of(System.getProperty("screenalytics.shared", "../../shared"));

  @Test
  void shouldNameTheVoiceOfANamedFaceInTheNextEpisodeOffScreenAndTakeBothBackOnUndo() throws Exception {
    // Given the talking head run without a cast: one unknown face that speaks
    Path head = shared.resolve(TestMedia.TALKING_HEAD);
    String first = "sadtalker_rd_radio34_000";
    cli("run", "--video", head.toString());
    assertThat(identity(first, "unknown_01").get("speaking_s").asDouble()).isGreaterThan(5.0);

    // When the face is named
    String named = cli("name", first, "unknown_01", "--as", HOST);

    // Then the episode's speech is the named identity's and the voicebank learned it, with its provenance
    assertThat(named).contains("voice: " + HOST + " learned from");
    JsonNode host = identity(first, "radio_host");
    assertThat(host.get("name").asText()).isEqualTo(HOST);
    assertThat(host.get("speaking_s").asDouble()).isGreaterThan(5.0);
    assertThat(Files.readString(episode(first).resolve("speech.rttm"))).contains(" radio_host ");
    JsonNode voice = JSON.readTree(dir.resolve("store").resolve(StoreLayout.VOICEBANK).toFile()).get("voices").get(0);
    assertThat(voice.get("name").asText()).isEqualTo(HOST);
    assertThat(voice.get("windows").asInt()).isZero();
    JsonNode lesson = voice.get("learned").get(0);
    assertThat(lesson.get("episodeId").asText()).isEqualTo(first);
    assertThat(lesson.get("decision").asInt()).isEqualTo(1);
    assertThat(lesson.get("speechSeconds").asDouble()).isGreaterThan(5.0);

    // When an episode where he speaks off screen, then another speaker, is run
    Path offScreen = TestMedia.ffmpeg(dir.resolve("offscreen.mp4"), "-f", "lavfi", "-i",
        "color=c=gray:s=640x360:r=25:d=16", "-i", head.toString(), "-i",
        shared.resolve("media/audio/sadtalker_RD_Radio31_000.wav").toString(), "-filter_complex",
        "[1:a]atrim=0:8,asetpts=PTS-STARTPTS[h];[2:a]atrim=0:8,asetpts=PTS-STARTPTS[o];[h][o]concat=n=2:v=0:a=1[a]",
        "-map", "0:v", "-map", "[a]", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");
    cli("run", "--video", offScreen.toString());

    // Then his voice is named though no face is on screen, and the other speaker's is not
    JsonNode offHost = identity("offscreen", "radio_host");
    assertThat(offHost.get("name").asText()).isEqualTo(HOST);
    assertThat(offHost.get("visible_seconds").asDouble()).isZero();
    assertThat(offHost.get("speaking_off_screen_s").asDouble()).isGreaterThan(5.0);
    assertThat(offHost.get("voicebank_similarity").asDouble()).isGreaterThanOrEqualTo(0.74);
    for (JsonNode row : screenTime("offscreen").get("identities")) {
      if (!row.get("identity_id").asText().equals("radio_host")) {
        assertThat(row.get("name").isNull()).as(row.toString()).isTrue();
      }
    }

    // When the naming is undone
    String undone = cli("undo", first);

    // Then the face is unknown again and the voicebank holds no voice of his
    assertThat(undone).contains("voice: ").contains("forgotten");
    assertThat(identity(first, "unknown_01").get("name").isNull()).isTrue();
    assertThat(JSON.readTree(dir.resolve("store").resolve(StoreLayout.VOICEBANK).toFile()).get("voices")).isEmpty();
  }

  private String cli(String... args) {
    StringWriter out = new StringWriter();
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--out";
    all[args.length + 1] = dir.resolve("store").toString();
    int exit = Screenalytics.commandLine().setOut(new PrintWriter(out)).execute(all);
    assertThat(exit).as(out.toString()).isZero();
    return out.toString();
  }

  private Path episode(String id) {
    return dir.resolve("store/episodes/" + id);
  }

  private JsonNode screenTime(String id) throws Exception {
    return JSON.readTree(episode(id).resolve("screen_time.json").toFile());
  }

  private JsonNode identity(String id, String identityId) throws Exception {
    for (JsonNode row : screenTime(id).get("identities")) {
      if (row.get("identity_id").asText().equals(identityId)) {
        return row;
      }
    }
    throw new AssertionError(id + " has no " + identityId + ": " + screenTime(id));
  }
}
