package io.screenalytics.voice.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Voices learned from episodes by review decisions (issue 29.5): taught with provenance, named by, taken back. */
class VoicebankLessonTest {

  private static float[] axis(int i, float scale) {
    float[] v = new float[256];
    v[i] = scale;
    return v;
  }

  @Test
  void shouldNameAVoiceLearnedFromAnEpisodeAndForgetItWithItsDecision() throws Exception {
    // Given an empty bank taught Ann's voice by decision 2 of episode e1 (4 windows along axis 0)
    Voicebank bank = new Voicebank();
    bank.learn("Ann Lee", new VoiceLesson("e1", 2, "unknown_01", axis(0, 4), 4, 3.5));
    // When another episode's speaker lies near axis 0
    float[] speaker = axis(0, 1);
    speaker[1] = 0.2f;
    VoiceMatch match = bank.best(speaker, Voicebank.DEFAULT_THRESHOLD);
    // Then Ann names it, and the lesson survives the JSON round trip with its provenance
    assertThat(match.name()).isEqualTo("Ann Lee");
    assertThat(match.accepted()).isTrue();
    Voicebank read = Voicebank.fromJson(bank.toJson());
    VoiceLesson lesson = read.voices().iterator().next().learned().get(0);
    assertThat(lesson.episodeId()).isEqualTo("e1");
    assertThat(lesson.decision()).isEqualTo(2);
    assertThat(lesson.identityId()).isEqualTo("unknown_01");
    // When the decision is undone, Ann (who had no enrolment) is gone
    assertThat(read.forget("e1", 3)).isEmpty();
    assertThat(read.forget("e1", 2)).hasSize(1);
    assertThat(read.voices()).isEmpty();
    assertThat(read.best(speaker, Voicebank.DEFAULT_THRESHOLD)).isNull();
  }

  @Test
  void shouldKeepAnEnrolledVoiceWhenItsLessonIsForgottenAndReadBanksWithoutLessons() throws Exception {
    // Given a bank written before lessons existed, holding Bo enrolled along axis 1
    String old = "{\"voices\":[{\"name\":\"Bo\",\"slug\":\"bo\",\"sum\":[" + "0.0,".repeat(1) + "3.0"
        + ",0.0".repeat(254) + "],\"windows\":3,\"speechSeconds\":4.0,\"clips\":[\"bo.wav\"]}]}";
    Voicebank bank = Voicebank.fromJson(old.getBytes(StandardCharsets.UTF_8));
    Voice bo = bank.voices().iterator().next();
    assertThat(bo.learned()).isEmpty();
    // When a lesson along axis 2 is taught, the centroid moves between the two
    bank.learn("Bo", new VoiceLesson("e2", 1, "bo", axis(2, 3), 3, 4.0));
    float[] c = bank.voices().iterator().next().centroid();
    assertThat(c[1]).isCloseTo(c[2], org.assertj.core.data.Offset.offset(1e-6f)).isGreaterThan(0.7f);
    // Then forgetting it restores the enrolled centroid and keeps Bo
    bank.forget("e2", 1);
    assertThat(bank.voices()).hasSize(1);
    assertThat(bank.voices().iterator().next().centroid()[1]).isEqualTo(1.0f);
  }

  @Test
  void shouldRefuseALessonWithTooLittleSpeech() {
    Voicebank bank = new Voicebank();
    assertThatThrownBy(() -> bank.learn("Cy", new VoiceLesson("e3", 1, "unknown_02", axis(0, 2), 2, 1.5)))
        .isInstanceOf(EnrolmentException.class).hasMessageContaining("1.5 s of speech");
    assertThat(bank.voices()).isEmpty();
  }
}
