package io.screenalytics.detecttrack.service;

import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.Topic;
import io.screenalytics.schemas.Topics;
import io.screenalytics.vision.align.FaceAligner;
import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.detect.DetectorInput;
import io.screenalytics.vision.detect.FaceDetector;
import io.screenalytics.vision.detect.Letterbox;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.image.JpegDecoder;
import io.screenalytics.vision.model.FloatTensor;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A synthetic episode for handler tests without a broker or a model: small JPEG frames, each with its own pixel
 * content, and a scripted detector that answers each decoded frame with the faces the script gives it.
 * Face A (score 0.9) moves right on every frame; face B (0.85) is static and leaves after frame 9.
 */
final class ScriptedEpisode {

  static final int WIDTH = 320;
  static final int HEIGHT = 180;
  static final double FPS = 10.0;

  final String episodeId;
  final List<Frame> frames = new ArrayList<>();
  private final Map<Integer, List<Detection>> facesByContent = new HashMap<>();

  ScriptedEpisode(String episodeId, int frameCount) {
    this.episodeId = episodeId;
    // the frames are looked up by their pixels as the handler decodes them (FFmpeg's decoder, deterministic)
    try (JpegDecoder decoder = new JpegDecoder()) {
      script(frameCount, decoder);
    }
  }

  private void script(int frameCount, JpegDecoder decoder) {
    for (int n = 0; n < frameCount; n++) {
      BgrImage image = BgrImage.black(WIDTH, HEIGHT);
      Arrays.fill(image.bgr(), 0, WIDTH * 3 * 8, (byte) (20 + 7 * (n % 30)));
      Arrays.fill(image.bgr(), WIDTH * 3 * 8, WIDTH * 3 * 16, (byte) (20 + 11 * (n / 30)));
      byte[] jpeg = ImageOps.encodeJpeg(image, 90);
      List<Detection> faces = new ArrayList<>();
      faces.add(face(40 + 3 * n, 60, 0.9f));
      if (n < 10) {
        faces.add(face(220, 50, 0.85f));
      }
      facesByContent.put(Arrays.hashCode(decoder.decode(jpeg).bgr()), faces);
      frames.add(Frame.newBuilder()
          .setEpisodeId(episodeId).setFrameIdx(n).setTs(n / FPS).setWidth(WIDTH).setHeight(HEIGHT)
          .setSourceWidth(WIDTH).setSourceHeight(HEIGHT).setImage(ByteBuffer.wrap(jpeg))
          .setSceneCut(false).setIsLast(n == frameCount - 1).setFps(FPS).setStride(1)
          .setFramesPublished(n == frameCount - 1 ? frameCount : 0).setDurationS(frameCount / FPS)
          .build());
    }
  }

  /** A 40x50 face at (x, y) with landmarks inside it. */
  private static Detection face(float x, float y, float score) {
    float[] box = {x, y, x + 40, y + 50};
    float[] marks = {x + 12, y + 20, x + 28, y + 20, x + 20, y + 30, x + 14, y + 40, x + 26, y + 40};
    return new Detection(box, marks, score);
  }

  /** The frames {@code from..to-1} as deliveries at offsets {@code firstOffset + i} of one partition. */
  List<Delivery<Frame>> deliveries(int from, int to, long firstOffset, int partition) {
    List<Delivery<Frame>> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(delivery(frames.get(i), firstOffset + i - from, partition));
    }
    return out;
  }

  static Delivery<Frame> delivery(Frame f, long offset, int partition) {
    ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>(Topics.FRAMES.name(), partition, offset,
        f.getEpisodeId().getBytes(), new byte[0]);
    return new Delivery<>(f.getEpisodeId(), f, source);
  }

  /** A handler with the service's default settings, the scripted detector and the real aligner. */
  DetectTrackHandler handler() {
    return handler(Map.of());
  }

  /** A handler with these settings over the defaults, the scripted detector and the real aligner. */
  DetectTrackHandler handler(Map<String, String> settings) {
    DetectTrackConfig config = DetectTrackConfig.from(Settings.of(settings));
    return new DetectTrackHandler(config, new FaceFinder(new Scripted(), new FaceAligner(), config,
        new JpegDecoder()));
  }

  /** The detector answering from the script. */
  private final class Scripted implements FaceDetector {
    @Override public List<Detection> detect(BgrImage image) {
      List<Detection> faces = facesByContent.get(Arrays.hashCode(image.bgr()));
      if (faces == null) {
        throw new IllegalStateException("frame not in the script");
      }
      return faces;
    }

    @Override public DetectorInput preprocess(BgrImage image) {
      throw new UnsupportedOperationException();
    }

    @Override public Map<String, FloatTensor> run(DetectorInput input) {
      throw new UnsupportedOperationException();
    }

    @Override public List<Detection> postprocess(Map<String, FloatTensor> outputs, Letterbox letterbox) {
      throw new UnsupportedOperationException();
    }

    @Override public ModelSpec spec() {
      return ModelCatalog.YUNET_S_DYNAMIC;
    }

    @Override public void close() {}
  }

  /** Records every send; {@link #latest} keeps the last value per (topic, key), as a compacted topic would. */
  static final class Recorder implements Emitter {
    final List<Sent> sent = new ArrayList<>();

    record Sent(String topic, String key, Object value) {}

    @Override public synchronized <V> void send(Topic<String, V> topic, String key, V value) {
      sent.add(new Sent(topic.name(), key, value));
    }

    @Override public void flush() {}

    List<Object> values(Topic<?, ?> topic) {
      return sent.stream().filter(s -> s.topic().equals(topic.name())).map(Sent::value).toList();
    }

    Map<String, Object> latest(Topic<?, ?> topic) {
      Map<String, Object> out = new LinkedHashMap<>();
      sent.stream().filter(s -> s.topic().equals(topic.name())).forEach(s -> out.put(s.key(), s.value()));
      return out;
    }
  }
}
