package io.screenalytics.voice.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.voice.analysis.VoiceAnalysis;
import io.screenalytics.voice.analysis.VoiceAnalyzer;
import io.screenalytics.voice.analysis.WindowCache;
import io.screenalytics.voice.audio.AudioDecoder;
import io.screenalytics.voice.model.Vectors;
import io.screenalytics.voice.testing.VoiceData;
import io.screenalytics.voice.testing.VoiceStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The voicebank on real speech: enrol one utterance, name another of the same speaker, not a different one. */
class VoicebankLibriSpeechTest {

  private static VoiceStack stack;
  private static VoiceAnalyzer analyzer;

  @BeforeAll static void open() {
    stack = new VoiceStack();
    analyzer = stack.analyzer();
  }

  @AfterAll static void close() {
    stack.close();
  }

  private static VoiceAnalysis analyse(String speaker, String file, double from, double to) throws Exception {
    return analyzer.analyse(VoiceData.libri(speaker, file), from, to, null, WindowCache.NONE);
  }

  private static float[] centroid(VoiceAnalysis a) {
    return Vectors.meanNormalised(a.embeddings());
  }

  @Test void shouldNameTheSameSpeakerAndLeaveAnotherUnnamed() throws Exception {
    Voicebank bank = new Voicebank();
    Voice voice = bank.enrol("Speaker 1688", "1688-142285-0003.flac",
        analyse("1688", "1688-142285-0003.flac", 0, Double.POSITIVE_INFINITY));
    assertThat(voice.slug()).isEqualTo("speaker_1688");
    assertThat(voice.speechSeconds()).isGreaterThanOrEqualTo(3.0);

    VoiceMatch same = bank.best(centroid(analyse("1688", "1688-142285-0000.flac", 0, Double.POSITIVE_INFINITY)),
        Voicebank.DEFAULT_THRESHOLD);
    assertThat(same.accepted()).as("same speaker at %.3f", same.similarity()).isTrue();
    assertThat(same.slug()).isEqualTo("speaker_1688");

    VoiceMatch other = bank.best(centroid(analyse("1998", "1998-15444-0000.flac", 0, Double.POSITIVE_INFINITY)),
        Voicebank.DEFAULT_THRESHOLD);
    assertThat(other.accepted()).as("different speaker at %.3f", other.similarity()).isFalse();
  }

  @Test void shouldRefuseATwoSecondEnrolmentWithOneLineAndWriteNothing() throws Exception {
    Voicebank bank = new Voicebank();
    VoiceAnalysis twoSeconds = analyse("1688", "1688-142285-0003.flac", 0, 2.0);
    assertThatThrownBy(() -> bank.enrol("Speaker 1688", "1688-142285-0003.flac [0-2 s]", twoSeconds))
        .isInstanceOf(EnrolmentException.class)
        .hasMessageStartingWith("not enrolled: 1688-142285-0003.flac [0-2 s] has ")
        .hasMessageEndingWith("3.0 s needed")
        .message().doesNotContain("\n");
    assertThat(bank.voices()).isEmpty();
  }

  @Test void shouldAddToTheSameVoiceAndSurviveJson() throws Exception {
    Voicebank bank = new Voicebank();
    VoiceAnalysis a = analyse("1688", "1688-142285-0003.flac", 0, Double.POSITIVE_INFINITY);
    bank.enrol("Speaker 1688", "one", a);
    bank.enrol("Speaker 1688", "two", analyse("1688", "1688-142285-0000.flac", 0, Double.POSITIVE_INFINITY));
    Voicebank back = Voicebank.fromJson(bank.toJson());
    assertThat(back.voices()).hasSize(1);
    Voice v = back.voices().iterator().next();
    assertThat(v.clips()).containsExactly("one", "two");
    assertThat(v.windows()).isEqualTo(bank.voices().iterator().next().windows());
    assertThat(v.centroid()).containsExactly(bank.voices().iterator().next().centroid());
  }

  @Test void shouldFindSpeechInSpeechAndNoneInSilence() throws Exception {
    VoiceAnalysis speech = analyse("1688", "1688-142285-0003.flac", 0, Double.POSITIVE_INFINITY);
    assertThat(speech.speechSeconds() / speech.seconds()).isGreaterThan(0.7);
    VoiceAnalysis silence = analyzer.analyse(VoiceData.file("media/audio/ami/empty.wav").toString(), 0,
        Double.POSITIVE_INFINITY, null, WindowCache.NONE);
    assertThat(silence.regions()).isEmpty();
    assertThat(silence.modelCalls()).isZero();
    assertThat(AudioDecoder.SAMPLE_RATE).isEqualTo(16_000);
  }
}
