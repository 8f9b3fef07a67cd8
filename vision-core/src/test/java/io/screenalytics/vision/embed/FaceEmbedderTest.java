package io.screenalytics.vision.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.screenalytics.vision.align.FaceAligner;
import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.detect.DetectorSettings;
import io.screenalytics.vision.detect.OnnxFaceDetector;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelSpec;
import io.screenalytics.vision.testing.SharedData;
import io.screenalytics.vision.model.SessionSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FaceEmbedderTest {

  /** Aligned crops of 11 real faces from several photos. */
  private static final List<byte[]> CROPS = new ArrayList<>();

  @BeforeAll
  static void alignRealFaces() {
    String[] photos = {"faces/face_recognition/examples/obama.jpg", "faces/face_recognition/examples/biden.jpg",
        "faces/face_recognition/examples/two_people.jpg", "faces/deepface/selfie-many-people.jpg",
        "faces/face_recognition/examples/lin-manuel-miranda.png"};
    FaceAligner aligner = new FaceAligner();
    try (OnnxFaceDetector detector = OnnxFaceDetector.yunet(SharedData.models(), ModelCatalog.YUNET_S_DYNAMIC,
        DetectorSettings.defaults(), SharedData.SESSION)) {
      for (String p : photos) {
        BgrImage photo = SharedData.photo(p);
        CROPS.addAll(aligner.alignAll(photo, detector.detect(photo).stream().map(Detection::landmarks).toList()));
      }
    }
    assertThat(CROPS).hasSizeGreaterThanOrEqualTo(10);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fr_feature", "mobilefacenet"})
  void shouldBatchNativelyAndMatchPerFaceOutputs(String name) {
    ModelSpec spec = ModelCatalog.byName(name);
    // Given the embedder with a batch of 4 per run, so 11 crops take 3 runs (4 + 4 + 3)
    try (FaceEmbedder embedder = FaceEmbedder.open(SharedData.models(), spec, SharedData.SESSION, 4)) {
      assertThat(embedder.batchMode()).as(embedder.batchModeDetail()).isEqualTo(BatchMode.NATIVE);

      // When
      float[][] batched = embedder.embed(CROPS);

      // Then every row is unit length and equals the one-crop result within 1e-4
      assertThat(batched).hasNumberOfRows(CROPS.size());
      for (int i = 0; i < CROPS.size(); i++) {
        float[] single = embedder.embed(CROPS.get(i));
        assertThat(single).hasSize(spec.outputDim());
        assertThat(Embeddings.norm(batched[i])).isCloseTo(1.0, offset(1e-5));
        assertThat(Embeddings.maxAbsDiff(batched[i], single)).as("crop %d", i).isLessThanOrEqualTo(1e-4f);
      }
    }
  }

  @Test
  void shouldGiveTheSameVectorsRunningOncePerFace() {
    // Given the original fixed-batch graph run once per crop, and the rewritten graph run in batches of 8
    try (FaceEmbedder perFace = FaceEmbedder.open(SharedData.models(), ModelCatalog.FR_FEATURE, SharedData.SESSION, 8,
        BatchMode.PER_FACE);
       FaceEmbedder batched = FaceEmbedder.open(SharedData.models(), ModelCatalog.FR_FEATURE, SharedData.SESSION, 8)) {
      assertThat(perFace.batchMode()).isEqualTo(BatchMode.PER_FACE);
      assertThat(batched.batchMode()).isEqualTo(BatchMode.NATIVE);

      float[][] a = perFace.embed(CROPS);
      float[][] b = batched.embed(CROPS);

      for (int i = 0; i < CROPS.size(); i++) {
        assertThat(Embeddings.maxAbsDiff(a[i], b[i])).as("crop %d", i).isLessThanOrEqualTo(1e-4f);
      }
    }
  }

  /**
   * The default embedder's cost per face against MobileFaceNet's, on the same real crops, one intra-op thread,
   * called from a thread that did not open either model (as a service's consumer loop may). fr_feature holds
   * 8,938 denormal weights and makes more: measured on an Intel Xeon (AVX-512), one thread, MobileFaceNet 4.2 ms
   * per face; fr_feature 74 ms unflushed (17.7x), 20.7 ms with its weights flushed only (4.9x), 11.1 ms with
   * flush-to-zero on the computing threads too (2.6x). A ratio, not a wall-clock bound: both models run on the
   * same machine in the same test, so a slower CPU moves both; and in the process's CPU time, not wall time, so
   * other processes on a busy machine do not count (wall time gave 6.2x at a load average of 7.8 on 2 cores).
   */
  @Test
  void shouldEmbedWithinASmallMultipleOfMobileFaceNetsTimePerFace() throws Exception {
    SessionSettings oneThread = SessionSettings.cpu(1);
    try (FaceEmbedder feature = FaceEmbedder.open(SharedData.models(), ModelCatalog.FR_FEATURE, oneThread, 1,
        BatchMode.PER_FACE);
       FaceEmbedder mobile = FaceEmbedder.open(SharedData.models(), ModelCatalog.MOBILEFACENET, oneThread, 1,
           BatchMode.PER_FACE)) {
      ExecutorService caller = Executors.newSingleThreadExecutor();
      try {
        double[] ms = caller.submit(() -> {
          feature.embed(CROPS);
          mobile.embed(CROPS);
          long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
          com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
          for (int round = 0; round < 5; round++) {
            long t0 = os.getProcessCpuTime();
            feature.embed(CROPS);
            long t1 = os.getProcessCpuTime();
            mobile.embed(CROPS);
            long t2 = os.getProcessCpuTime();
            best[0] = Math.min(best[0], t1 - t0);
            best[1] = Math.min(best[1], t2 - t1);
          }
          return new double[] {best[0] / 1e6 / CROPS.size(), best[1] / 1e6 / CROPS.size()};
        }).get();
        System.out.printf("fr_feature %.2f ms/face, mobilefacenet %.2f ms/face of process CPU, ratio %.2f (one thread)%n",
            ms[0], ms[1], ms[0] / ms[1]);
        assertThat(ms[0] / ms[1]).as("fr_feature / mobilefacenet time per face").isLessThan(4.5);
      } finally {
        caller.shutdownNow();
      }
    }
  }

  @Test
  void shouldSplitLargeCallsIntoBalancedRunsAndCountThem() {
    try (FaceEmbedder embedder = FaceEmbedder.open(SharedData.models(), ModelCatalog.FR_FEATURE, SharedData.SESSION, 32)) {
      // Given max 32 crops per run: 40 crops run as 20 + 20, 64 as 32 + 32, 65 as 22 + 22 + 21
      assertThat(embedder.chunkSize(40)).isEqualTo(20);
      assertThat(embedder.chunkSize(64)).isEqualTo(32);
      assertThat(embedder.chunkSize(65)).isEqualTo(22);
      assertThat(embedder.chunkSize(5)).isEqualTo(5);
      long before = embedder.modelRuns();

      // When 11 real crops are embedded in one call
      embedder.embed(CROPS);

      // Then that was one model run
      assertThat(embedder.modelRuns() - before).isEqualTo(1);
    }
  }

  @Test
  void shouldNameTheCropWhoseOutputIsDegenerate() {
    try (FaceEmbedder embedder = FaceEmbedder.open(SharedData.models(), ModelCatalog.FR_FEATURE, SharedData.SESSION)) {
      // Given a model output for 2 crops where the second vector is all zeros
      float[] data = new float[2 * 512];
      data[0] = 1f;
      var outputs = java.util.Map.of(embedder.spec().outputNames().get(0),
          new io.screenalytics.vision.model.FloatTensor(data, new long[] {2, 512}));

      // Then post-processing rejects it, naming crop 1
      assertThatThrownBy(() -> embedder.postprocess(outputs, 2))
          .isInstanceOfSatisfying(DegenerateEmbeddingException.class, e -> assertThat(e.cropIndex()).isEqualTo(1))
          .hasMessageContaining("degenerate");
    }
  }

  @Test
  void shouldReturnNoRowsForNoCropsAndRejectWrongSizedCrops() {
    try (FaceEmbedder embedder = FaceEmbedder.open(SharedData.models(), ModelCatalog.FR_FEATURE, SharedData.SESSION)) {
      assertThat(embedder.embed(List.of())).isEmpty();
      assertThat(embedder.dimension()).isEqualTo(512);
      assertThatThrownBy(() -> embedder.embed(List.of(CROPS.get(0), new byte[100])))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Crop 1")
          .hasMessageContaining("112x112");
    }
  }

  @Test
  void shouldNormaliseAsTheSpecSays() {
    // Given a crop whose every pixel is B=0, G=127, R=255
    byte[] crop = new byte[112 * 112 * 3];
    for (int i = 0; i < crop.length; i += 3) {
      crop[i + 1] = 127;
      crop[i + 2] = (byte) 255;
    }
    try (FaceEmbedder embedder = FaceEmbedder.open(SharedData.models(), ModelCatalog.FR_FEATURE, SharedData.SESSION)) {
      float[] t = embedder.preprocess(List.of(crop)).data();
      int plane = 112 * 112;
      // Then planes are R, G, B and (x - 127) / 128
      assertThat(t[0]).isEqualTo(1f);
      assertThat(t[plane]).isEqualTo(0f);
      assertThat(t[2 * plane]).isEqualTo(-127f / 128f);
    }
  }

  @Test
  void shouldComputeCosines() {
    assertThat(Embeddings.cosine(new float[] {1, 0}, new float[] {0, 2})).isZero();
    assertThat(Embeddings.cosine(new float[] {1, 1}, new float[] {2, 2})).isCloseTo(1f, offset(1e-6f));
    assertThatThrownBy(() -> Embeddings.l2NormaliseInPlace(new float[3])).isInstanceOf(IllegalArgumentException.class);
  }
}
