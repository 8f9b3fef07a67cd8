package io.screenalytics.voice.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.algorithms.cluster.AverageLinkage;
import io.screenalytics.voice.diarize.Diarizer;
import io.screenalytics.voice.rttm.DerComponents;
import io.screenalytics.voice.rttm.Rttm;
import io.screenalytics.voice.testing.VoiceData;
import io.screenalytics.voice.testing.VoiceStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Honest diarization figures: settings tuned on one half of the AMI files ({@link AmiHalf}), DER reported on the
 * other, both ways round, beside the defaults' DER on each half ({@code docs/voice-der-split.md}).
 */
class DerSplitIT {

  private static final Logger LOG = LoggerFactory.getLogger(DerSplitIT.class);
  private static VoiceStack stack;
  private static DerTable table;

  @BeforeAll static void score() throws Exception {
    stack = new VoiceStack();
    List<String> all = AmiHalf.all();
    long t0 = System.nanoTime();
    table = new VoiceEvaluation(stack.analyzer()).amiGrid(VoiceData.file("media/audio/ami"), DerGrid.DEFAULT, all);
    LOG.info(String.format(Locale.ROOT, "%d settings x 12 files scored in %.0f s", table.settings().size(),
        (System.nanoTime() - t0) / 1e9));
    for (DerSetting s : table.settings()) {
      DerTable.Cell a = table.total(s, AmiHalf.A.files());
      DerTable.Cell b = table.total(s, AmiHalf.B.files());
      DerTable.Cell all12 = table.total(s, all);
      LOG.info(String.format(Locale.ROOT, "grid %s: A %.1f / %.1f %%, B %.1f / %.1f %%, all 12 %.1f / %.1f %%", s,
          100 * a.scored().rate(), 100 * a.skipped().rate(), 100 * b.scored().rate(), 100 * b.skipped().rate(),
          100 * all12.scored().rate(), 100 * all12.skipped().rate()));
    }
    LOG.info("eval --tune-on A,B:\n{}", VoiceReport.split(table, List.of(AmiHalf.A, AmiHalf.B)));
  }

  @AfterAll static void close() {
    stack.close();
  }

  /**
   * Measured here (docs/voice-der-split.md): tuned on A, B held out 42.0 / 33.0 %; tuned on B, A held out 20.8 /
   * 13.0 %; all 12 held out 33.9 / 23.7 % (overlap scored / skipped). Runs are bit-identical on one machine; the
   * bounds leave 3 points for another CPU's float rounding (ONNX kernels differ by instruction set), which may move
   * a window across a clustering cut: one 1.6 s window relabelled is about 0.3 points of a half's 138 s.
   */
  @Test void shouldKeepTheHeldOutDerUnderItsBoundBothWaysRound() {
    DerComponents scored = DerComponents.ZERO;
    DerComponents skipped = DerComponents.ZERO;
    for (AmiHalf half : AmiHalf.values()) {
      // Given the settings that do best on one half (logged with the report), When scored on the other half
      DerSplit split = DerSplit.of(table, half);
      scored = scored.plus(split.heldOut().scored());
      skipped = skipped.plus(split.heldOut().skipped());
      // Then the held-out half stays under its bound (B holds the hard files: trn07/trn08's four speakers)
      assertThat(split.heldOut().scored().rate()).as("DER on %s, tuned on %s", split.heldOutHalf(), half)
          .isLessThanOrEqualTo(half == AmiHalf.A ? 0.45 : 0.24);
    }
    // And all 12 files, each scored with the settings tuned on the other half
    assertThat(scored.rate()).isLessThanOrEqualTo(0.37);
    assertThat(skipped.rate()).isLessThanOrEqualTo(0.27);
  }

  @Test void shouldScoreTheGridAsOneSettingIsScored() throws Exception {
    // Given the setting chosen on A, When B is diarized with it alone (decode, VAD, embed, cluster, score)
    DerSplit split = DerSplit.of(table, AmiHalf.A);
    VoiceEvaluation alone = new VoiceEvaluation(stack.analyzer(split.chosen().detector()));
    List<VoiceEvaluation.FileDer> files = alone.amiDiarization(VoiceData.file("media/audio/ami"),
        new Diarizer(new AverageLinkage(split.chosen().clusterDistance())));
    String out = System.getProperty("voice.rttm.out");
    DerComponents scored = DerComponents.ZERO;
    DerComponents skipped = DerComponents.ZERO;
    for (VoiceEvaluation.FileDer f : files) {
      if (!AmiHalf.B.files().contains(f.file())) continue;
      if (out != null) Files.writeString(Path.of(out, f.file() + ".rttm"), Rttm.format(f.turns()));
      scored = scored.plus(f.overlapScored());
      skipped = skipped.plus(f.overlapSkipped());
    }
    LOG.info(String.format(Locale.ROOT, "held out B with %s, alone: DER %.3f %% (total %.3f s, missed %.3f,"
        + " false alarm %.3f, confusion %.3f), overlap skipped %.3f %% (total %.3f s, missed %.3f, false alarm %.3f,"
        + " confusion %.3f)",
        split.chosen(), 100 * scored.rate(), scored.total(), scored.missed(), scored.falseAlarm(), scored.confusion(),
        100 * skipped.rate(), skipped.total(), skipped.missed(), skipped.falseAlarm(), skipped.confusion()));
    // Then the grid's held-out figure is the same DER
    assertThat(scored.rate()).isCloseTo(split.heldOut().scored().rate(), Offset.offset(1e-9));
    assertThat(skipped.rate()).isCloseTo(split.heldOut().skipped().rate(), Offset.offset(1e-9));
  }
}
