package io.screenalytics.asd.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.asd.testing.AsdData;
import io.screenalytics.voice.testing.VoiceData;
import org.junit.jupiter.api.Test;

/** {@link Mfcc} against python_speech_features' own output in {@code shared/models/asd/reference/}. */
class MfccTest {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MfccTest.class);

  /** Largest difference relative to the value, counting values under 1 in magnitude as 1 (c_n near zero). */
  private static double worstRelative(float[] actual, float[] expected) {
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
    }
    return worst;
  }

  @Test
  void shouldMatchPythonSpeechFeaturesOnLibriSpeech() throws Exception {
    // Given the LibriSpeech utterance's 16-bit samples and python_speech_features' MFCC of them
    short[] samples = AsdData.shorts("mfcc_librispeech.samples.i16");
    float[] expected = AsdData.floats("mfcc_librispeech.mfcc.f32");
    assertThat(samples).hasSize(80_960);

    // When
    float[] actual = new Mfcc().compute(samples);

    // Then: 505 frames of 13, every value within 1e-4 relative
    assertThat(Mfcc.frames(samples.length)).isEqualTo(505);
    assertThat(actual).hasSize(expected.length);
    LOG.info("MFCC LibriSpeech: worst relative difference {}", worstRelative(actual, expected));
    assertThat(worstRelative(actual, expected)).isLessThan(1e-4);
  }

  @Test
  void shouldMatchPythonSpeechFeaturesOnTheTalkingHead() throws Exception {
    // Given the talking head's audio read as the reference script read it (ffmpeg, s16le, 16 kHz mono)
    short[] samples = AsdData.pcm(VoiceData.file("media/video/sadtalker_WDA_KatieHill_000.mp4"));
    float[] expected = AsdData.floats("katie_hill.mfcc.f32"); // cut to 4 x 199 frames by the script

    // When
    float[] actual = new Mfcc().compute(samples);

    // Then
    assertThat(actual.length).isGreaterThanOrEqualTo(expected.length);
    float[] head = java.util.Arrays.copyOf(actual, expected.length);
    LOG.info("MFCC talking head: worst relative difference {}", worstRelative(head, expected));
    assertThat(worstRelative(head, expected)).isLessThan(1e-4);
  }

  @Test
  void shouldGiveOneFrameForShortOrEmptyAudio() {
    assertThat(Mfcc.frames(0)).isEqualTo(1);
    assertThat(Mfcc.frames(400)).isEqualTo(1);
    assertThat(Mfcc.frames(401)).isEqualTo(2);
    float[] silent = new Mfcc().compute(new short[0]);
    // all-zero power: every energy becomes machine epsilon, c0 = ln(eps)
    assertThat(silent).hasSize(13);
    assertThat(silent[0]).isEqualTo((float) Math.log(Math.ulp(1.0)));
  }
}
