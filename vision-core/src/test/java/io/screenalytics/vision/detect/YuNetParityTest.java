package io.screenalytics.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.image.OpenCvMats;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.testing.SharedData;
import io.screenalytics.vision.model.OnnxTestGraphs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our YuNet (ONNX Runtime + Java decoding) against OpenCV's own {@code FaceDetectorYN} (OpenCV DNN + C++
 * decoding and NMS) on the same real frames: same faces, IoU >= 0.95 each.
 */
class YuNetParityTest {

  private static final DetectorSettings SETTINGS = DetectorSettings.defaults();
  /** Faces whose score is this close to the threshold may legitimately fall on either side between two runtimes. */
  private static final float BORDERLINE = 0.02f;

  private static final Logger LOG = LoggerFactory.getLogger(YuNetParityTest.class);
  private static float minIou = 1f;
  private static float maxScoreDiff = 0f;
  private static OnnxFaceDetector ours;
  private static byte[] modelBytes;
  /** OpenCV's DNN importer needs static shapes: one reference detector per padded input size. */
  private static final Map<String, FaceDetectorYN> REFERENCES = new HashMap<>();

  @BeforeAll
  static void open() {
    ours = OnnxFaceDetector.yunet(SharedData.models(), ModelCatalog.YUNET_S_DYNAMIC, SETTINGS, SharedData.SESSION);
    modelBytes = SharedData.models().load(ModelCatalog.YUNET_S_DYNAMIC);
  }

  @AfterAll
  static void close() {
    ours.close();
    REFERENCES.values().forEach(FaceDetectorYN::close);
  }

  /** FaceDetectorYN on the same weights, the input fixed at the padded size (FaceDetectorYN pads to 32 itself). */
  private static FaceDetectorYN reference(int width, int height) {
    int padW = YuNetTranslator.roundUp(width);
    int padH = YuNetTranslator.roundUp(height);
    return REFERENCES.computeIfAbsent(padW + "x" + padH, k -> {
      byte[] fixed = OnnxTestGraphs.withFixedInputShape(modelBytes, 1, 3, padH, padW);
      try (Size size = new Size(width, height)) {
        return FaceDetectorYN.create("onnx", fixed, new byte[0], size, SETTINGS.scoreThreshold(),
            SETTINGS.nmsIouThreshold(), SETTINGS.topK(), 0, 0);
      }
    });
  }

  @Test
  void shouldFindTheSameFacesAsOpenCvOnTvFrames() {
    // Given every 15th frame of the 10 s Hamilton clip (640x360, scene cuts, audience shots)
    List<BgrImage> frames = SharedData.frames("media/video/short_hamilton_clip.mp4", 15, 100);
    assertThat(frames).hasSizeGreaterThanOrEqualTo(19);
    int total = 0;
    for (int i = 0; i < frames.size(); i++) total += assertSameFaces("hamilton frame " + i * 15, frames.get(i));
    assertThat(total).as("faces found in the clip").isGreaterThanOrEqualTo(10);
  }

  @Test
  void shouldFindTheSameFacesAsOpenCvOnPhotos() {
    String[] photos = {
        "faces/face_recognition/examples/obama.jpg", "faces/face_recognition/examples/biden.jpg",
        "faces/face_recognition/examples/two_people.jpg", "faces/face_recognition/examples/lin-manuel-miranda.png",
        "faces/face_recognition/examples/knn_examples/test/obama_and_biden.jpg", "faces/deepface/couple.jpg",
        "faces/deepface/selfie-many-people.jpg", "faces/facenet_pytorch/multiface.jpg"};
    int total = 0;
    for (String p : photos) total += assertSameFaces(p, SharedData.photo(p));
    assertThat(total).isGreaterThanOrEqualTo(photos.length);
  }

  /** Returns the number of faces matched. */
  private static int assertSameFaces(String what, BgrImage image) {
    List<Detection> mine = ours.detect(image);
    List<float[]> theirs = referenceDetect(image);
    List<Detection> mineClear = mine.stream().filter(d -> d.score() >= SETTINGS.scoreThreshold() + BORDERLINE).toList();
    List<float[]> theirsClear = theirs.stream().filter(r -> r[4] >= SETTINGS.scoreThreshold() + BORDERLINE).toList();
    assertThat(mineClear).as(what + ": face count (ours %s vs OpenCV %d)", mine, theirs.size()).hasSameSizeAs(theirsClear);
    for (Detection d : mineClear) {
      float best = 0;
      float bestScore = 0;
      for (float[] r : theirs) {
        float iou = Nms.iou(d.bboxXyxy(), r);
        if (iou > best) {
          best = iou;
          bestScore = r[4];
        }
      }
      assertThat(best).as(what + ": IoU of " + d + " with OpenCV's box").isGreaterThanOrEqualTo(0.95f);
      minIou = Math.min(minIou, best);
      maxScoreDiff = Math.max(maxScoreDiff, Math.abs(d.score() - bestScore));
      assertThat(d.score()).as(what + ": score of " + d).isCloseTo(bestScore, offset(0.01f));
    }
    LOG.info("{}: {} faces (OpenCV {}), min IoU so far {}, max score difference {}", what, mine.size(), theirs.size(),
        minIou, maxScoreDiff);
    return mineClear.size();
  }

  /** OpenCV's faces as {x1, y1, x2, y2, score} in source pixels; fed the same scaled image as ours. */
  private static List<float[]> referenceDetect(BgrImage image) {
    BgrImage scaled = ImageOps.fitWithin(image, SETTINGS.maxInputSize());
    float sx = (float) scaled.width() / image.width();
    float sy = (float) scaled.height() / image.height();
    List<float[]> out = new ArrayList<>();
    try (Mat mat = OpenCvMats.toMat(scaled); Mat faces = new Mat(); Size size = new Size(scaled.width(), scaled.height())) {
      FaceDetectorYN reference = reference(scaled.width(), scaled.height());
      reference.setInputSize(size);
      reference.detect(mat, faces);
      if (faces.empty()) return out;
      try (FloatIndexer idx = faces.createIndexer()) {
        for (int r = 0; r < faces.rows(); r++) {
          float x = idx.get(r, 0) / sx;
          float y = idx.get(r, 1) / sy;
          float w = idx.get(r, 2) / sx;
          float h = idx.get(r, 3) / sy;
          out.add(new float[] {Math.max(0, x), Math.max(0, y), Math.min(image.width(), x + w),
              Math.min(image.height(), y + h), idx.get(r, 14)});
        }
      }
    }
    return out;
  }
}
