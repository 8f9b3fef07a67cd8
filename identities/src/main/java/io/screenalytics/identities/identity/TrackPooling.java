package io.screenalytics.identities.identity;

import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.identities.episode.EpisodeIndex;
import io.screenalytics.identities.episode.FaceRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns each track's face embeddings into one track embedding.
 *
 * <pre>
 *   w_f   = FaceScore.score(f) = clamp(det_score_f, 0, 1) * blur_f / (blur_f + blurReference)
 *   e_t   = normalise( sum_f w_f * normalise(x_f) )      over faces f of track t with an embedding
 * </pre>
 *
 * <p>When every weight of a track is 0 (all detections at score 0 or all crops flat) the faces count
 * equally instead. Tracks without any embedded face get no track embedding: assembly reports them as
 * unassigned rather than inventing a single-track identity from no evidence (their faces were
 * usually skipped by the embedder's quality gate: tiny, profile or blurred).
 *
 * <p>Stateless apart from its settings; thread-safe.
 */
public final class TrackPooling {

  private final double blurReference;

  /** @param blurReference see {@link FaceScore}, &gt; 0 */
  public TrackPooling(double blurReference) {
    if (!(blurReference > 0)) {
      throw new IllegalArgumentException("blur reference must be > 0, got " + blurReference);
    }
    this.blurReference = blurReference;
  }

  /**
   * Embeds every track of {@code index} that has at least one embedded face.
   *
   * @return track embeddings ordered by track id; {@code float[D]} each
   * @throws IllegalArgumentException when embeddings disagree on D
   */
  public List<TrackEmbedding> embed(EpisodeIndex index) {
    int dims = -1;
    List<TrackEmbedding> out = new ArrayList<>();
    for (int trackId : index.trackIds()) {
      List<FaceRecord> embedded = new ArrayList<>();
      for (FaceRecord f : index.facesOf(trackId)) {
        if (!f.hasEmbedding()) {
          continue;
        }
        if (dims < 0) {
          dims = f.embedding().length;
        } else if (f.embedding().length != dims) {
          throw new IllegalArgumentException("face " + f.faceId() + " has a " + f.embedding().length
              + "-d embedding, expected " + dims + "-d like the episode's other faces");
        }
        embedded.add(f);
      }
      if (!embedded.isEmpty()) {
        out.add(embedTrack(trackId, embedded, dims));
      }
    }
    return out;
  }

  private TrackEmbedding embedTrack(int trackId, List<FaceRecord> faces, int dims) {
    double[] weights = new double[faces.size()];
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      weights[i] = FaceScore.score(faces.get(i), blurReference);
      total += weights[i];
    }
    if (!(total > 0)) {
      Arrays.fill(weights, 1.0);
      total = 0;
    }
    double[] sum = new double[dims];
    int best = 0;
    for (int i = 0; i < weights.length; i++) {
      Embeddings.addScaled(sum, Embeddings.normalised(faces.get(i).embedding()), weights[i]);
      best = weights[i] > weights[best] ? i : best;
    }
    float[] vector = Embeddings.normalisedOr(sum, faces.get(best).embedding());
    return new TrackEmbedding(trackId, vector, faces.size(), total);
  }
}
