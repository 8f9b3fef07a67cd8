package io.screenalytics.output.manifest;

import io.screenalytics.identities.episode.EpisodeInfo;
import io.screenalytics.identities.screentime.ScreenTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An episode's {@code screen_time.json} as read back ({@link EpisodeManifestReader#storedScreenTime}).
 *
 * @param episode   the episode record (fps, stride, duration, scene cuts)
 * @param rows      one row per identity (and per voice heard without a face), longest first; the unassigned
 *                  tracks' row excluded
 * @param speakingS {@code speaking_s} by identity id, seconds; empty when the episode has no voices
 */
public record StoredScreenTime(EpisodeInfo episode, List<ScreenTime> rows, Map<String, Double> speakingS) {

  public StoredScreenTime {
    rows = List.copyOf(rows);
    speakingS = Map.copyOf(speakingS);
  }

  /** Seconds {@code identityId} speaks, when the episode has voices. */
  public Optional<Double> speakingS(String identityId) {
    return Optional.ofNullable(speakingS.get(identityId));
  }
}
