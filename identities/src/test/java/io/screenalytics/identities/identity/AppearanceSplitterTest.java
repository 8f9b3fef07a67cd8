package io.screenalytics.identities.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.identities.episode.EpisodeIndex;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.episode.TrackSample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Constructed embeddings: person P near (1, 0, 0, 0), person Q near (0, 1, 0, 0) (cosine P-Q about 0.05). */
class AppearanceSplitterTest {

  private static final int STRIDE = 6;

  /** Person P or Q with a small deterministic wobble in the other dimensions. */
  private static float[] person(char who, int n) {
    float wobble = 0.15f * (float) Math.sin(n);
    return who == 'P' ? new float[] {1f, 0.05f, wobble, 0.1f} : new float[] {0.05f, 1f, 0.1f, wobble};
  }

  private static FaceRecord face(int track, int n, float[] embedding) {
    long frame = (long) n * STRIDE;
    return new FaceRecord("ep:" + frame + ":" + track, frame, frame / 30.0, track, new float[] {0, 0, 50, 60},
        0.9f, 40f, 150f, embedding, embedding == null ? "low_quality" : null);
  }

  /** Faces of track {@code track} on samples 0..who.length()-1, each person as the letter says ('-': no embedding). */
  private static List<FaceRecord> faces(int track, String who) {
    List<FaceRecord> out = new ArrayList<>();
    for (int n = 0; n < who.length(); n++) {
      char c = who.charAt(n);
      out.add(face(track, n, c == '-' ? null : person(c, n)));
    }
    return out;
  }

  private static TrackRecord track(int id, int samples, String endReason) {
    List<TrackSample> s = new ArrayList<>();
    for (int n = 0; n < samples; n++) {
      s.add(new TrackSample((long) n * STRIDE, n * STRIDE / 30.0, new float[] {0, 0, 50, 60}, n < 5 ? 0.9f : 0.7f));
    }
    return new TrackRecord(id, 0, (long) (samples - 1) * STRIDE, 0, (samples - 1) * STRIDE / 30.0, s,
        samples < 5 ? 0.9f : 0.8f, endReason);
  }

  @Test
  void shouldSplitATrackWhereItsFacesChangePerson() {
    // Given track 3: P on samples 0-4, Q on 5-9 (sample 5 without embedding: it follows its frame), and track 5
    List<FaceRecord> faces = new ArrayList<>(faces(3, "PPPPP-QQQQ"));
    faces.addAll(faces(5, "QQQ"));
    List<TrackRecord> tracks = List.of(track(3, 10, "lost"), track(5, 3, "episode_end"));

    // When
    EpisodeIndex index = AppearanceSplitter.defaults().split(faces, tracks);

    // Then track 3 keeps samples 0-4 and the new track 6 (above every id) holds 5-9, split at Q's first face
    assertThat(index.trackIds()).containsExactly(3, 5, 6);
    assertThat(index.facesOf(3)).extracting(FaceRecord::frameIdx).containsExactly(0L, 6L, 12L, 18L, 24L, 30L);
    assertThat(index.facesOf(6)).extracting(FaceRecord::frameIdx).containsExactly(36L, 42L, 48L, 54L);
    assertThat(index.facesOf(6)).extracting(FaceRecord::faceId).containsExactly("ep:36:3", "ep:42:3", "ep:48:3", "ep:54:3");
    TrackRecord first = index.tracks().get(0);
    TrackRecord second = index.tracks().get(2);
    assertThat(first.trackId()).isEqualTo(3);
    assertThat(first.samples()).hasSize(6);
    assertThat(first.lastFrameIdx()).isEqualTo(30);
    assertThat(first.endReason()).isEqualTo(AppearanceSplitter.SPLIT_END_REASON);
    assertThat(first.meanDetScore()).isCloseTo((5 * 0.9f + 0.7f) / 6, org.assertj.core.api.Assertions.within(1e-6f));
    assertThat(second.trackId()).isEqualTo(6);
    assertThat(second.firstFrameIdx()).isEqualTo(36);
    assertThat(second.lastFrameIdx()).isEqualTo(54);
    assertThat(second.endReason()).isEqualTo("lost");
    assertThat(index.tracks().get(1)).isEqualTo(tracks.get(1));
  }

