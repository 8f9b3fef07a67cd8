package io.screenalytics.identities.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.episode.EpisodeIndex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The identity rules on top of {@link io.screenalytics.algorithms.cluster.AverageLinkage}. */
class TrackClustererTest {

  private static final TrackClusterer AT_HALF = new TrackClusterer(ClusteringConfig.defaults());

  @Test
  void shouldMergeSameIdentityAndSeparateDifferentOnes() {
    // Given three people, four noisy track vectors each (same-person cosine ~0.76), interleaved, never on screen
    // together
    SyntheticEpisode gen = new SyntheticEpisode("e", 30, 6, 60, 11);
    List<TrackEmbedding> tracks = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      gen.track(i, "p" + (i % 3), i);
      tracks.add(new TrackEmbedding(i, gen.noisy(gen.person("p" + (i % 3)), SyntheticEpisode.SAME_PERSON_NOISE),
          1, 1.0));
    }
    // When
    List<TrackCluster> clusters = AT_HALF.cluster(tracks, EpisodeIndex.of(gen.faces(), gen.tracks()));
    // Then
    assertThat(clusters).extracting(TrackCluster::trackIds)
        .containsExactly(List.of(0, 3, 6, 9), List.of(1, 4, 7, 10), List.of(2, 5, 8, 11));
  }

  @Test
  void shouldNeverMergeTracksSharingAFrameEvenWhenIdentical() {
    // Given three identical track vectors; tracks 0 and 1 share sampled frame 5
    SyntheticEpisode gen = new SyntheticEpisode("e", 30, 6, 60, 3);
    gen.track(0, "a", 5).track(1, "a", 5).track(2, "a", 9);
    float[] v = gen.person("a");
    List<TrackEmbedding> tracks = List.of(new TrackEmbedding(0, v, 1, 1.0), new TrackEmbedding(1, v, 1, 1.0),
        new TrackEmbedding(2, v, 1, 1.0));
    // When
    List<TrackCluster> clusters = AT_HALF.cluster(tracks, EpisodeIndex.of(gen.faces(), gen.tracks()));
    // Then (0,2) merge at distance 0; {0,2} to {1} averages infinity and 0: never merges
    assertThat(clusters).extracting(TrackCluster::trackIds).containsExactly(List.of(0, 2), List.of(1));
  }
}
