package io.screenalytics.identities.facebank;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.facebank.PhotoCheck.Checked;
import io.screenalytics.identities.facebank.PhotoCheck.Photo;
import io.screenalytics.identities.facebank.PhotoCheck.Verdict;
import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.pipeline.FaceEmbedding;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhotoCheckTest {

  private final SyntheticEpisode gen = new SyntheticEpisode("e", 30, 6, 60, 29);
  private final float[] ann = gen.person("ann");
  private final float[] bob = gen.person("bob");

  /** A face of {@code side} px at x = {@code x}, its embedding at cosine {@code cos} to {@code person}. */
  private FaceEmbedding face(float[] person, double cos, float x, float side) {
    float[] landmarks = new float[10];
    Arrays.fill(landmarks, x + side / 2);
    return new FaceEmbedding(new Detection(new float[] {x, 10, x + side, 10 + side}, landmarks, 0.9f), new byte[0],
        gen.atCosine(person, cos));
  }

  private static Photo photo(String name, FaceEmbedding... faces) {
    return new Photo(Path.of(name), List.of(faces));
  }

  @Test
  void shouldTakeTheFaceTheOtherPhotosAgreeOnInAGroupPhotoEvenWhenAnotherFaceIsLarger() {
    // Given two portraits of Ann and a group photo where Bob's face is larger than hers
    List<Photo> photos = List.of(photo("ann1.jpg", face(ann, 0.7, 0, 200)), photo("ann2.jpg", face(ann, 0.7, 0, 180)),
        photo("group.jpg", face(bob, 0.9, 0, 300), face(ann, 0.7, 400, 120)));
    // When
    List<Checked> checks = PhotoCheck.check("Ann", photos, List.of(), 0.28, false);
    // Then every photo is enrolled, the group photo with Ann's smaller face, and its agreement is recorded
    assertThat(checks).allMatch(c -> c.verdict() == Verdict.ENROLLED && c.enrolled() && c.reason() == null);
    Checked group = checks.get(2);
    assertThat(group.where().bboxXyxy()[0]).isEqualTo(400f);
    assertThat(group.where().facesInPhoto()).isEqualTo(2);
    assertThat(group.where().agreement()).isGreaterThan(0.28);
  }

  @Test
  void shouldLeaveOutAPhotoOfSomeoneElseUnlessInsisted() {
    // Given three portraits of Ann and one of Bob filed under her name
    List<Photo> photos = List.of(photo("ann1.jpg", face(ann, 0.7, 0, 200)), photo("ann2.jpg", face(ann, 0.7, 0, 200)),
        photo("ann3.jpg", face(ann, 0.7, 0, 200)), photo("bob.jpg", face(bob, 0.9, 0, 200)));
    // When
    List<Checked> strict = PhotoCheck.check("Ann", photos, List.of(), 0.28, false);
    List<Checked> insisted = PhotoCheck.check("Ann", photos, List.of(), 0.28, true);
    // Then Bob's photo alone disagrees: left out with a reason, taken only when insisted
    assertThat(strict.subList(0, 3)).allMatch(c -> c.verdict() == Verdict.ENROLLED);
    assertThat(strict.get(3).verdict()).isEqualTo(Verdict.DISAGREES);
    assertThat(strict.get(3).enrolled()).isFalse();
    assertThat(strict.get(3).reason()).contains("unlike Ann's other photos").contains("< 0.28");
    assertThat(insisted.get(3).enrolled()).isTrue();
    assertThat(insisted.get(3).reason()).endsWith("taken as insisted");
  }

  @Test
  void shouldCompareNewPhotosWithTheSeedsAlreadyEnrolled() {
    // Given Ann's enrolled seeds and one new photo of Bob under her name
    List<float[]> enrolled = List.of(gen.atCosine(ann, 0.7), gen.atCosine(ann, 0.7));
    // When
    Checked bobAsAnn = PhotoCheck.check("Ann", List.of(photo("new.jpg", face(bob, 0.9, 0, 200))), enrolled, 0.28,
        false).get(0);
    Checked annAgain = PhotoCheck.check("Ann", List.of(photo("new.jpg", face(ann, 0.7, 0, 200))), enrolled, 0.28,
        false).get(0);
    // Then
    assertThat(bobAsAnn.verdict()).isEqualTo(Verdict.DISAGREES);
    assertThat(annAgain.verdict()).isEqualTo(Verdict.ENROLLED);
  }

  @Test
  void shouldRefuseAGroupPhotoWithNothingToTellWhichFaceIsThePersons() {
    // Given a person's only photo, with two faces
    List<Photo> photos = List.of(photo("group.jpg", face(bob, 0.9, 0, 300), face(ann, 0.7, 400, 120)));
    // When
    Checked strict = PhotoCheck.check("Ann", photos, List.of(), 0.28, false).get(0);
    Checked insisted = PhotoCheck.check("Ann", photos, List.of(), 0.28, true).get(0);
    // Then it is refused with the faces' sizes, or its largest face taken when insisted
    assertThat(strict.verdict()).isEqualTo(Verdict.AMBIGUOUS);
    assertThat(strict.enrolled()).isFalse();
    assertThat(strict.reason()).startsWith("2 faces found (300x300, 120x120 px)").contains("no other photo of Ann");
    assertThat(insisted.enrolled()).isTrue();
    assertThat(insisted.where().bboxXyxy()[0]).isEqualTo(0f);
  }

  @Test
  void shouldEnrolALonePortraitAndReportAPhotoWithoutAFace() {
    List<Checked> checks = PhotoCheck.check("Ann", List.of(photo("ann.jpg", face(ann, 0.7, 0, 200)),
        photo("wall.jpg")), List.of(), 0.28, false);
    assertThat(checks.get(0).verdict()).isEqualTo(Verdict.ENROLLED);
    assertThat(checks.get(0).where().agreement()).isNaN();
    assertThat(checks.get(1).verdict()).isEqualTo(Verdict.NO_FACE);
    assertThat(checks.get(1).enrolled()).isFalse();
  }

  @Test
  void shouldLeaveOutBothOfTwoPhotosThatDisagree() {
    List<Checked> checks = PhotoCheck.check("Ann", List.of(photo("a.jpg", face(ann, 0.9, 0, 200)),
        photo("b.jpg", face(bob, 0.9, 0, 200))), List.of(), 0.28, false);
    assertThat(checks).allMatch(c -> c.verdict() == Verdict.DISAGREES && !c.enrolled());
  }
}
