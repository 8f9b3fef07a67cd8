package io.screenalytics.identities.naming;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Why some tracks of an identity carry a name, or why they do not: the evidence of one naming decision, written to
 * {@code identities.json} ({@code naming}) and shown in the report. An identity holds one decision per naming unit
 * (a cluster's tracks of usable quality together, each low-quality track alone; see {@link EpisodeNaming}).
 *
 * @param trackIds          the tracks decided together, ascending
 * @param name              the cast member they were named after, or null when they stay unknown
 * @param source            what named them: {@link Source#FACEBANK} (a seed photo), {@link Source#EPISODE} (a track
 *                          of this episode already named) or {@link Source#NONE} for unknowns
 * @param similarity        cosine similarity to the evidence (the best candidate's, for unknowns), -1..1, or NaN
 *                          when there was no candidate
 * @param threshold         the cosine the band needed from that source, or NaN (unusable)
 * @param seedPhoto         the facebank seed's photo file when {@code source} is FACEBANK (or the unknowns' best
 *                          facebank candidate), else null
 * @param evidenceTrackId   the named track of this episode that gave {@code similarity} when {@code source} is
 *                          EPISODE, else null
 * @param quality           mean face quality of the tracks ({@link io.screenalytics.identities.identity.FaceScore},
 *                          0..1)
 * @param band              the quality band of {@code quality}
 * @param runnerUp          the runner-up: another cast member's name, or {@code unknown track N} for an unnamed
 *                          person of the episode; null when there was none
 * @param runnerUpSimilarity its cosine similarity, or NaN
 * @param reason            for unknowns, why in one line ({@code unusable: ...}, {@code below threshold: ...},
 *                          {@code no margin: ...}, {@code conflict: ...}); null when named
 */
public record NamingDecision(List<Integer> trackIds, String name, Source source, double similarity,
    double threshold, String seedPhoto, Integer evidenceTrackId, double quality, QualityBand band, String runnerUp,
    double runnerUpSimilarity, String reason) {

  /** What named a unit. */
  public enum Source {
    /** a facebank seed photo */
    FACEBANK,
    /** a track of the same episode named before */
    EPISODE,
    /** not named */
    NONE
  }

  public NamingDecision {
    trackIds = List.copyOf(trackIds);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(band, "band");
  }

  /** Whether the unit was named. */
  public boolean named() {
    return name != null;
  }

  /** This decision turned into an unknown with {@code why}. */
  public NamingDecision unnamed(String why) {
    return new NamingDecision(trackIds, null, Source.NONE, similarity, threshold, seedPhoto, evidenceTrackId,
        quality, band, runnerUp, runnerUpSimilarity, why);
  }

  /** One line for people: {@code facebank seed obama.jpg, cosine 0.291 >= 0.21 (LOW quality 0.19), runner-up ...}. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    if (named()) {
      s.append(source == Source.FACEBANK ? "facebank seed " + seedPhoto : "episode track " + evidenceTrackId)
          .append(String.format(Locale.ROOT, ", cosine %.3f >= %.2f", similarity, threshold));
    } else {
      s.append(reason);
    }
    s.append(String.format(Locale.ROOT, " (%s quality %.2f)", band, quality));
    if (runnerUp != null) {
      s.append(String.format(Locale.ROOT, "; runner-up %s %.3f", runnerUp, runnerUpSimilarity));
    }
    return s.toString();
  }
}
