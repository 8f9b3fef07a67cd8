package io.screenalytics.output.review;

import io.screenalytics.identities.IdentityEdits;
import io.screenalytics.identities.json.JsonCodec;
import io.screenalytics.output.manifest.EpisodeLayout;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.StoreLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An episode's review decisions, oldest first, and the facebank it is named from:
 * {@code episodes/<episode_id>/decisions.json}. Like {@code report.html} it is not listed in {@code manifest.json}:
 * the manifests are rewritten by every assembly, the log only by decisions (and by the service, which records the
 * store facebank an episode was run with). A rerun or a rescore of the episode applies it again ({@link #edits()}).
 *
 * <pre>
 * { "schema_version" : 1, "episode_id" : "s01e01", "facebank" : "hamilton",
 *   "decisions" : [ { "seq" : 1, "kind" : "name", "at" : "...", "command" : "review", "identity_id" : "unknown_01",
 *                     "track_ids" : [ 3, 9 ], "person" : "Ann", "facebank" : "hamilton" } ] }
 * </pre>
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param episodeId     the episode
 * @param facebank      name of the store facebank ({@code facebanks/<name>.json}) the episode is matched against
 *                      and its decisions teach, or null when the episode has none by name
 * @param decisions     oldest first, {@code seq} 1, 2, ...
 */
public record DecisionLog(int schemaVersion, String episodeId, String facebank, List<Decision> decisions) {

  /** Version of the format above. */
  public static final int SCHEMA_VERSION = 1;
  /** File name in the episode folder. */
  public static final String FILE = "decisions.json";

  public DecisionLog {
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
  }

  /** An episode without decisions. */
  public static DecisionLog empty(String episodeId) {
    return new DecisionLog(SCHEMA_VERSION, episodeId, null, List.of());
  }

  /**
   * The episode's log, or an empty one.
   *
   * @throws IOException when it cannot be read or parsed, or has another schema version
   * @throws IllegalArgumentException on an invalid episode id
   */
  public static DecisionLog load(ArtifactStore store, String episodeId) throws IOException {
    String key = new EpisodeLayout(episodeId).key(FILE);
    Optional<byte[]> json = store.get(key);
    if (json.isEmpty()) {
      return empty(episodeId);
    }
    DecisionLog log = JsonCodec.read(json.get(), DecisionLog.class);
    if (log.schemaVersion() != SCHEMA_VERSION) {
      throw new IOException(key + ": unsupported schema_version " + log.schemaVersion() + ", expected "
          + SCHEMA_VERSION);
    }
    return log;
  }

  /**
   * The log an assembly of the episode applies, recording the facebank it is matched against from now on: a store
   * facebank by name ({@code facebanks/<name>.json}) becomes the log's (decisions teach it, rescores read it
   * afresh); any other location (a file) clears the log's, so rescores use the episode's own copy; null changes
   * nothing. The log is saved when it changed.
   *
   * @param facebankLocation the episode request's (or {@code rescore --facebank}'s) facebank, or null
   * @throws IOException when the log cannot be read or written
   */
  public static DecisionLog forRun(ArtifactStore store, String episodeId, String facebankLocation)
      throws IOException {
    DecisionLog log = load(store, episodeId);
    if (facebankLocation == null || facebankLocation.isBlank()) {
      return log;
    }
    String name = StoreLayout.facebankName(facebankLocation).orElse(null);
    if (!Objects.equals(name, log.facebank())) {
      log = log.withFacebank(name);
      log.save(store);
    }
    return log;
  }

  /** Writes it to {@code episodes/<episode_id>/decisions.json}. */
  public void save(ArtifactStore store) throws IOException {
    store.put(new EpisodeLayout(episodeId).key(FILE), JsonCodec.pretty(this));
  }

  /** This log with {@code decision} appended (its {@code seq} must be {@link #nextSeq()}). */
  public DecisionLog with(Decision decision) {
    if (decision.seq() != nextSeq()) {
      throw new IllegalArgumentException("decision seq " + decision.seq() + ", expected " + nextSeq());
    }
    List<Decision> all = new ArrayList<>(decisions);
    all.add(decision);
    return new DecisionLog(schemaVersion, episodeId, facebank, all);
  }

  /** This log without its last decision. */
  public DecisionLog withoutLast() {
    return new DecisionLog(schemaVersion, episodeId, facebank,
        decisions.isEmpty() ? List.of() : decisions.subList(0, decisions.size() - 1));
  }

  /** This log naming {@code bank} as the episode's facebank. */
  public DecisionLog withFacebank(String bank) {
    return new DecisionLog(schemaVersion, episodeId, bank, decisions);
  }

  /** The sequence number of the next decision. */
  public int nextSeq() {
    return decisions.size() + 1;
  }

  /** The decisions as edits of the episode's identity groups, in order ({@link IdentityEdits#NONE} when none). */
  public IdentityEdits edits() {
    return decisions.isEmpty() ? IdentityEdits.NONE : new DecisionEdits(decisions);
  }
}
