package io.screenalytics.output.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.screenalytics.identities.facebank.SeedProvenance;
import java.util.List;
import java.util.Objects;

/**
 * One reviewer decision on an episode, as its log keeps it. Identities are named by their id when the decision was
 * taken and by their tracks then ({@code trackIds}): ids change with every regrouping, track ids do not (the same
 * stored faces and settings give the same tracks), so the decision applies again to every later assembly.
 *
 * @param seq          1-based position in the episode's log
 * @param kind         what was decided
 * @param at           when, ISO-8601 UTC ({@code 2026-12-06T06:30:00Z})
 * @param command      how: the command line or {@code review} (the web application) that took it
 * @param identityId   the identity acted on, as it was named then
 * @param trackIds     its tracks then, ascending
 * @param person       {@code NAME}: the name given; {@code REJECT}: the name refused; else null
 * @param intoIdentity {@code MERGE}: the identity merged into; else null
 * @param intoTrackIds {@code MERGE}: its tracks then; else empty
 * @param track        {@code SPLIT}: the track split off; else null
 * @param facebank     the facebank a {@code NAME} or {@code REJECT} taught, else null
 * @param removedSeeds {@code REJECT}: seeds of {@code person} learned from these tracks that it removed (an undo
 *                     puts them back); else empty
 * @param held         {@code NAME}: tracks outside the decision that its new evidence would have moved from the name
 *                     they had (or from unknown) to another (or to unknown), held as they were: a decision changes
 *                     only what it names, and each such move is a suggestion for the reviewer ({@link Held}); else
 *                     empty
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Decision(int seq, Kind kind, String at, String command, String identityId, List<Integer> trackIds,
    String person, String intoIdentity, List<Integer> intoTrackIds, Integer track, String facebank,
    List<RemovedSeed> removedSeeds, List<Held> held) {

  /** What a decision does. */
  public enum Kind {
    /** The identity is this person: its best faces become seeds of the person in the facebank. */
    @JsonProperty("name") NAME,
    /** Two identities are one person. */
    @JsonProperty("merge") MERGE,
    /** A track is not the identity's person. */
    @JsonProperty("split") SPLIT,
    /** The identity is not this person: its faces become rejections of the person in the facebank. */
    @JsonProperty("reject") REJECT
  }

  /**
   * A seed a rejection removed, kept so that an undo can put it back.
   *
   * @param person      whose seed it was
   * @param sourcePhoto its photo's store key
   * @param model       embedder model
   * @param embedding   {@code float[D]}
   * @param provenance  where it was learned
   */
  public record RemovedSeed(String person, String sourcePhoto, String model, float[] embedding,
      SeedProvenance provenance) {}

  /**
   * Tracks a decision held as they were, and where its new evidence would have taken them: a suggestion the reviewer
   * confirms with a decision of their own.
   *
   * @param trackIds   the tracks, ascending
   * @param person     the name they had and keep, or null for unknown
   * @param suggested  the name the new evidence gives them, or null for unknown
   * @param similarity cosine similarity of the tracks to the suggested person's seeds, or null when not known
   */
  public record Held(List<Integer> trackIds, String person, String suggested, Double similarity) {
    public Held {
      trackIds = List.copyOf(trackIds);
    }

    /** One line for people: {@code tracks 7, 9 (Tony) would become Thor (cosine 0.41): held}. */
    public String describe() {
      return (trackIds.size() == 1 ? "track " : "tracks ") + String.join(", ", trackIds.stream().map(String::valueOf)
          .toList()) + " (" + (person == null ? "unknown" : person) + ") would become " + (suggested == null
          ? "unknown" : suggested) + (similarity == null ? "" : String.format(java.util.Locale.ROOT,
          " (cosine %.2f)", similarity)) + ": held";
    }
  }

  /** This decision with the tracks it held. */
  public Decision withHeld(List<Held> heldTracks) {
    return new Decision(seq, kind, at, command, identityId, trackIds, person, intoIdentity, intoTrackIds, track,
        facebank, removedSeeds, heldTracks);
  }

  public Decision {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(identityId, "identity_id");
    trackIds = trackIds == null ? List.of() : List.copyOf(trackIds);
    intoTrackIds = intoTrackIds == null ? List.of() : List.copyOf(intoTrackIds);
    removedSeeds = removedSeeds == null ? List.of() : List.copyOf(removedSeeds);
    held = held == null ? List.of() : List.copyOf(held);
  }

  /** One line for people: {@code #2 name unknown_01 as "Ann" (review, 2026-...)}. */
  public String describe() {
    String what = switch (kind) {
      case NAME -> "name " + identityId + " as \"" + person + "\"";
      case MERGE -> "merge " + identityId + " into " + intoIdentity;
      case SPLIT -> "split track " + track + " off " + identityId;
      case REJECT -> "reject \"" + person + "\" for " + identityId;
    };
    return "#" + seq + " " + what + " (" + command + ", " + at + ")";
  }
}
