package io.screenalytics.identities.naming;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.identities.AssemblyConfig;
import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.EpisodeAssembler;
import io.screenalytics.identities.Identity;
import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.vision.embed.Embeddings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Naming with episode evidence, quality bands, the runner-up margin and unusable faces, through
 * {@link EpisodeAssembler} on synthetic 512-d embeddings whose cosines are set exactly. Faces: detector score 0.9;
 * blur 1000 gives quality 0.82 (HIGH), blur 15 quality 0.117 (LOW), blur 2 quality 0.018 (UNUSABLE).
 */
class EpisodeNamingTest {

  private static final float SHARP = 1000f;
  private static final float BLURRED = 15f;

  private final SyntheticEpisode vectors = new SyntheticEpisode("naming", 25, 6, 60, 7);
  private final List<FaceRecord> faces = new ArrayList<>();
  private int nextFrame;

  /** A track of 10 sampled frames after every earlier track (no two tracks share a frame). */
  private void track(int trackId, float[] embedding, float blur, float contrast) {
    for (int i = 0; i < 10; i++) {
      long frame = 6L * nextFrame++;
      faces.add(new FaceRecord("naming:" + frame + ":0", frame, frame / 25.0, trackId,
          new float[] {100, 100, 200, 220}, 0.9f, contrast, blur, vectors.noisy(embedding, 0.02), null));
    }
  }

  private AssemblyResult assemble(Facebank facebank) {
    return new EpisodeAssembler().assemble(vectors.info(), faces, List.of(), facebank, AssemblyConfig.defaults(),
        SyntheticEpisode.MODELS);
  }

  private static FacebankSeed seed(float[] v, String photo) {
    return new FacebankSeed(v, photo, "fr_feature");
  }

  private static Identity identityOf(AssemblyResult r, int trackId) {
    return r.identities().stream().filter(i -> i.trackIds().contains(trackId)).findFirst().orElseThrow();
  }

  private static NamingDecision decisionOf(AssemblyResult r, int trackId) {
    return identityOf(r, trackId).naming().stream().filter(d -> d.trackIds().contains(trackId)).findFirst()
        .orElseThrow();
  }

  @Test
  void shouldNameABlurredTrackThroughTheEpisodesOwnSharpNamedTrack() {
    // Given Ann sharp (her photo at cosine 0.35) and later blurred (0.45 to the sharp track, far from the photo)
    float[] ann = vectors.person("ann");
    float[] p = orthogonal(ann);
    float[] blurredAnn = combine(new double[] {0.45, 0.893}, ann, p);
    float[] photo = combine(new double[] {0.35, 0.0}, ann, p);
    track(1, ann, SHARP, 40);
    track(2, blurredAnn, BLURRED, 40);
    track(3, vectors.person("someone"), SHARP, 40);
    assertThat(Embeddings.dot(blurredAnn, photo)).as("the photo alone cannot name the blurred track")
        .isLessThan(QualityBand.LOW.threshold(0.28));
    // When
    AssemblyResult r = assemble(Facebank.builder().add("Ann", seed(photo, "ann.jpg"))
        .add("Cy", seed(vectors.person("cy"), "cy.jpg")).build());
    // Then both of Ann's tracks are Ann's, the blurred one through track 1
    assertThat(identityOf(r, 1).name()).isEqualTo("Ann");
    assertThat(identityOf(r, 2).name()).isEqualTo("Ann");
    assertThat(identityOf(r, 3).name()).isNull();
    NamingDecision sharp = decisionOf(r, 1);
    assertThat(sharp.source()).isEqualTo(NamingDecision.Source.FACEBANK);
    assertThat(sharp.seedPhoto()).isEqualTo("ann.jpg");
    assertThat(sharp.band()).isEqualTo(QualityBand.HIGH);
    NamingDecision blurred = decisionOf(r, 2);
    assertThat(blurred.source()).isEqualTo(NamingDecision.Source.EPISODE);
    assertThat(blurred.evidenceTrackId()).isEqualTo(1);
    assertThat(blurred.band()).isEqualTo(QualityBand.LOW);
    assertThat(blurred.similarity()).isBetween(0.40, 0.50);
    assertThat(blurred.threshold()).isEqualTo(0.23);
    assertThat(blurred.describe()).startsWith("episode track 1, cosine 0.4");
  }

