package io.screenalytics.bench.detect;

import io.screenalytics.detecttrack.service.DetectTrackConfig;
import io.screenalytics.detecttrack.service.DetectTrackHandlers;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.schemas.ClosedTrack;
import io.screenalytics.schemas.EpisodeTotals;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.Topic;
import io.screenalytics.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Runs the detect-track service's own handler, with the service's default settings (only {@code detect.model}
 * and {@code detect.cpu.quota} may differ), over a sampled clip without a broker, and keeps what it publishes.
 *
 * @param clip    the clip's name
 * @param model   the detector
 * @param batches one face batch per frame, in frame order
 * @param tracks  the closed tracks, in the order they closed
 * @param totals  the episode totals carried by the last batch
 */
public record EpisodeTracks(String clip, String model, List<FaceBatch> batches, List<ClosedTrack> tracks,
    EpisodeTotals totals) {

  /**
   * Feeds every frame of {@code clip} to a fresh handler.
   *
   * @param threads intra-op threads ({@code detect.cpu.quota})
   * @throws io.screenalytics.vision.model.ModelException when the model cannot be opened
   */
  public static EpisodeTracks run(ClipFrames clip, Path modelsDir, String model, int threads) throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("models.dir", modelsDir.toString());
    values.put("detect.model", model);
    values.put("detect.cpu.quota", Integer.toString(threads));
    Recorder out = new Recorder();
    try (DetectTrackHandlers handlers = new DetectTrackHandlers(DetectTrackConfig.from(Settings.of(values)))) {
      BatchHandler<Frame> handler = handlers.newHandler();
      long offset = 0;
      for (Frame f : clip.frames()) {
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>(Topics.FRAMES.name(), 0, offset++,
            f.getEpisodeId().getBytes(StandardCharsets.UTF_8), new byte[0]);
        handler.handle(List.of(new Delivery<>(f.getEpisodeId(), f, source)), out);
      }
    }
    FaceBatch last = out.batches.get(out.batches.size() - 1);
    return new EpisodeTracks(clip.name(), model, List.copyOf(out.batches), List.copyOf(out.tracks), last.getTotals());
  }

  /** Mean samples (sampled frames with a detection) per closed track. */
  public double meanTrackLength() {
    return tracks.stream().mapToInt(t -> t.getSamples().size()).average().orElse(0);
  }

  /** Mean track duration, seconds from first to last sample. */
  public double meanTrackSeconds() {
    return tracks.stream().mapToDouble(t -> t.getLastTs() - t.getFirstTs()).average().orElse(0);
  }

  /** Number of closed tracks per end reason, e.g. {@code lost=3}. */
  public Map<String, Long> endReasons() {
    Map<String, Long> out = new TreeMap<>();
    tracks.forEach(t -> out.merge(t.getEndReason(), 1L, Long::sum));
    return out;
  }

  /** Keeps face batches and closed tracks; status events are dropped. */
  private static final class Recorder implements Emitter {
    final List<FaceBatch> batches = new ArrayList<>();
    final List<ClosedTrack> tracks = new ArrayList<>();

    @Override public <V> void send(Topic<String, V> topic, String key, V value) {
      if (value instanceof FaceBatch b) {
        batches.add(b);
      } else if (value instanceof ClosedTrack t) {
        tracks.add(t);
      }
    }

    @Override public void flush() {}
  }
}
