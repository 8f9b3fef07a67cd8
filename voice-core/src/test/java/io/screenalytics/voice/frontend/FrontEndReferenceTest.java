package io.screenalytics.voice.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.voice.audio.AudioDecoder;
import io.screenalytics.voice.model.SpeakerEncoder;
import io.screenalytics.voice.testing.VoiceData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java front end against the vectors made with Resemblyzer's own code ({@code models/voice/reference/}):
 * decoded samples, mel filterbank, mel spectrogram, partial and utterance embeddings.
 */
class FrontEndReferenceTest {

  private static SpeakerEncoder encoder;

  @BeforeAll static void open() {
    encoder = SpeakerEncoder.open(VoiceData.models(), SessionSettings.cpu(1), 32);
  }

  @AfterAll static void close() {
    encoder.close();
  }

  @Test void shouldMatchTheReferenceFilterbank() throws Exception {
    float[] reference = VoiceData.reference("mel_filterbank_40x201.f32");
    MelFilterbank bank = MelFilterbank.slaney(16_000, 400, 40);
    double worst = 0;
    for (int m = 0; m < 40; m++) {
      for (int k = 0; k < 201; k++) worst = Math.max(worst, Math.abs(bank.weight(m, k) - reference[m * 201 + k]));
    }
    assertThat(worst).isLessThan(1e-8);
  }

  @ParameterizedTest
  @CsvSource({"librispeech_1688_0003, 0, 1000", "librispeech_1688_0003_first_1s2, 0, 1.2"})
  void shouldDecodeAndNormaliseLikeResemblyzer(String name, double from, double to) throws Exception {
    float[] reference = VoiceData.reference(name + ".samples.f32");
    float[] decoded = AudioDecoder.decode(VoiceData.libri("1688", "1688-142285-0003.flac"), from, to).samples();
    float[] normalised = Loudness.normalise(decoded);
    assertThat(normalised.length).isEqualTo(reference.length);
    assertThat(maxRelative(normalised, reference)).isLessThan(1e-5);
  }

  @ParameterizedTest
  @CsvSource({"librispeech_1688_0003", "librispeech_1688_0003_first_1s2"})
  void shouldMatchTheReferenceMelTo1e5Relative(String name) throws Exception {
    float[] samples = VoiceData.reference(name + ".samples.f32");
    float[] reference = VoiceData.reference(name + ".mel.f32");
    MelFrames mel = MelStream.of(Partials.padded(samples, Partials.starts(samples.length)));
    assertThat(mel.data().length).isEqualTo(reference.length);
    assertThat(maxRelative(mel.data(), reference)).isLessThan(1e-5);
  }

  @ParameterizedTest
  @CsvSource({"librispeech_1688_0003", "librispeech_1688_0003_first_1s2"})
  void shouldMatchTheReferenceEmbeddingsTo1e4(String name) throws Exception {
    float[] samples = VoiceData.reference(name + ".samples.f32");
    float[] partials = VoiceData.reference(name + ".partials.f32");
    float[] utterance = VoiceData.reference(name + ".embedding.f32");
    List<float[]> inputs = Partials.of(samples);
    assertThat(inputs).hasSize(partials.length / 256);
    List<float[]> embedded = encoder.embed(inputs);
    float worst = 0;
    for (int p = 0; p < embedded.size(); p++) {
      for (int i = 0; i < 256; i++) worst = Math.max(worst, Math.abs(embedded.get(p)[i] - partials[p * 256 + i]));
    }
    assertThat(worst).isLessThan(1e-4f);
    float[] mine = encoder.utterance(inputs);
    float worstUtterance = 0;
    for (int i = 0; i < 256; i++) worstUtterance = Math.max(worstUtterance, Math.abs(mine[i] - utterance[i]));
    assertThat(worstUtterance).isLessThan(1e-4f);
  }

  @Test void shouldSliceLikeResemblyzer() throws Exception {
    assertThat(Partials.starts(80_960)).containsExactly(0, 77, 154, 231, 308, 385);
    assertThat(Partials.starts(19_200)).containsExactly(0);
  }

  @Test void shouldStreamTheSameMelInAnyChunking() throws Exception {
    float[] samples = VoiceData.reference("librispeech_1688_0003.samples.f32");
    MelStream stream = new MelStream();
    List<Integer> sizes = new ArrayList<>(List.of(1, 7, 399, 400, 401, 4096, 160));
    int at = 0;
    for (int i = 0; at < samples.length; i++) {
      int n = Math.min(sizes.get(i % sizes.size()), samples.length - at);
      stream.accept(samples, at, n);
      at += n;
    }
    assertThat(stream.finish().data()).containsExactly(MelStream.of(samples).data());
  }

  /** Largest {@code |a - b|} relative to the largest {@code |b|}. */
  static double maxRelative(float[] a, float[] b) {
    double scale = 0;
    for (float x : b) scale = Math.max(scale, Math.abs(x));
    double worst = 0;
    for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    return worst / scale;
  }
}