  @Test
  void shouldKeepABlurredUnknownUnknownWhenItsOwnSharpTrackIsCloserThanACastMember() {
    // Given Ann named; an unknown person sharp, then blurred at 0.32 to Ann's track but 0.55 to their own
    float[] ann = vectors.person("ann");
    float[] stranger = orthogonal(ann);
    float[] blurredStranger = combine(new double[] {0.32, 0.55}, ann, stranger);
    track(1, ann, SHARP, 40);
    track(2, stranger, SHARP, 40);
    track(3, blurredStranger, BLURRED, 40);
    assertThat(Embeddings.dot(blurredStranger, ann)).isGreaterThan(QualityBand.LOW.threshold(0.28));
    // When
    AssemblyResult r = assemble(Facebank.builder().add("Ann", seed(vectors.atCosine(ann, 0.6), "ann.jpg")).build());
    // Then
    assertThat(identityOf(r, 1).name()).isEqualTo("Ann");
    assertThat(identityOf(r, 3).name()).isNull();
    NamingDecision d = decisionOf(r, 3);
    assertThat(d.reason()).contains("episode Ann (track 1)").contains("does not beat unknown track 2");
    assertThat(d.runnerUp()).isNull();
  }

  @Test
  void shouldNotNameASharpTrackAfterACastMemberWhenItResemblesAnUnnamedPersonAsSharpMore() {
    // Given Bea enrolled and named on her own track; an actor never enrolled, sharp on two tracks: one at 0.32 to
    // Bea's photo (above the threshold, and Bea the only cast member), the other at 0.10 to it, 0.45 between them
    float[] bea = vectors.person("bea");
    float[] actor = orthogonal(bea);
    float[] actorLikeBea = combine(new double[] {0.32, 0.45}, bea, actor);
    track(1, bea, SHARP, 40);
    track(2, actor, SHARP, 40);
    track(3, actorLikeBea, SHARP, 40);
    // When
    AssemblyResult r = assemble(Facebank.builder().add("Bea", seed(bea, "bea.jpg")).build());
    // Then Bea keeps her name; the actor's track near Bea's photo does not borrow it: his other track is closer
    assertThat(identityOf(r, 1).name()).isEqualTo("Bea");
    assertThat(identityOf(r, 2).name()).isNull();
    assertThat(identityOf(r, 3).name()).isNull();
    NamingDecision d = decisionOf(r, 3);
    assertThat(d.reason()).contains("facebank Bea 0.3").contains("does not beat unknown track 2 0.4");
    // and Bea's own decision names the unnamed person as her runner-up when it is the closest competitor
    assertThat(decisionOf(r, 1).runnerUp()).startsWith("unknown track");
  }

  @Test
  void shouldNotNameWhenTheRunnerUpCastMemberIsWithinTheMargin() {
    // Given a sharp track at 0.40 to Ann's photo and 0.38 to Bea's
    float[] face = vectors.person("face");
    float[] annPhoto = vectors.atCosine(face, 0.40);
    float[] beaPhoto = combine(new double[] {0.38, 0.0}, face, orthogonal(face, annPhoto));
    track(1, face, SHARP, 40);
    // When
    AssemblyResult r = assemble(Facebank.builder().add("Ann", seed(annPhoto, "ann.jpg"))
        .add("Bea", seed(beaPhoto, "bea.jpg")).build());
    // Then
    assertThat(identityOf(r, 1).name()).isNull();
    NamingDecision d = decisionOf(r, 1);
    assertThat(d.reason()).contains("facebank Ann 0.39").contains("does not beat Bea 0.38").contains("by 0.05");
    assertThat(d.runnerUp()).isEqualTo("Bea");
  }