  @Test
  void shouldIgnoreAnOutlierAndAnUnconfirmedChangeAtTheEnd() {
    // Given one stray Q face inside a P track, and a Q face as the last face of another
    List<FaceRecord> faces = new ArrayList<>(faces(1, "PPPQPPPP"));
    faces.addAll(faces(2, "PPPPQ"));

    EpisodeIndex index = AppearanceSplitter.defaults().split(faces, List.of());

    // Then neither track is split
    assertThat(index.trackIds()).containsExactly(1, 2);
    assertThat(index.facesOf(1)).hasSize(8);
    assertThat(index.facesOf(2)).hasSize(5);
  }

  @Test
  void shouldNotEndAPartBeforeItHasTwoFaces() {
    // A Q face first, then P, then Q: the first Q part would have one face only, so it is not split off, and
    // the P faces become the reference, so the later Q faces still split
    EpisodeIndex index = AppearanceSplitter.defaults().split(faces(4, "QPPPPPQQQ"), List.of());
    assertThat(index.trackIds()).containsExactly(4, 5);
    assertThat(index.facesOf(4)).extracting(FaceRecord::frameIdx).containsExactly(0L, 6L, 12L, 18L, 24L, 30L);
  }

  @Test
  void shouldGiveEachPartItsOwnIdInOrderWhateverTheInputOrder() {
    // Given P, Q, P again in one track (two people taking turns in one box) and a second switching track
    List<FaceRecord> faces = new ArrayList<>(faces(1, "PPPQQQPPP"));
    faces.addAll(faces(2, "QQQPPP"));
    List<FaceRecord> shuffled = new ArrayList<>(faces);
    Collections.reverse(shuffled);

    EpisodeIndex a = AppearanceSplitter.defaults().split(faces, List.of());
    EpisodeIndex b = AppearanceSplitter.defaults().split(shuffled, List.of());

    // Then track 1 becomes 1, 3, 4 and track 2 becomes 2, 5, in both orders
    assertThat(a.trackIds()).containsExactly(1, 2, 3, 4, 5);
    assertThat(a.facesOf(3)).extracting(FaceRecord::frameIdx).containsExactly(18L, 24L, 30L);
    assertThat(a.facesOf(4)).extracting(FaceRecord::frameIdx).containsExactly(36L, 42L, 48L);
    assertThat(a.facesOf(5)).extracting(FaceRecord::frameIdx).containsExactly(18L, 24L, 30L);
    assertThat(b.faces()).extracting(FaceRecord::faceId, FaceRecord::trackId)
        .containsExactlyElementsOf(a.faces().stream()
            .map(f -> org.assertj.core.groups.Tuple.tuple(f.faceId(), f.trackId())).toList());
  }

  @Test
  void shouldCompareWithTheRecentWindowOnly() {
    // Given a face turning slowly through 150 degrees of embedding space over 40 samples (about 4 per sample)
    List<FaceRecord> faces = new ArrayList<>();
    for (int n = 0; n < 40; n++) {
      double a = Math.toRadians(150) * n / 39;
      faces.add(face(1, n, new float[] {(float) Math.cos(a), (float) Math.sin(a), 0f, 0f}));
    }
    // Then a 24-frame window follows the drift; a window over the whole track would split it
    assertThat(AppearanceSplitter.defaults().split(faces, List.of()).trackIds()).containsExactly(1);
    AppearanceSplitter wholeTrack = new AppearanceSplitter(new AppearanceSplitter.Settings(0.35, 10_000, 2));
    assertThat(wholeTrack.split(faces, List.of()).trackIds()).hasSizeGreaterThan(1);
  }

  @Test
  void shouldRejectInvalidSettings() {
    assertThatThrownBy(() -> new AppearanceSplitter.Settings(1.5, -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min similarity").hasMessageContaining("window").hasMessageContaining("min part faces");
  }
}
