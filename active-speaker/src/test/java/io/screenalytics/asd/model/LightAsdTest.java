package io.screenalytics.asd.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.asd.frontend.FaceCrops;
import io.screenalytics.asd.testing.AsdData;
import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.voice.testing.VoiceData;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link LightAsd} against ONNX Runtime in Python on the reference crops and MFCC: both models, one pass on the
 * talking head, the same face frozen and near-silent audio, and averaged on the talking head. Logits within 0.05.
 * Averaged scoring runs six passes per track and its code does not depend on the input, so the frozen and silent
 * cases are checked in one pass only (all twelve cases passed when the module was written; the averaged four left
 * out cost about 50 CPU-s of a CI run).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LightAsdTest {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LightAsdTest.class);

  private LightAsd ava;
  private LightAsd talkset;
  private byte[][] faces;
  private byte[][] frozen;

  @BeforeAll
  void open() throws Exception {
    ava = LightAsd.open(VoiceData.models(), "light_asd_ava", SessionSettings.cpu(2));
    talkset = LightAsd.open(VoiceData.models(), "light_asd_talkset", SessionSettings.cpu(2));
    faces = AsdData.images("katie_hill.faces.u8", FaceCrops.SIZE);
    frozen = new byte[faces.length][];
    Arrays.fill(frozen, faces[0]);
  }

  @AfterAll
  void close() {
    ava.close();
    talkset.close();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
      "katie_hill, light_asd_ava, ONE_PASS", "katie_hill, light_asd_ava, AVERAGED",
      "katie_hill, light_asd_talkset, ONE_PASS", "katie_hill, light_asd_talkset, AVERAGED",
      "katie_hill_frozen, light_asd_ava, ONE_PASS", "katie_hill_frozen, light_asd_talkset, ONE_PASS",
      "katie_hill_silent, light_asd_ava, ONE_PASS", "katie_hill_silent, light_asd_talkset, ONE_PASS"})
  void shouldMatchTheReferenceLogits(String caseName, String model, Scoring scoring) throws Exception {
    // Given the case's MFCC and crops
    float[] mfcc = AsdData.floats((caseName.equals("katie_hill_silent") ? "katie_hill_silent" : "katie_hill") + ".mfcc.f32");
    byte[][] crops = caseName.equals("katie_hill_frozen") ? frozen : faces;
    float[] expected = AsdData.floats(caseName + "." + model + ".logits_"
        + (scoring == Scoring.ONE_PASS ? "one_pass" : "averaged") + ".f32");

    // When
    SpeakingScores scores = (model.equals("light_asd_ava") ? ava : talkset).score(mfcc, crops, scoring);

    // Then
    assertThat(scores.model()).isEqualTo(model);
    assertThat(scores.logits()).hasSize(199).hasSize(expected.length);
    double worst = 0;
    for (int i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(scores.logits()[i] - expected[i]));
    LOG.info("{} {} {}: worst logit difference {}, speaking share {}", caseName, model, scoring, worst,
        scores.speakingShare());
    assertThat(worst).isLessThan(0.05);
  }

  @Test
  void shouldScoreOnlyTheFramesTheAudioCovers() {
    // Given 199 crops but audio for 50 video frames and a half (202 MFCC frames)
    float[] mfcc = Arrays.copyOf(new float[0], 202 * 13);

    // When
    SpeakingScores scores = ava.score(mfcc, faces, Scoring.ONE_PASS);

    // Then: 50 frames, as the repository cuts both to the shorter
    assertThat(scores.frames()).isEqualTo(50);
    assertThat(ava.score(new float[0], faces, Scoring.AVERAGED).frames()).isZero();
  }

  @Test
  void shouldRefuseACropOfTheWrongSize() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ava.score(new float[8 * 13], new byte[][] {new byte[10], new byte[10]}, Scoring.ONE_PASS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12544");
  }
}