  @Test
  void shouldNeverNameNearBlackOrVeryLowQualityFacesAndSayWhy() {
    // Given two tracks embedded exactly as Ann's photo: one near-black, one almost without detail
    float[] ann = vectors.person("ann");
    track(1, ann, SHARP, 4);
    track(2, ann, 2f, 40);
    // When
    AssemblyResult r = assemble(Facebank.builder().add("Ann", seed(ann, "ann.jpg")).build());
    // Then
    assertThat(r.identities()).allMatch(i -> i.name() == null);
    assertThat(decisionOf(r, 1).band()).isEqualTo(QualityBand.UNUSABLE);
    assertThat(decisionOf(r, 1).reason()).startsWith("unusable: near-black or flat faces (contrast 4.0 < 10)");
    assertThat(decisionOf(r, 2).reason()).startsWith("unusable: very low quality 0.01");
  }

  @Test
  void shouldNameLowQualityTracksOfOneClusterEachOnItsOwnEvidence() {
    // Given two blurred tracks of different people that cluster together (cosine 0.6): one matches Ann's photo
    float[] ann = vectors.person("ann");
    float[] p = orthogonal(ann);
    float[] blurredAnn = combine(new double[] {0.5, 0.866}, ann, p);
    float[] blurredOther = combine(new double[] {0.0, 0.7}, ann, p);
    track(1, blurredAnn, BLURRED, 40);
    track(2, blurredOther, BLURRED, 40);
    // When
    AssemblyResult r = assemble(Facebank.builder().add("Ann", seed(ann, "ann.jpg")).build());
    // Then the cluster is split for naming: only track 1 is Ann's
    assertThat(identityOf(r, 1).name()).isEqualTo("Ann");
    assertThat(identityOf(r, 1).trackIds()).containsExactly(1);
    assertThat(identityOf(r, 2).name()).isNull();
    assertThat(decisionOf(r, 2).reason()).contains("facebank Ann ").contains("< 0.23");
  }

  /**
   * {@code sum c_i * basis_i + sqrt(1 - sum c_i^2) * r}, r a random unit vector orthogonal to every basis vector: with
   * an orthonormal basis, a unit vector at cosine exactly c_i to each.
   */
  private float[] combine(double[] coefficients, float[]... basis) {
    float[] r = orthogonal(basis);
    double rest = 1;
    double[] v = new double[r.length];
    for (int b = 0; b < basis.length; b++) {
      rest -= coefficients[b] * coefficients[b];
      for (int i = 0; i < v.length; i++) {
        v[i] += coefficients[b] * basis[b][i];
      }
    }
    for (int i = 0; i < v.length; i++) {
      v[i] += Math.sqrt(Math.max(0, rest)) * r[i];
    }
    return Embeddings.normalised(v);
  }

  /** A random unit vector orthogonal to every one of {@code basis} (Gram-Schmidt). */
  private float[] orthogonal(float[]... basis) {
    double[] g = new double[SyntheticEpisode.DIMS];
    float[] random = vectors.noisy(vectors.person("ann"), 100);
    for (int i = 0; i < g.length; i++) {
      g[i] = random[i];
    }
    List<double[]> done = new ArrayList<>();
    for (float[] b : basis) {
      double[] u = new double[b.length];
      for (int i = 0; i < u.length; i++) {
        u[i] = b[i];
      }
      for (double[] d : done) {
        subtract(u, d);
      }
      normalise(u);
      done.add(u);
      subtract(g, u);
    }
    return Embeddings.normalised(g);
  }

  private static void subtract(double[] v, double[] unit) {
    double p = 0;
    for (int i = 0; i < v.length; i++) {
      p += v[i] * unit[i];
    }
    for (int i = 0; i < v.length; i++) {
      v[i] -= p * unit[i];
    }
  }

  private static void normalise(double[] v) {
    double n = 0;
    for (double x : v) {
      n += x * x;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= Math.sqrt(n);
    }
  }
}
