package io.screenalytics.bench.embed;

import io.screenalytics.bench.embed.BenchFaces.Face;
import io.screenalytics.bench.embed.BenchFaces.Frame;
import io.screenalytics.embed.service.EmbedHandlers;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.schemas.DetectedFace;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.schemas.FaceQuality;
import io.screenalytics.schemas.Topic;
import io.screenalytics.schemas.Topics;
import io.screenalytics.vision.embed.FaceEmbedder;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One call per face vs per-frame batches vs cross-frame batches, on the same real faces and the same kind of
 * session, interleaved round by round so machine noise hits every mode alike. Reports the median over rounds.
 */
public final class BatchingRun {

  /** One way of embedding the whole set of faces; returns nothing, model calls are counted by {@link #calls}. */
  public record Mode(String name, Runnable pass, LongSupplier calls) {}

  /** Medians over rounds. */
  public record Result(String mode, long faces, double callsPer1000, double facesPerSecond, double cpuMsPerFace) {}

  private BatchingRun() {}

  /** Embeds faces one model call each. */
  public static Mode perFace(FaceEmbedder e, List<Frame> frames, String label) {
    List<byte[]> crops = frames.stream().flatMap(f -> f.faces().stream()).map(Face::crop).toList();
    return new Mode(label, () -> crops.forEach(e::embed), e::modelRuns);
  }

  /** Embeds each frame's faces in one call (frames without faces make no call). */
  public static Mode perFrame(FaceEmbedder e, List<Frame> frames) {
    List<List<byte[]>> perFrame = frames.stream().filter(f -> !f.faces().isEmpty())
        .map(f -> f.faces().stream().map(Face::crop).toList()).toList();
    return new Mode("per-frame batches", () -> perFrame.forEach(e::embed), e::modelRuns);
  }

  /** Embeds polls of {@code framesPerPoll} frames in calls of at most the embedder's max batch. */
  public static Mode crossFrame(FaceEmbedder e, List<Frame> frames, int framesPerPoll) {
    List<List<byte[]>> polls = new ArrayList<>();
    for (int i = 0; i < frames.size(); i += framesPerPoll) {
      polls.add(frames.subList(i, Math.min(frames.size(), i + framesPerPoll)).stream()
          .flatMap(f -> f.faces().stream()).map(Face::crop).toList());
    }
    return new Mode("cross-frame, max.batch " + e.maxBatch() + ", " + framesPerPoll + " frames/poll",
        () -> polls.forEach(p -> e.embed(p)), e::modelRuns);
  }

  /** The embed service's own handler (gates, embedding, thumbnails, records) over polls of frames. */
  public static Mode handler(EmbedHandlers handlers, List<Frame> frames, int framesPerPoll) {
    BatchHandler<FaceBatch> handler = handlers.newHandler();
    List<List<Delivery<FaceBatch>>> polls = new ArrayList<>();
    List<Delivery<FaceBatch>> poll = new ArrayList<>();
    long offset = 0;
    for (Frame f : frames) {
      List<DetectedFace> faces = new ArrayList<>();
      for (Face face : f.faces()) {
        faces.add(DetectedFace.newBuilder().setFaceId("bench:" + offset + ":" + faces.size()).setTrackId(0)
            .setBboxXyxy(List.of(0f, 0f, 1f, 1f)).setLandmarks(Collections.nCopies(10, 0f))
            .setDetScore(face.detScore()).setQuality(new FaceQuality(face.quality().contrast(), face.quality().blur()))
            .setCrop(ByteBuffer.wrap(face.crop())).build());
      }
      FaceBatch b = FaceBatch.newBuilder().setEpisodeId("bench").setFrameIdx(offset).setTs(0).setFaces(faces).build();
      poll.add(new Delivery<>("bench:" + offset, b, new ConsumerRecord<>(Topics.FACES.name(), 0, offset, null, null)));
      offset++;
      if (poll.size() == framesPerPoll) {
        polls.add(poll);
        poll = new ArrayList<>();
      }
    }
    if (!poll.isEmpty()) {
      polls.add(poll);
    }
    Emitter discard = new Emitter() {
      @Override
      public <V> void send(Topic<String, V> topic, String key, V value) {}

      @Override
      public void flush() {}
    };
    return new Mode("embed-service handler, defaults, " + framesPerPoll + " frames/poll", () -> {
      for (List<Delivery<FaceBatch>> p : polls) {
        try {
          handler.handle(p, discard);
        } catch (Exception ex) {
          throw new IllegalStateException(ex);
        }
      }
    }, () -> handlers.stats().snapshot().get("model.calls"));
  }

  /**
   * Runs every mode once to warm up, then {@code rounds} rounds, each mode once per round in rotating order.
   *
   * @param faces faces per pass (the same for every mode)
   */
  public static List<Result> run(List<Mode> modes, long faces, int rounds) {
    modes.forEach(m -> m.pass().run());
    double[][] fps = new double[modes.size()][rounds];
    double[][] cpu = new double[modes.size()][rounds];
    double[][] calls = new double[modes.size()][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < modes.size(); k++) {
        int m = (k + r) % modes.size();
        Mode mode = modes.get(m);
        long c0 = mode.calls().getAsLong();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        mode.pass().run();
        long wall = System.nanoTime() - t0;
        cpu[m][r] = (processCpuNanos() - cpu0) / 1e6 / faces;
        fps[m][r] = faces / (wall / 1e9);
        calls[m][r] = (mode.calls().getAsLong() - c0) * 1000.0 / faces;
      }
    }
    List<Result> out = new ArrayList<>();
    for (int m = 0; m < modes.size(); m++) {
      out.add(new Result(modes.get(m).name(), faces, median(calls[m]), median(fps[m]), median(cpu[m])));
    }
    return out;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
