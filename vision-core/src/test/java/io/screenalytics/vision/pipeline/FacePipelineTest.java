package io.screenalytics.vision.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.testing.SharedData;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class FacePipelineTest {

  private static final Logger LOG = LoggerFactory.getLogger(FacePipelineTest.class);
  private static final String EXAMPLES = "faces/face_recognition/examples/";
  private static FacePipeline pipeline;

  @BeforeAll
  static void open() {
    pipeline = FacePipeline.openDefault(SharedData.models(), SharedData.SESSION);
  }

  @AfterAll
  static void close() {
    pipeline.close();
  }

  @Test
  void shouldFindTheSamePersonCloserThanADifferentOne() {
    // Given two photos of Obama and one of Biden
    float[] obama = embed("obama.jpg");
    float[] obama2 = embed("obama2.jpg");
    float[] biden = embed("biden.jpg");

    // When
    float same = Embeddings.cosine(obama, obama2);
    float different = Math.max(Embeddings.cosine(obama, biden), Embeddings.cosine(obama2, biden));
    LOG.info("cosine obama/obama2 {}, max obama/biden {}", same, different);

    // Then (MODELS.md: same-person mean 0.76, different-person max 0.34-0.41)
    assertThat(same).isGreaterThan(different);
    assertThat(same).isGreaterThan(0.5f);
    assertThat(different).isLessThan(0.45f);
  }

  @Test
  void shouldPickTheLargestFaceAndReturnItsDetectionAndCrop() {
    BgrImage photo = SharedData.photo(EXAMPLES + "two_people.jpg");
    List<FaceEmbedding> all = pipeline.embedAll(photo);
    FaceEmbedding primary = pipeline.embedPrimaryFace(photo).orElseThrow();

    assertThat(all).hasSize(2);
    float largest = (float) all.stream().mapToDouble(f -> f.detection().area()).max().orElseThrow();
    assertThat(primary.detection().area()).isEqualTo(largest);
    assertThat(primary.alignedCrop()).hasSize(112 * 112 * 3);
    assertThat(primary.embedding()).hasSize(512);
    FaceEmbedding same = all.stream().filter(f -> f.detection().area() == largest).findFirst().orElseThrow();
    assertThat(Embeddings.cosine(same.embedding(), primary.embedding())).isGreaterThan(0.9999f);
  }

  @Test
  void shouldReturnNothingForAnImageWithoutFaces() {
    assertThat(pipeline.embedPrimaryFace(BgrImage.black(320, 240))).isEmpty();
    assertThat(pipeline.embedAll(BgrImage.black(320, 240))).isEmpty();
  }

  private static float[] embed(String photo) {
    return pipeline.embedPrimaryFace(SharedData.photo(EXAMPLES + photo)).orElseThrow().embedding();
  }
}
