package io.screenalytics.embed.service;

import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.schemas.DetectedFace;
import io.screenalytics.schemas.EmbeddedFace;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.schemas.FaceEmbeddings;
import io.screenalytics.schemas.Topics;
import io.screenalytics.vision.embed.FaceEmbedder;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.model.InferenceException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds every face of every frame in a polled batch in one embedder call (whole-frame batches, and
 * several frames per call when the poll brings several), after the quality gates; publishes one
 * {@link FaceEmbeddings} per input frame, keyed by episode id, with skipped faces and their reasons.
 *
 * <p>Stateless across records, so instances scale as a consumer group. One instance per worker thread.
 */
final class EmbedHandler implements BatchHandler<FaceBatch> {

  private static final Logger LOG = LoggerFactory.getLogger(EmbedHandler.class);

  private final EmbedConfig config;
  private final FaceEmbedder embedder;

  EmbedHandler(EmbedConfig config, FaceEmbedder embedder) {
    this.config = config;
    this.embedder = embedder;
  }

  @Override
  public void handle(List<Delivery<FaceBatch>> batch, Emitter out) {
    List<byte[]> crops = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    List<String[]> reasons = new ArrayList<>();
    for (Delivery<FaceBatch> d : batch) {
      List<DetectedFace> faces = d.value().getFaces();
      String[] reason = new String[faces.size()];
      for (int i = 0; i < faces.size(); i++) {
        reason[i] = gate(faces.get(i));
        if (reason[i] == null) {
          crops.add(bytes(faces.get(i).getCrop()));
        }
      }
      reasons.add(reason);
    }
    float[][] embedded = embedAll(crops);
    int next = 0;
    for (int f = 0; f < batch.size(); f++) {
      FaceBatch in = batch.get(f).value();
      List<EmbeddedFace> faces = new ArrayList<>(in.getFaces().size());
      for (int i = 0; i < in.getFaces().size(); i++) {
        DetectedFace face = in.getFaces().get(i);
        String reason = reasons.get(f)[i];
        float[] vector = null;
        if (reason == null) {
          vector = embedded[next++];
          reason = vector == null ? "zero_norm_embedding" : null;
        }
        faces.add(toEmbedded(face, vector, reason));
      }
      out.send(Topics.EMBEDDINGS, in.getEpisodeId(), FaceEmbeddings.newBuilder()
          .setEpisodeId(in.getEpisodeId()).setFrameIdx(in.getFrameIdx()).setTs(in.getTs())
          .setModel(embedder.spec().name()).setFaces(faces).setTotals(in.getTotals()).build());
    }
  }

  /** One call for the whole batch; if it fails on a degenerate crop, per face so only that one is skipped. */
  private float[][] embedAll(List<byte[]> crops) {
    try {
      return embedder.embed(crops);
    } catch (InferenceException e) {
      LOG.warn("batch of {} crops failed ({}); embedding one at a time", crops.size(), e.getMessage());
      float[][] out = new float[crops.size()][];
      for (int i = 0; i < crops.size(); i++) {
        try {
          out[i] = embedder.embed(crops.get(i));
        } catch (InferenceException single) {
          out[i] = null;
        }
      }
      return out;
    }
  }

  /** The reason a face is not embedded, or null when it passes every gate. */
  String gate(DetectedFace face) {
    if (face.getDetScore() < config.minDetScore()) {
      return "det_score<" + config.minDetScore();
    }
    if (face.getQuality().getContrast() < config.minContrast()) {
      return "contrast<" + config.minContrast();
    }
    if (face.getQuality().getBlur() < config.minBlur()) {
      return "blur<" + config.minBlur();
    }
    if (face.getCrop().remaining() != face.getCropWidth() * face.getCropHeight() * 3) {
      return "crop_size";
    }
    return null;
  }

  private EmbeddedFace toEmbedded(DetectedFace face, float[] vector, String reason) {
    BgrImage crop = new BgrImage(face.getCropWidth(), face.getCropHeight(), bytes(face.getCrop()));
    return EmbeddedFace.newBuilder()
        .setFaceId(face.getFaceId())
        .setTrackId(face.getTrackId())
        .setBboxXyxy(face.getBboxXyxy())
        .setDetScore(face.getDetScore())
        .setQuality(face.getQuality())
        .setEmbedding(vector == null ? null : floats(vector))
        .setSkipReason(reason)
        .setThumbnailJpeg(ByteBuffer.wrap(ImageOps.encodeJpeg(crop, config.thumbnailQuality())))
        .build();
  }

  private static List<Float> floats(float[] v) {
    List<Float> out = new ArrayList<>(v.length);
    for (float x : v) {
      out.add(x);
    }
    return out;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
