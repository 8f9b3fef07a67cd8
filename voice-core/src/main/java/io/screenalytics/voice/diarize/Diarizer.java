package io.screenalytics.voice.diarize;

import io.screenalytics.algorithms.cluster.AverageLinkage;
import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.voice.analysis.VoiceAnalysis;
import io.screenalytics.voice.model.Vectors;
import io.screenalytics.voice.rttm.SpeakerTurn;
import io.screenalytics.voice.speech.SpeechWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who speaks when, from an analysis: windows clustered by average linkage on cosine distance, each window's own
 * span labelled with its cluster, adjacent spans of one cluster joined into turns. Clusters are named
 * {@code voice_NN} (from 01, in order of first speech); naming from a voicebank is done on the clusters'
 * centroids afterwards ({@link #centroids}). Immutable and thread-safe.
 *
 * @param linkage the clustering and its threshold (cosine distance {@value #DEFAULT_MAX_DISTANCE} by default)
 */
public record Diarizer(AverageLinkage linkage) {

  /**
   * Average linkage cut at cosine distance 0.4. Measured with {@code DerSplitIT} on the 12 shared AMI files
   * (collar 0.25, {@link io.screenalytics.voice.speech.SpeechDetector#DEFAULT}): DER overlap scored / skipped
   * 0.35: 32.3 / 19.8 %, 0.4: 30.3 / 18.3 %, 0.45: 32.4 / 21.1 %, 0.5 (the reference pipeline's): 34.3 / 22.9 %;
   * with Silero's VAD defaults 0.4: 37.2 / 26.2 %, 0.5: 40.2 / 29.4 %. Tuned on either half of the files alone
   * ({@code io.screenalytics.voice.eval.AmiHalf}), the grid also picks 0.4. GE2E embeddings are non-negative, so
   * different speakers still have cosines of 0.5-0.7: 0.5 merged most files into one speaker.
   */
  public static final double DEFAULT_MAX_DISTANCE = 0.4;

  /** Cluster label per window, {@code int[windows]}, numbered from 0 in order of first speech. */
  public int[] labels(VoiceAnalysis analysis) {
    return labels(analysis.embeddings());
  }

  /**
   * Cluster label per embedding on cosine distance {@code 1 - cos} (1 against a zero vector).
   *
   * @param embeddings {@code float[N][256]}, any norm
   * @return {@code int[N]}, numbered from 0 in order of first appearance
   * @throws IllegalArgumentException when N exceeds {@link AverageLinkage#MAX_POINTS}
   */
  public int[] labels(List<float[]> embeddings) {
    double[] norms = embeddings.stream().mapToDouble(Embeddings::norm).toArray();
    return linkage.labels(embeddings.size(), (i, j) -> norms[i] * norms[j] == 0
        ? 1.0
        : 1.0 - Embeddings.dot(embeddings.get(i), embeddings.get(j)) / (norms[i] * norms[j]));
  }

  /**
   * Turns from window labels.
   *
   * @param file     the RTTM file id
   * @param windows  the analysis's windows
   * @param labels   cluster per window
   * @param names    speaker name per cluster label
   * @param offsetS  added to every time (the start of the analysed range)
   * @return turns in time order
   */
  public static List<SpeakerTurn> turns(String file, List<SpeechWindow> windows, int[] labels, List<String> names,
                                        double offsetS) {
    List<SpeakerTurn> out = new ArrayList<>();
    double start = -1;
    double end = -1;
    int label = -1;
    int region = -1;
    for (int i = 0; i < windows.size(); i++) {
      SpeechWindow w = windows.get(i);
      if (labels[i] == label && w.region() == region && Math.abs(w.ownFrom() - end) < 1e-9) {
        end = w.ownTo();
        continue;
      }
      if (label >= 0 && end > start) out.add(new SpeakerTurn(file, start + offsetS, end + offsetS, names.get(label)));
      start = w.ownFrom();
      end = w.ownTo();
      label = labels[i];
      region = w.region();
    }
    if (label >= 0 && end > start) out.add(new SpeakerTurn(file, start + offsetS, end + offsetS, names.get(label)));
    return out;
  }

  /** {@code voice_01}, {@code voice_02}, ... for {@code count} clusters. */
  public static List<String> defaultNames(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) names.add(String.format(Locale.ROOT, "voice_%02d", i + 1));
    return names;
  }

  /** Number of clusters in a label array. */
  public static int clusterCount(int[] labels) {
    int max = -1;
    for (int l : labels) max = Math.max(max, l);
    return max + 1;
  }

  /** Unit-length centroid per cluster, {@code float[clusters][256]}. */
  public static List<float[]> centroids(List<float[]> embeddings, int[] labels) {
    int k = clusterCount(labels);
    List<float[]> out = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      List<float[]> members = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) if (labels[i] == c) members.add(embeddings.get(i));
      out.add(Vectors.meanNormalised(members));
    }
    return out;
  }
}
