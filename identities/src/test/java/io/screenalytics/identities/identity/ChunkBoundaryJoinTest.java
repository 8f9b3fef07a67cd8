package io.screenalytics.identities.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.identity.ChunkBoundaryJoin.Boundary;
import io.screenalytics.identities.identity.ChunkBoundaryJoin.Joined;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Tracks split at chunk boundaries (chunks of 10 sampled frames at stride 1: boundaries 9|10 and 19|20). Boxes of
 * {@link SyntheticEpisode} sit at x = 100 + track id, so tracks with close ids overlap and the embeddings decide;
 * faces of one person have a cosine near 0.76, of two people near 0.
 */
class ChunkBoundaryJoinTest {

  private static final Boundary FIRST = new Boundary(9, 10, false);
  private static final Boundary SECOND = new Boundary(19, 20, false);

  @Test
  void overlappingBoxesJoinByEmbeddingAcrossEveryBoundary() {
    SyntheticEpisode e = new SyntheticEpisode("ep", 25, 1, 1.2, 7)
        .track(1, "anna", 0, 10).track(2, "bob", 0, 10)
        .track(4, "bob", 10, 10).track(3, "anna", 10, 10)
        .track(5, "anna", 20, 10);
    Joined j = new ChunkBoundaryJoin().join(e.tracks(), e.faces(), List.of(SECOND, FIRST));

    assertEquals(Map.of(3, 1, 4, 2, 5, 1), j.joinedInto());
    assertEquals(List.of(1, 2), j.tracks().stream().map(TrackRecord::trackId).toList());
    TrackRecord anna = j.tracks().get(0);
    assertEquals(0, anna.firstFrameIdx());
    assertEquals(29, anna.lastFrameIdx());
    assertEquals(30, anna.samples().size());
    assertEquals(19, j.tracks().get(1).lastFrameIdx());
    Map<Integer, Long> facesPerTrack = j.faces().stream()
        .collect(Collectors.groupingBy(FaceRecord::trackId, Collectors.counting()));
    assertEquals(Map.of(1, 30L, 2, 20L), facesPerTrack);
    assertEquals(e.faces().size(), j.faces().size());
    double expectedMean = e.tracks().stream().filter(t -> t.trackId() % 2 == 1)
        .flatMap(t -> t.samples().stream()).mapToDouble(s -> s.detScore()).average().orElseThrow();
    assertEquals(expectedMean, anna.meanDetScore(), 1e-5);
  }

  @Test
  void farBoxesDifferentPeopleScenCutsAndEarlyEndsStaySplit() {
    SyntheticEpisode e = new SyntheticEpisode("ep", 25, 1, 1.2, 11)
        .track(1, "anna", 0, 10).track(300, "anna", 10, 10) // same person, boxes 200 px apart: IoU 0
        .track(2, "bob", 0, 10).track(3, "carl", 10, 10) // boxes overlap, different people
        .track(6, "dora", 0, 9).track(7, "dora", 10, 10) // lost one frame before the boundary
        .track(10, "emma", 10, 10).track(11, "emma", 20, 10) // the second boundary is a scene cut
        .track(20, null, 10, 10).track(21, null, 20, 10); // no embeddings
    Joined j = new ChunkBoundaryJoin().join(e.tracks(), e.faces(), List.of(FIRST, new Boundary(19, 20, true)));

    assertTrue(j.joinedInto().isEmpty(), "joined: " + j.joinedInto());
    assertEquals(e.tracks(), j.tracks());
    assertEquals(e.faces(), j.faces());
  }

  @Test
  void withoutTheSceneCutTheSecondBoundaryJoins() {
    SyntheticEpisode e = new SyntheticEpisode("ep", 25, 1, 1.2, 11)
        .track(10, "emma", 10, 10).track(11, "emma", 20, 10);
    assertEquals(Map.of(11, 10), new ChunkBoundaryJoin().join(e.tracks(), e.faces(), List.of(SECOND)).joinedInto());
  }

  @Test
  void rejectsBadBounds() {
    assertThrows(IllegalArgumentException.class, () -> new ChunkBoundaryJoin(1.5, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new ChunkBoundaryJoin(0.2, -2));
    assertThrows(IllegalArgumentException.class, () -> new Boundary(10, 10, false));
  }
}
