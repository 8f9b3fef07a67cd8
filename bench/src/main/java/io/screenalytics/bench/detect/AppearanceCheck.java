package io.screenalytics.bench.detect;

import io.screenalytics.identities.episode.EpisodeIndex;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.identity.AppearanceSplitter;
import io.screenalytics.schemas.AvroValues;
import io.screenalytics.schemas.DetectedFace;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.vision.embed.FaceEmbedder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evidence for the appearance gate's threshold on real tracks: every published face is embedded (as the embed
 * service would), then
 * <ul>
 *   <li>same person: each face against its track's reference (mean of the track's faces of the previous 24 source
 *       frames, or its previous face), the comparison {@link AppearanceSplitter} makes;</li>
 *   <li>different people: faces of two tracks in the same frame (ByteTrack never gives one person two tracks in
 *       one frame);</li>
 *   <li>how many splits the gate makes at several thresholds.</li>
 * </ul>
 */
public final class AppearanceCheck {

  private static final Logger LOG = LoggerFactory.getLogger(AppearanceCheck.class);
  private static final int WINDOW_FRAMES = AppearanceSplitter.Settings.DEFAULT_WINDOW_FRAMES;

  private AppearanceCheck() {}

  /** Embeds the faces of {@code run}, logs the two distributions and the split counts. */
  public static void report(EpisodeTracks run, FaceEmbedder embedder) {
    List<FaceRecord> faces = new ArrayList<>();
    for (FaceBatch b : run.batches()) {
      List<byte[]> crops = b.getFaces().stream().map(f -> AvroValues.bytes(f.getCrop())).toList();
      float[][] vectors = crops.isEmpty() ? new float[0][] : embedder.embed(crops);
      for (int i = 0; i < vectors.length; i++) {
        DetectedFace f = b.getFaces().get(i);
        float[] box = {f.getBboxXyxy().get(0), f.getBboxXyxy().get(1), f.getBboxXyxy().get(2), f.getBboxXyxy().get(3)};
        faces.add(new FaceRecord(f.getFaceId(), b.getFrameIdx(), b.getTs(), f.getTrackId(), box, f.getDetScore(),
            f.getQuality().getContrast(), f.getQuality().getBlur(), vectors[i], null));
      }
    }
    EpisodeIndex index = EpisodeIndex.of(faces, List.of());
    List<Double> same = new ArrayList<>();
    for (int track : index.trackIds()) {
      List<FaceRecord> tf = index.facesOf(track);
      for (int i = 1; i < tf.size(); i++) {
        same.add((double) Embeddings.cosine(reference(tf, i), tf.get(i).embedding()));
      }
    }
    List<Double> different = new ArrayList<>();
    Map<Long, List<FaceRecord>> byFrame = new TreeMap<>();
    faces.forEach(f -> byFrame.computeIfAbsent(f.frameIdx(), k -> new ArrayList<>()).add(f));
    for (List<FaceRecord> inFrame : byFrame.values()) {
      for (int i = 0; i < inFrame.size(); i++) {
        for (int j = i + 1; j < inFrame.size(); j++) {
          if (inFrame.get(i).trackId() != inFrame.get(j).trackId()) {
            different.add((double) Embeddings.cosine(inFrame.get(i).embedding(), inFrame.get(j).embedding()));
          }
        }
      }
    }
    LOG.info("{} appearance: {} faces in {} tracks; same track vs 24-frame reference: {}", run.clip(), faces.size(),
        index.trackIds().size(), summary(same));
    LOG.info("{} appearance: different tracks in one frame: {}", run.clip(), summary(different));
    StringBuilder splits = new StringBuilder();
    for (double t : new double[] {0.25, 0.35, 0.45, 0.55}) {
      AppearanceSplitter splitter = new AppearanceSplitter(new AppearanceSplitter.Settings(t, WINDOW_FRAMES, 2));
      int after = splitter.split(faces, List.of()).trackIds().size();
      splits.append(String.format(" at %.2f: %d", t, after - index.trackIds().size()));
    }
    LOG.info("{} appearance: splits{}", run.clip(), splits);
  }

  /** Normalised mean of the track's faces within the window before face {@code i}, or face {@code i - 1}. */
  private static float[] reference(List<FaceRecord> faces, int i) {
    long from = faces.get(i).frameIdx() - WINDOW_FRAMES;
    float[] sum = new float[faces.get(i).embedding().length];
    int n = 0;
    for (int k = 0; k < i; k++) {
      if (faces.get(k).frameIdx() >= from) {
        add(sum, faces.get(k).embedding());
        n++;
      }
    }
    if (n == 0) {
      add(sum, faces.get(i - 1).embedding());
    }
    return Embeddings.l2NormaliseInPlace(sum);
  }

  private static void add(float[] sum, float[] v) {
    float[] u = Embeddings.l2NormaliseInPlace(v.clone());
    for (int d = 0; d < sum.length; d++) {
      sum[d] += u[d];
    }
  }

  private static String summary(List<Double> values) {
    if (values.isEmpty()) {
      return "none";
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return String.format("n=%d min %.3f p1 %.3f p5 %.3f median %.3f p95 %.3f p99 %.3f max %.3f", v.length, v[0],
        pct(v, 1), pct(v, 5), pct(v, 50), pct(v, 95), pct(v, 99), v[v.length - 1]);
  }

  private static double pct(double[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))];
  }
}
