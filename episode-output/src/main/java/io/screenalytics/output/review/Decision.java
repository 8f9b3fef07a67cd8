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
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Decision(int seq, Kind kind, String at, String command, String identityId, List<Integer> trackIds,
    String person, String intoIdentity, List<Integer> intoTrackIds, Integer track, String facebank,
    List<RemovedSeed> removedSeeds) {

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

  public Decision {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(identityId, "identity_id");
    trackIds = trackIds == null ? List.of() : List.copyOf(trackIds);
    intoTrackIds = intoTrackIds == null ? List.of() : List.copyOf(intoTrackIds);
    removedSeeds = removedSeeds == null ? List.of() : List.copyOf(removedSeeds);
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
