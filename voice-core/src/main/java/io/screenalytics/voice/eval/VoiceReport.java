package io.screenalytics.voice.eval;

import io.screenalytics.algorithms.cluster.AverageLinkage;
import io.screenalytics.algorithms.roc.Roc;
import io.screenalytics.voice.audio.AudioDecodeException;
import io.screenalytics.voice.diarize.Diarizer;
import io.screenalytics.voice.rttm.DerComponents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The voice section of {@code screenalytics eval} as text: LibriSpeech verification (utterances and window
 * centroids), AMI identification across files (dev00/dev01 both ways, trn07/trn08), AMI DER per file and in total
 * with overlap scored and skipped (collar 0.25 s).
 */
public final class VoiceReport {

  private VoiceReport() {
  }

  /**
   * Runs everything on {@code speechDir} ({@code shared/media/audio}: {@code librispeech/} and {@code ami/}).
   *
   * @throws IOException when a folder cannot be listed or a truth file read
   * @throws AudioDecodeException when a file cannot be decoded
   */
  public static String run(Path speechDir, VoiceEvaluation eval, double clusterDistance)
      throws IOException, AudioDecodeException {
    StringBuilder out = new StringBuilder();
    long t0 = System.nanoTime();
    Roc utterances = eval.librispeech(speechDir.resolve("librispeech"));
    Roc centroids = eval.librispeechCentroids(speechDir.resolve("librispeech"));
    out.append(String.format(Locale.ROOT, "voices: LibriSpeech pairs (%d same, %d different): AUC %.4f, EER %.2f %%"
        + " (utterance embeddings, at cosine %.3f); window centroids AUC %.4f, EER %.2f %% at cosine %.3f%n",
        utterances.positives(), utterances.negatives(), utterances.auc(), 100 * utterances.eer(),
        utterances.eerThreshold(), centroids.auc(), 100 * centroids.eer(), centroids.eerThreshold()));
    Path ami = speechDir.resolve("ami");
    for (String[] pair : new String[][] {{"dev00", "dev01"}, {"dev01", "dev00"}, {"trn07", "trn08"}}) {
      VoiceEvaluation.Identification id = eval.amiIdentification(ami, pair[0], pair[1], 1.0);
      out.append(String.format(Locale.ROOT, "voices: identification %s -> %s: %d of %d segments of 1 s or more right;"
          + " enrolled %s%s%n", pair[0], pair[1], id.correct(), id.scored(), id.enrolled(),
          id.tooShort().isEmpty() ? "" : ", too short to enrol (under 3 s of speech): " + id.tooShort()));
    }
    List<VoiceEvaluation.FileDer> files = eval.amiDiarization(ami, new Diarizer(new AverageLinkage(clusterDistance)));
    DerComponents scored = DerComponents.ZERO;
    DerComponents skipped = DerComponents.ZERO;
    out.append(String.format(Locale.ROOT, "voices: DER on the AMI files, collar 0.25 s, clustering at cosine distance"
        + " %.2f:%nvoices:   %-6s %9s %9s %9s %9s %9s %9s%n", clusterDistance, "file", "scored", "missed", "false al",
        "confusion", "skipped", "clusters"));
    for (VoiceEvaluation.FileDer f : files) {
      out.append(String.format(Locale.ROOT, "voices:   %-6s %8.1f%% %8.1f%% %8.1f%% %8.1f%% %8.1f%% %9d%n", f.file(),
          100 * f.overlapScored().rate(), percent(f.overlapScored().missed(), f.overlapScored()),
          percent(f.overlapScored().falseAlarm(), f.overlapScored()),
          percent(f.overlapScored().confusion(), f.overlapScored()), 100 * f.overlapSkipped().rate(), f.clusters()));
      scored = scored.plus(f.overlapScored());
      skipped = skipped.plus(f.overlapSkipped());
    }
    out.append(String.format(Locale.ROOT, "voices:   %-6s %8.1f%% %8.1f%% %8.1f%% %8.1f%% %8.1f%%%n", "total",
        100 * scored.rate(), percent(scored.missed(), scored), percent(scored.falseAlarm(), scored),
        percent(scored.confusion(), scored), 100 * skipped.rate()));
    out.append(String.format(Locale.ROOT, "voices: evaluated in %.0f s%n", (System.nanoTime() - t0) / 1e9));
    return out.toString();
  }

  /**
   * The held-out DER section ({@code screenalytics eval --tune-on}) of a table of every setting on the 12 AMI files
   * ({@link VoiceEvaluation#amiGrid} on {@link AmiHalf#all()}): for each half of {@code tuneOn} the setting that
   * does best there ({@link DerSplit}) and its DER on the other half; the defaults' DER on each half and on all 12;
   * when both halves are tuned on, the DER of all 12 files each scored with the setting tuned on the other half (the
   * cross-validated figure); and the best setting on all 12 (in sample, for comparison).
   *
   * @param tuneOn the halves to tune on, each reported on the other
   * @throws IllegalArgumentException when the table misses a file or the defaults
   */
  public static String split(DerTable table, List<AmiHalf> tuneOn) {
    List<String> all = AmiHalf.all();
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "voices: DER tuned on one half of the AMI files, reported on the other"
        + " (collar 0.25 s, overlap scored / skipped); A = %s, B = %s; %d settings tried%n",
        String.join(" ", AmiHalf.A.files()), String.join(" ", AmiHalf.B.files()), table.settings().size()));
    out.append(String.format(Locale.ROOT, "voices:   defaults (%s): A %s, B %s, all 12 %s%n", DerSetting.DEFAULT,
        figure(table.total(DerSetting.DEFAULT, AmiHalf.A.files())),
        figure(table.total(DerSetting.DEFAULT, AmiHalf.B.files())), figure(table.total(DerSetting.DEFAULT, all))));
    DerComponents crossScored = DerComponents.ZERO;
    DerComponents crossSkipped = DerComponents.ZERO;
    for (AmiHalf half : tuneOn.stream().distinct().sorted().toList()) {
      DerSplit split = DerSplit.of(table, half);
      out.append(String.format(Locale.ROOT, "voices:   tuned on %s (%s): %s %s tuning, %s %s held out (defaults on %s"
          + " %s)%n", half, split.chosen(), half, figure(split.tuning()), split.heldOutHalf(), figure(split.heldOut()),
          split.heldOutHalf(), figure(split.defaults())));
      crossScored = crossScored.plus(split.heldOut().scored());
      crossSkipped = crossSkipped.plus(split.heldOut().skipped());
    }
    if (tuneOn.containsAll(List.of(AmiHalf.A, AmiHalf.B))) {
      out.append(String.format(Locale.ROOT, "voices:   held out both ways (each half scored with the setting tuned on"
          + " the other): all 12 %s%n", figure(new DerTable.Cell(crossScored, crossSkipped))));
    }
    DerSetting best = table.best(all);
    out.append(String.format(Locale.ROOT, "voices:   best on all 12, in sample (%s): all 12 %s%n", best,
        figure(table.total(best, all))));
    return out.toString();
  }

  /** {@code 32.0 / 21.1 %}: overlap scored / skipped. */
  private static String figure(DerTable.Cell c) {
    return String.format(Locale.ROOT, "%.1f / %.1f %%", 100 * c.scored().rate(), 100 * c.skipped().rate());
  }

  private static double percent(double part, DerComponents of) {
    return of.total() == 0 ? 0 : 100 * part / of.total();
  }
}
