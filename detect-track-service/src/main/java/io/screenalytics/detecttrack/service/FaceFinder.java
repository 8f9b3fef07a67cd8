package io.screenalytics.detecttrack.service;

import io.screenalytics.schemas.AvroValues;
import io.screenalytics.schemas.DetectedFace;
import io.screenalytics.schemas.FaceQuality;
import io.screenalytics.vision.align.FaceAligner;
import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.detect.FaceDetector;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.image.JpegDecoder;
import io.screenalytics.vision.quality.CropQuality;
import io.screenalytics.vision.quality.QualityMeasures;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One frame's faces before tracking, in three steps the handler times apart: {@link #decode} the JPEG, {@link
 * #detect} and keep faces of at least the minimum size that have landmarks, {@link #align} each to the 112x112
 * ArcFace crop and measure its quality. Everything that can fail happens here, before the episode's tracker is
 * touched, so a frame that fails leaves the tracker as it was.
 *
 * <p>Not thread-safe (the detector is a per-worker session); one per handler.
 */
final class FaceFinder {

  private final FaceDetector detector;
  private final FaceAligner aligner;
  private final DetectTrackConfig config;
  private final JpegDecoder jpeg;

  /**
   * @param jpeg decodes the published frames; owned by the caller, who closes it
   */
  FaceFinder(FaceDetector detector, FaceAligner aligner, DetectTrackConfig config, JpegDecoder jpeg) {
    this.jpeg = Objects.requireNonNull(jpeg, "jpeg");
    this.detector = Objects.requireNonNull(detector, "detector");
    this.aligner = Objects.requireNonNull(aligner, "aligner");
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * A detected face with its aligned crop: what a {@code DetectedFace} record carries before tracking gives it a
   * {@code face_id} and {@code track_id}.
   *
   * @param detection the detection in source pixels ({@code bbox_xyxy}, five {@code landmarks}, {@code det_score})
   * @param crop      aligned crop, packed BGR24, 112 x 112 x 3 bytes
   * @param quality   contrast and blur of the crop
   */
  record AlignedFace(Detection detection, byte[] crop, CropQuality quality) {

    /**
     * The face as its stage-boundary record.
     *
     * @param faceId  {@code <episode_id>:<frame_idx>:<index in frame>}
     * @param trackId the track the tracker matched it to
     * @param embed   whether the embed stage embeds it (the track's cadence point)
     */
    DetectedFace toRecord(String faceId, int trackId, boolean embed) {
      return DetectedFace.newBuilder()
          .setFaceId(faceId)
          .setTrackId(trackId)
          .setBboxXyxy(AvroValues.floatList(detection.bboxXyxy()))
          .setLandmarks(AvroValues.floatList(detection.landmarks()))
          .setDetScore(detection.score())
          .setQuality(new FaceQuality(quality.contrast(), quality.blur()))
          .setCropWidth(FaceAligner.CROP_SIZE)
          .setCropHeight(FaceAligner.CROP_SIZE)
          .setCrop(ByteBuffer.wrap(crop))
          .setEmbed(embed)
          .build();
    }
  }

  /**
   * Pictures at least this many times the detector's input size (long side) get the detector's picture from the
   * JPEG's YUV planes ({@link DetectTrackConfig#inputFromYuv()}); smaller ones are scaled by the detector as before.
   * The saving is in the large reductions (a 1280x720 frame to 416: 4-5 ms of CPU per frame); on the Hamilton clip
   * (640x360 to 416) the swscale picture moved a borderline face (Alex Lacamoire, 33 px at the piano) under the
   * naming threshold, while the composed 1080p episode kept every face and name ({@code NamingEvaluationIT}).
   */
  static final double MIN_REDUCTION_FROM_YUV = 2.0;

  /**
   * Decodes one encoded frame: a JPEG with FFmpeg ({@link JpegDecoder}, twice as fast as OpenCV's build here), any
   * other image format OpenCV reads with OpenCV. With {@link DetectTrackConfig#inputFromYuv()}, for a frame of at
   * least {@link #MIN_REDUCTION_FROM_YUV} times the detector's input size, the picture for the detector (fitted within
   * the input size) is scaled from the decoded YUV planes in the same pass; otherwise the reduced picture is the full
   * one and the detector scales it.
   *
   * @param encoded the frame as JPEG (or any format OpenCV decodes)
   * @param width   the frame's width as published, pixels
   * @param height  the frame's height as published, pixels
   * @throws IllegalArgumentException when the bytes are not a decodable image
   */
  JpegDecoder.Pictures decode(byte[] encoded, int width, int height) {
    if (JpegDecoder.isJpeg(encoded)) {
      boolean reduce = config.inputFromYuv() && Math.max(width, height) >= MIN_REDUCTION_FROM_YUV * config.inputSize();
      return jpeg.decode(encoded, reduce ? config.inputSize() : 0);
    }
    BgrImage full = ImageOps.decode(encoded);
    return new JpegDecoder.Pictures(full, full);
  }

  /**
   * The detector's faces in a decoded frame that are worth aligning, in detector order (highest score first):
   * with landmarks, a positive size and a box height of at least the minimum for the frame's height. The detector
   * runs on the reduced picture; its faces are mapped to the full picture's pixels.
   *
   * @return detections in the full picture's pixels
   * @throws RuntimeException when the detector fails
   */
  List<Detection> detect(JpegDecoder.Pictures pictures) {
    BgrImage full = pictures.full();
    BgrImage reduced = pictures.reduced();
    double sx = full.width() / (double) reduced.width();
    double sy = full.height() / (double) reduced.height();
    double minHeight = config.minFaceHeight(full.height());
    List<Detection> out = new ArrayList<>();
    for (Detection found : detector.detect(reduced)) {
      Detection d = reduced == full ? found
          : new Detection(scaled(found.bboxXyxy(), sx, sy), scaled(found.landmarks(), sx, sy), found.score());
      if (!d.hasLandmarks() || d.height() < minHeight || !(d.width() > 0 && d.height() > 0)) {
        continue;
      }
      out.add(d);
    }
    return out;
  }

  /**
   * Aligns each detection to the ArcFace crop and measures the crop's quality.
   *
   * @param image        the decoded frame {@code detections} were found in
   * @param detections   from {@link #detect(JpegDecoder.Pictures)}
   * @param sourceWidth  width of the source frame the boxes are reported in, pixels
   * @param sourceHeight height of the source frame, pixels
   * @return one face per detection, same order, boxes and landmarks scaled to the source frame
   * @throws RuntimeException when the aligner fails
   */
  List<AlignedFace> align(BgrImage image, List<Detection> detections, int sourceWidth, int sourceHeight) {
    double sx = sourceWidth / (double) image.width();
    double sy = sourceHeight / (double) image.height();
    List<AlignedFace> out = new ArrayList<>(detections.size());
    for (Detection d : detections) {
      byte[] crop = aligner.align(image, d.landmarks());
      CropQuality q = QualityMeasures.measure(crop, FaceAligner.CROP_SIZE, FaceAligner.CROP_SIZE);
      out.add(new AlignedFace(new Detection(scaled(d.bboxXyxy(), sx, sy), scaled(d.landmarks(), sx, sy), d.score()),
          crop, q));
    }
    return out;
  }

  private static float[] scaled(float[] xy, double sx, double sy) {
    float[] out = new float[xy.length];
    for (int i = 0; i < xy.length; i++) {
      out[i] = (float) (xy[i] * (i % 2 == 0 ? sx : sy));
    }
    return out;
  }
}
