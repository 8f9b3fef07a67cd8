package io.screenalytics.identities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.screenalytics.identities.episode.TrackSplit;
import io.screenalytics.identities.voice.EpisodeAsd;
import io.screenalytics.identities.voice.TrackLogits;
import io.screenalytics.voice.assembly.FaceLogits;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SpeechAssembler#faceLogits} on a track the appearance gate split: the active speaker stage scored the track
 * as it was (one id), assembly splits it into two people; each piece of its logits goes to the part on screen then.
 */
class FaceLogitsBySplitTest {

  /** 25 fps, stride 5: a sampled frame every 0.2 s. Track 1 is ann for 0-9.8 s, then bea 10-19.8 s; track 2 cid. */
  private final SyntheticEpisode ep = new SyntheticEpisode("split", 25, 5, 20, 7)
      .track(1, "ann", 0, 50).track(1, "bea", 50, 50).track(2, "cid", 0, 100);

  @Test
  void shouldGiveASplitTracksLogitsOverItsSecondPartToTheSecondPartsIdentity() {
    // Given the faces assembled: track 1 split at 10 s into ann's part (id 1) and bea's part (a new id)
    AssemblyResult faces = ep.assemble();
    assertThat(faces.trackSplits()).singleElement().satisfies(s -> {
      assertThat(s.trackId()).isEqualTo(1);
      assertThat(s.parts()).hasSize(2);
      assertThat(s.parts().get(1).fromS()).isCloseTo(10.0, within(1e-9));
    });
    TrackSplit.Part second = faces.trackSplits().get(0).parts().get(1);
    String ann = identityOf(faces, 1);
    String bea = identityOf(faces, second.trackId());
    String cid = identityOf(faces, 2);
    assertThat(ann).isNotEqualTo(bea);
    // and logits under the stage's track ids: track 1 over 8-12 s (frame k's logit is k) and 0-20 s, track 2 0-20 s
    TrackLogits across = new TrackLogits(1, 8, 25, ramp(100));
    TrackLogits whole = new TrackLogits(1, 0, 25, ramp(500));
    TrackLogits other = new TrackLogits(2, 0, 25, ramp(500));
    EpisodeAsd asd = new EpisodeAsd(EpisodeAsd.AsdState.OK, null, "light_asd_ava", List.of(across, whole, other));

    // When they are mapped to identities
    List<FaceLogits> out = SpeechAssembler.faceLogits(faces, asd);

    // Then track 1's spans are cut at 10 s: before on ann (track 1), after on bea (the second part's id)
    assertThat(out).hasSize(5);
    assertPiece(out.get(0), ann, 1, 8.0, 0, 50);
    assertPiece(out.get(1), bea, second.trackId(), 10.0, 50, 50);
    assertPiece(out.get(2), ann, 1, 0.0, 0, 250);
    assertPiece(out.get(3), bea, second.trackId(), 10.0, 250, 250);
    // and the unsplit track 2 is unchanged, whole, on cid
    assertThat(out.get(4).identityId()).isEqualTo(cid);
    assertThat(out.get(4).trackId()).isEqualTo(2);
    assertThat(out.get(4).logits()).isSameAs(other.logits());

    // And cutting what was already cut (rescore from the stored asd.json) changes nothing
    EpisodeAsd cut = asd.byParts(faces.trackSplits());
    assertThat(cut.byParts(faces.trackSplits()).tracks()).isEqualTo(cut.tracks());
    assertThat(SpeechAssembler.faceLogits(faces, cut)).hasSize(5);
  }

  @Test
  void shouldLeaveLogitsWhole() {
    // Given an episode where nothing is split
    AssemblyResult faces = new SyntheticEpisode("whole", 25, 5, 20, 7).track(1, "ann", 0, 100).assemble();
    EpisodeAsd asd = new EpisodeAsd(EpisodeAsd.AsdState.OK, null, "light_asd_ava",
        List.of(new TrackLogits(1, 0, 25, ramp(500))));

    // When mapped, Then one piece, the same logits
    assertThat(faces.trackSplits()).isEmpty();
    assertThat(asd.byParts(faces.trackSplits())).isSameAs(asd);
    assertThat(SpeechAssembler.faceLogits(faces, asd)).singleElement()
        .satisfies(f -> assertThat(f.logits()).isSameAs(asd.tracks().get(0).logits()));
  }

  private static void assertPiece(FaceLogits f, String identity, int track, double startS, int firstLogit,
                                  int frames) {
    assertThat(f.identityId()).isEqualTo(identity);
    assertThat(f.trackId()).isEqualTo(track);
    assertThat(f.startS()).isCloseTo(startS, within(1e-9));
    assertThat(f.logits()).hasSize(frames);
    assertThat(f.logits()[0]).isEqualTo((float) firstLogit);
  }

  private static float[] ramp(int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) out[i] = i;
    return out;
  }

  private static String identityOf(AssemblyResult faces, int track) {
    return faces.identities().stream().filter(i -> i.trackIds().contains(track)).map(Identity::id).findFirst()
        .orElseThrow();
  }
}
