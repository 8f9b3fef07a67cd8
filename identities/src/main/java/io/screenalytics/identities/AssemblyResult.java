package io.screenalytics.identities;

import io.screenalytics.identities.episode.EpisodeInfo;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.ModelInfo;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.episode.TrackSplit;
import io.screenalytics.identities.facebank.SeedMatch;
import io.screenalytics.identities.screentime.ScreenTime;
import io.screenalytics.identities.voice.EpisodeSpeech;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything assembly computed for one episode, ready for {@code EpisodeManifestWriter}.
 *
 * @param episode            the episode
 * @param models             models that produced the data, as given
 * @param config             settings used
 * @param faces              de-duplicated faces ordered by ({@code frame_idx}, {@code face_id})
 * @param tracks             de-duplicated tracks ordered by {@code track_id}, after the appearance gate
 * @param trackSplits        the tracks the appearance gate split (their parts are in {@code tracks}), in track id
 *                           order: what links a part to the track id the earlier stages (active speaker) used
 * @param identities         identities, longest screen time first (ties: smallest track id)
 * @param screenTime         one row per identity, same order as {@code identities}
 * @param unassignedTrackIds tracks without any embedded face, ascending: in no identity
 * @param unassigned         screen time of the unassigned tracks taken together, id
 *                           {@code unassigned}
 * @param seedMatches        face id to the nearest cast seed of its embedding, for every embedded face when
 *                           the facebank has usable seeds (empty otherwise)
 * @param speech             the episode's voices joined to these identities, or {@link EpisodeSpeech#NONE}
 */
public record AssemblyResult(
    EpisodeInfo episode,
    List<ModelInfo> models,
    AssemblyConfig config,
    List<FaceRecord> faces,
    List<TrackRecord> tracks,
    List<TrackSplit> trackSplits,
    List<Identity> identities,
    List<ScreenTime> screenTime,
    List<Integer> unassignedTrackIds,
    ScreenTime unassigned,
    Map<String, SeedMatch> seedMatches,
    EpisodeSpeech speech) {

  /** Checks and copies the parts. */
  public AssemblyResult {
    Objects.requireNonNull(speech, "speech");
    Objects.requireNonNull(episode, "episode");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(unassigned, "unassigned");
    models = List.copyOf(models);
    faces = List.copyOf(faces);
    tracks = List.copyOf(tracks);
    trackSplits = List.copyOf(trackSplits);
    identities = List.copyOf(identities);
    screenTime = List.copyOf(screenTime);
    unassignedTrackIds = List.copyOf(unassignedTrackIds);
    seedMatches = Map.copyOf(seedMatches);
  }

  /** A result without voices ({@link EpisodeSpeech#NONE}). */
  public AssemblyResult(EpisodeInfo episode, List<ModelInfo> models, AssemblyConfig config, List<FaceRecord> faces,
      List<TrackRecord> tracks, List<TrackSplit> trackSplits, List<Identity> identities, List<ScreenTime> screenTime,
      List<Integer> unassignedTrackIds, ScreenTime unassigned, Map<String, SeedMatch> seedMatches) {
    this(episode, models, config, faces, tracks, trackSplits, identities, screenTime, unassignedTrackIds, unassigned,
        seedMatches, EpisodeSpeech.NONE);
  }

  /** The same faces with {@code speech} (from {@code SpeechAssembler}). */
  public AssemblyResult withSpeech(EpisodeSpeech speech) {
    return new AssemblyResult(episode, models, config, faces, tracks, trackSplits, identities, screenTime,
        unassignedTrackIds, unassigned, seedMatches, speech);
  }

  /** The first model with role {@link ModelInfo#EMBEDDER}, if any. */
  public Optional<ModelInfo> embedder() {
    return models.stream().filter(m -> ModelInfo.EMBEDDER.equals(m.role())).findFirst();
  }

  /** The identity with id {@code id}, if any. */
  public Optional<Identity> identity(String id) {
    return identities.stream().filter(i -> i.id().equals(id)).findFirst();
  }
}
