package io.screenalytics.identities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.identities.facebank.MatchingConfig;
import io.screenalytics.identities.screentime.ScreenTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EpisodeAssemblerTest {

  private final EpisodeAssembler assembler = new EpisodeAssembler();

  /** 30 fps, stride 6: 0.2 s per sampled frame. */
  private static SyntheticEpisode episode() {
    return new SyntheticEpisode("s01e01", 30, 6, 120, 42)
        .track(1, "ann", 0, 50)        // 10 s
        .track(2, "bea", 0, 40)        // 8 s, on screen with track 1
        .track(3, "cal", 400, 15)      // 3 s
        .track(4, "ann", 100, 50)      // 10 s
        .track(5, "bea", 300, 10)      // 2 s
        .track(6, null, 500, 5)        // no embeddings
        .track(7, "ann", 200, 30);     // 6 s
  }

  private static Facebank cast(SyntheticEpisode ep) {
    return Facebank.builder()
        .add("Ann Åberg", new FacebankSeed(ep.noisy(ep.person("ann"), 0.56), "ann.jpg", "fr_feature"))
        .add("Bob", new FacebankSeed(ep.atCosine(ep.person("bea"), 0.20), "bob.jpg", "fr_feature"))
        .build();
  }

  @Test
  void shouldGroupTracksNameTheCastAndNumberUnknownsByScreenTime() {
    // Given
    SyntheticEpisode ep = episode();
    // When
    AssemblyResult result = assembler.assemble(ep.info(), ep.faces(), ep.tracks(), cast(ep),
        AssemblyConfig.defaults(), SyntheticEpisode.MODELS);
    // Then
    assertThat(result.identities()).extracting(Identity::id)
        .containsExactly("ann_aberg", "unknown_01", "unknown_02");
    assertThat(result.identities()).extracting(Identity::trackIds)
        .containsExactly(List.of(1, 4, 7), List.of(2, 5), List.of(3));
    Identity ann = result.identities().get(0);
    assertThat(ann.name()).isEqualTo("Ann Åberg");
    assertThat(ann.bestMatch().similarity()).isGreaterThan(0.7);
    Identity bea = result.identities().get(1);
    assertThat(bea.name()).isNull();
    assertThat(bea.bestMatch().name()).isEqualTo("Bob");
    assertThat(bea.bestMatch().similarity()).isLessThan(MatchingConfig.DEFAULT_MIN_SIMILARITY);
    assertThat(result.unassignedTrackIds()).containsExactly(6);
    assertThat(ann.thumbnails()).hasSize(3).extracting(FaceRecord::trackId).containsOnly(1, 4, 7);

    assertThat(result.screenTime()).extracting(ScreenTime::identityId)
        .containsExactly("ann_aberg", "unknown_01", "unknown_02");
    assertThat(result.screenTime()).extracting(ScreenTime::visibleSeconds)
        .containsExactly(26.0, 10.0, 3.0);
    assertThat(result.screenTime().get(0).share()).isCloseTo(26.0 / 120, within(1e-12));
    assertThat(result.screenTime().get(0).tracks()).isEqualTo(3);
    assertThat(result.screenTime().get(0).faces()).isEqualTo(130);
    assertThat(result.screenTime().get(0).firstTs()).isEqualTo(0.0);
    assertThat(result.screenTime().get(0).lastTs()).isCloseTo(229 * 0.2, within(1e-9));
    assertThat(result.unassigned().visibleSeconds()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void shouldKeepTracksInOneFrameApartEvenWhenEmbeddingsAgree() {
    // Given the same person, nearly noise-free, as two tracks in the same frames (a mirror shot)
    SyntheticEpisode ep = new SyntheticEpisode("mirror", 30, 6, 60, 7).noise(0.05)
        .track(1, "dan", 0, 20).track(2, "dan", 10, 20).track(3, "dan", 100, 5);
    // When
    AssemblyResult result = assembler.assemble(ep.info(), ep.faces(), ep.tracks(), Facebank.empty(),
        AssemblyConfig.defaults(), SyntheticEpisode.MODELS);
    // Then track 3 joins one of them, but 1 and 2 are never one person
    assertThat(result.identities()).hasSize(2);
    for (Identity identity : result.identities()) {
      assertThat(identity.trackIds().containsAll(List.of(1, 2))).isFalse();
    }
    assertThat(result.identities().get(0).trackIds()).hasSize(2).contains(3);
  }

  @Test
  void shouldMergeClustersNamedAlikeUnlessTheyShareAFrame() {
    // Given Ann looks like two people (two seed photos), and a third look-alike on screen with her
    SyntheticEpisode ep = new SyntheticEpisode("split", 30, 6, 60, 9)
        .track(1, "ann_short_hair", 0, 20)
        .track(2, "ann_long_hair", 50, 20)
        .track(3, "ann_double", 0, 10);
    Facebank bank = Facebank.builder()
        .add("Ann", new FacebankSeed(ep.noisy(ep.person("ann_short_hair"), 0.3), "a1.jpg", "fr_feature"))
        .add("Ann", new FacebankSeed(ep.noisy(ep.person("ann_long_hair"), 0.3), "a2.jpg", "fr_feature"))
        .add("Ann", new FacebankSeed(ep.noisy(ep.person("ann_double"), 0.1), "a3.jpg", "fr_feature"))
        .build();
    // When
    AssemblyResult result = assembler.assemble(ep.info(), ep.faces(), ep.tracks(), bank,
        AssemblyConfig.defaults(), SyntheticEpisode.MODELS);
    // Then the two looks merge; the co-occurring double stays unknown with Ann as best candidate
    assertThat(result.identities()).extracting(Identity::id).containsExactly("ann", "unknown_01");
    assertThat(result.identities().get(0).trackIds()).containsExactly(2, 3);
    assertThat(result.identities().get(1).trackIds()).containsExactly(1);
    assertThat(result.identities().get(1).bestMatch().name()).isEqualTo("Ann");
  }

  @Test
  void shouldNotDependOnArrivalOrderOrRedelivery() {
    SyntheticEpisode ep = episode();
    AssemblyResult first = assembler.assemble(ep.info(), ep.faces(), ep.tracks(), cast(ep),
        AssemblyConfig.defaults(), SyntheticEpisode.MODELS);
    List<FaceRecord> faces = new ArrayList<>(ep.faces());
    faces.addAll(ep.faces().subList(0, 30));
    Collections.shuffle(faces, new Random(1));
    List<TrackRecord> tracks = new ArrayList<>(ep.tracks());
    Collections.reverse(tracks);
    AssemblyResult second = assembler.assemble(ep.info(), faces, tracks, cast(ep),
        AssemblyConfig.defaults(), SyntheticEpisode.MODELS);
    assertThat(second.screenTime()).isEqualTo(first.screenTime());
    assertThat(second.identities()).extracting(Identity::trackIds)
        .isEqualTo(first.identities().stream().map(Identity::trackIds).toList());
    assertThat(second.faces()).isEqualTo(first.faces());
  }
}
