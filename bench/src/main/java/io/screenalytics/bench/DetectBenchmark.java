package io.screenalytics.bench;

import io.screenalytics.bench.detect.AppearanceCheck;
import io.screenalytics.bench.detect.ClipFrames;
import io.screenalytics.bench.detect.DetectorSpeed;
import io.screenalytics.bench.detect.EpisodeTracks;
import io.screenalytics.vision.detect.DetectorSettings;
import io.screenalytics.vision.detect.FaceDetectors;
import io.screenalytics.vision.embed.FaceEmbedder;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench/run detect [sections] [rounds] [threads]}: the detect-track stage on the shared real footage
 * ({@code facenet_pytorch_video.mp4}, 1080p pedestrians, and the Hamilton TV clip), printed through the log:
 * <ol>
 *   <li>{@code speed}: detector ms per frame for every family at the default input size (640), pre-processing,
 *       run and post-processing apart, all detectors measured side by side in one run (rounds interleaved,
 *       medians of {@code rounds}, default 5), with the ratio to YuNet; {@code threads} intra-op threads
 *       (default 1: the service's default core quota);</li>
 *   <li>{@code tracks}: the service's own handler at its default settings on both clips sampled as the decoder
 *       samples them (stride 6, its scene cuts): closed tracks, mean track length in sampled frames and seconds,
 *       dropped tracks, per detector;</li>
 *   <li>{@code appearance}: the appearance gate's evidence on the YuNet tracks (see {@link AppearanceCheck}).</li>
 * </ol>
 * {@code sections} is a comma list, default {@code speed,tracks,appearance}.
 */
public final class DetectBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(DetectBenchmark.class);
  private static final List<String> DETECTORS =
      List.of("yunet_s_dynamic", "scrfd_500m", "scrfd_2.5g", "retinaface_mnet025");

  private DetectBenchmark() {}

  /** Runs the sections named in {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    String sections = args.length > 0 ? args[0] : "speed,tracks,appearance";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Path shared = Path.of(System.getProperty("screenalytics.shared", "../shared")).toAbsolutePath().normalize();
    Path modelsDir = shared.resolve("models");
    ModelLocator models = ModelLocator.at(modelsDir);

    long t0 = System.nanoTime();
    ClipFrames facenet = ClipFrames.sample("facenet", shared.resolve("media/video/facenet_pytorch_video.mp4"),
        ClipFrames.DEFAULT_STRIDE);
    ClipFrames hamilton = ClipFrames.sample("hamilton", shared.resolve("media/video/short_hamilton_clip.mp4"),
        ClipFrames.DEFAULT_STRIDE);
    LOG.info("sampled every {}th frame: facenet {} frames ({}x{}, {} cuts), hamilton {} frames ({}x{}, {} cuts) in {} s",
        ClipFrames.DEFAULT_STRIDE, facenet.frames().size(), facenet.images().get(0).width(),
        facenet.images().get(0).height(), facenet.sceneCuts(), hamilton.frames().size(),
        hamilton.images().get(0).width(), hamilton.images().get(0).height(), hamilton.sceneCuts(),
        String.format("%.1f", (System.nanoTime() - t0) / 1e9));

    if (sections.contains("speed")) {
      speed(models, facenet, hamilton, rounds, threads);
    }
    List<EpisodeTracks> yunetRuns = new ArrayList<>();
    if (sections.contains("tracks") || sections.contains("appearance")) {
      for (String model : sections.contains("tracks") ? DETECTORS : List.of(DETECTORS.get(0))) {
        for (ClipFrames clip : List.of(facenet, hamilton)) {
          EpisodeTracks run = EpisodeTracks.run(clip, modelsDir, model, threads);
          LOG.info(String.format("tracks %-8s %-18s: %3d closed tracks, mean length %5.2f sampled frames (%.2f s), "
                  + "%d dropped as shorter than 3, %d faces on %d frames; end reasons %s", clip.name(), model,
              run.tracks().size(), run.meanTrackLength(), run.meanTrackSeconds(), droppedOf(run),
              run.totals().getFaces(), run.totals().getFrames(), run.endReasons()));
          if (model.equals(DETECTORS.get(0))) {
            yunetRuns.add(run);
          }
        }
      }
    }
    if (sections.contains("appearance")) {
      yunetRuns.forEach(run -> appearance(models, run));
    }
  }

  private static void speed(ModelLocator models, ClipFrames facenet, ClipFrames hamilton, int rounds, int threads) {
    List<BgrImage> frames = new ArrayList<>();
    frames.addAll(facenet.images());
    frames.addAll(hamilton.images());
    LOG.info("speed: {} detectors x {} real frames ({} at 1920x1080, {} at 640x360), input size {}, {} intra-op "
        + "thread(s), {} rounds + 1 warm-up", DETECTORS.size(), frames.size(), facenet.images().size(),
        hamilton.images().size(), DetectorSettings.DEFAULT_MAX_INPUT_SIZE, threads, rounds);
    List<DetectorSpeed.Row> rows = DetectorSpeed.measure(models, DETECTORS, frames, rounds, threads,
        DetectorSettings.DEFAULT_MAX_INPUT_SIZE);
    double yunet = rows.get(0).totalMs();
    LOG.info(String.format("%-20s %-28s %8s %8s %8s %9s %9s %11s", "detector", "licence", "pre ms", "run ms",
        "post ms", "total ms", "x YuNet", "faces/frame"));
    for (DetectorSpeed.Row r : rows) {
      LOG.info(String.format("%-20s %-28s %8.2f %8.2f %8.2f %9.2f %9.2f %11.2f", r.name(),
          abbreviate(FaceDetectors.specOf(r.name()).licence()), r.preMs(), r.runMs(), r.postMs(), r.totalMs(),
          r.totalMs() / yunet, r.facesPerFrame()));
    }
  }

  private static void appearance(ModelLocator models, EpisodeTracks run) {
    try (FaceEmbedder embedder = FaceEmbedder.open(models, ModelCatalog.FR_FEATURE, SessionSettings.cpu(2), 16)) {
      AppearanceCheck.report(run, embedder);
    }
  }

  private static long droppedOf(EpisodeTracks run) {
    long published = run.batches().stream().flatMap(b -> b.getFaces().stream())
        .map(f -> f.getTrackId()).distinct().count();
    return published - run.tracks().size();
  }

  private static String abbreviate(String licence) {
    return licence.length() <= 28 ? licence : licence.substring(0, 25) + "...";
  }
}
