package io.screenalytics.voice.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.algorithms.cluster.AverageLinkage;
import io.screenalytics.algorithms.roc.Roc;
import io.screenalytics.voice.diarize.Diarizer;
import io.screenalytics.voice.rttm.DerComponents;
import io.screenalytics.voice.speech.SpeechDetector;
import io.screenalytics.voice.testing.VoiceData;
import io.screenalytics.voice.testing.VoiceStack;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The voice figures on the shared speech, logged, with the targets asserted. */
class VoiceFiguresIT {

  private static final Logger LOG = LoggerFactory.getLogger(VoiceFiguresIT.class);
  private static VoiceStack stack;
  private static VoiceEvaluation eval;

  @BeforeAll static void open() {
    stack = new VoiceStack();
    SpeechDetector d = SpeechDetector.DEFAULT;
    SpeechDetector detector = new SpeechDetector(
        Double.parseDouble(System.getProperty("voice.vad.threshold", String.valueOf(d.threshold()))), d.minSpeech(),
        Double.parseDouble(System.getProperty("voice.vad.min.silence", String.valueOf(d.minSilence()))),
        Double.parseDouble(System.getProperty("voice.vad.pad", String.valueOf(d.pad()))));
    eval = new VoiceEvaluation(stack.analyzer(detector));
  }

  @AfterAll static void close() {
    stack.close();
  }

  @Test void shouldVerifyLibriSpeechPairsUnder1PercentEer() throws Exception {
    Roc m = eval.librispeech(VoiceData.file("media/audio/librispeech"));
    LOG.info(String.format(Locale.ROOT, "LibriSpeech pairs: AUC %.4f, EER %.2f %% at cosine %.3f (%d same, %d different)",
        m.auc(), 100 * m.eer(), m.eerThreshold(), m.positives(), m.negatives()));
    assertThat(m.eer()).isLessThanOrEqualTo(0.01);
    Roc c = eval.librispeechCentroids(VoiceData.file("media/audio/librispeech"));
    LOG.info(String.format(Locale.ROOT, "LibriSpeech pairs, window centroids (voicebank naming): AUC %.4f, EER %.2f %%"
        + " at cosine %.3f", c.auc(), 100 * c.eer(), c.eerThreshold()));
  }

  @Test void shouldIdentifyDev00Dev01() throws Exception {
    Path ami = VoiceData.file("media/audio/ami");
    for (String[] pair : new String[][] {{"dev00", "dev01"}, {"dev01", "dev00"}, {"trn07", "trn08"}}) {
      VoiceEvaluation.Identification id = eval.amiIdentification(ami, pair[0], pair[1], 1.0);
      LOG.info("identification {} -> {}: {} of {} right; enrolled {}, too short {}", pair[0], pair[1], id.correct(),
          id.scored(), id.enrolled(), id.tooShort());
      if (pair[0].startsWith("dev")) assertThat(id.correct()).isEqualTo(id.scored());
    }
  }

  @Test void shouldDiarizeAmi() throws Exception {
    double threshold = Double.parseDouble(System.getProperty("voice.cluster.max.distance",
        String.valueOf(Diarizer.DEFAULT_MAX_DISTANCE)));
    List<VoiceEvaluation.FileDer> files = eval.amiDiarization(VoiceData.file("media/audio/ami"),
        new Diarizer(new AverageLinkage(threshold)));
    DerComponents scored = DerComponents.ZERO;
    DerComponents skipped = DerComponents.ZERO;
    for (VoiceEvaluation.FileDer f : files) {
      String out = System.getProperty("voice.rttm.out");
      if (out != null) {
        java.nio.file.Files.writeString(Path.of(out, f.file() + ".rttm"), io.screenalytics.voice.rttm.Rttm.format(f.turns()));
      }
      LOG.info(String.format(Locale.ROOT, "DER %s: %.1f %% overlap scored (miss %.1f fa %.1f conf %.1f), %.1f %% skipped,"
          + " %d clusters", f.file(), 100 * f.overlapScored().rate(), f.overlapScored().missed(),
          f.overlapScored().falseAlarm(), f.overlapScored().confusion(), 100 * f.overlapSkipped().rate(), f.clusters()));
      scored = scored.plus(f.overlapScored());
      skipped = skipped.plus(f.overlapSkipped());
    }
    LOG.info(String.format(Locale.ROOT, "DER total at distance %.2f: %.1f %% overlap scored (missed %.1f, false alarm %.1f,"
        + " confusion %.1f points), %.1f %% overlap skipped (missed %.1f, false alarm %.1f, confusion %.1f)", threshold,
        100 * scored.rate(), 100 * scored.missed() / scored.total(), 100 * scored.falseAlarm() / scored.total(),
        100 * scored.confusion() / scored.total(), 100 * skipped.rate(), 100 * skipped.missed() / skipped.total(),
        100 * skipped.falseAlarm() / skipped.total(), 100 * skipped.confusion() / skipped.total()));
    assertThat(files).hasSize(12);
    assertThat(scored.rate()).isLessThanOrEqualTo(0.35);
    assertThat(skipped.rate()).isLessThanOrEqualTo(0.25);
  }
}
