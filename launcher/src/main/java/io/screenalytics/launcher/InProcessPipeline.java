package io.screenalytics.launcher;

import io.screenalytics.store.StoreLayout;
import io.screenalytics.identities.facebank.FacebankJson;
import io.screenalytics.identities.manifest.EpisodeManifestReader;
import io.screenalytics.identities.screentime.ScreenTimeTable;
import io.screenalytics.identities.facebank.CastEnrolment;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.store.EpisodeIds;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.vision.pipeline.FacePipeline;
import java.io.IOException;
import org.slf4j.LoggerFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every service of the pipeline running in this process, each with its own consumer group, threads and
 * core quota, against whatever cluster the settings name.
 */
public final class InProcessPipeline implements AutoCloseable {

  private final Settings settings;
  private final List<WorkerService<?>> services;
  private final ArtifactStore store;

  private InProcessPipeline(Settings settings, List<WorkerService<?>> services) {
    this.settings = settings;
    this.services = services;
    this.store = ArtifactStores.open(settings.asMap());
  }

  /**
   * Builds and starts every service; on a failure the ones already started are stopped.
   *
   * @throws RuntimeException from a service's construction (invalid settings, missing model)
   */
  public static InProcessPipeline start(Settings settings) {
    List<WorkerService<?>> started = new ArrayList<>();
    try {
      for (ServiceKind kind : ServiceKind.values()) {
        started.add(kind.create(settings).start());
      }
    } catch (RuntimeException e) {
      started.forEach(WorkerService::close);
      throw e;
    }
    return new InProcessPipeline(settings, started);
  }

  /** The running services, in pipeline order. */
  public List<WorkerService<?>> services() {
    return services;
  }

  /**
   * Enrols the cast photos through the detect-align-embed path and stores the facebank.
   *
   * @param cast   the cast source, naming the facebank
   * @param photos its photos ({@link CastEnrolment#list(Path)})
   * @return the facebank's store key, for the episode request
   * @throws IOException when a photo cannot be read
   */
  String enrolCast(Path cast, List<CastEnrolment.CastPhoto> photos, Console console) throws IOException {
    CastEnrolment.Result result;
    try (FacePipeline faces = FacePipeline.openDefault(ModelLocator.resolve(settings.asMap().get("models.dir")),
        SessionSettings.cpu(Runtime.getRuntime().availableProcessors()))) {
      result = CastEnrolment.enrol(photos, faces);
    }
    String name = EpisodeIds.fromFileName(cast.getFileName().toString());
    String key = StoreLayout.facebank(name);
    store.put(key, FacebankJson.toJson(result.facebank()));
    console.info("cast facebank %s: %d people from %d photos%s", key, result.facebank().names().size(),
        photos.size(), result.photosWithoutFace().isEmpty() ? "" : " (no face found in " + result.photosWithoutFace() + ")");
    return key;
  }

  /** The stored screen-time table of an episode, formatted for the console. */
  String screenTimeTable(String episodeId) throws IOException {
    return ScreenTimeTable.format(new EpisodeManifestReader().screenTime(store, episodeId));
  }

  /** The artifact store the results are written to. */
  ArtifactStore store() {
    return store;
  }

  @Override
  public void close() {
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).close();
    }
    try {
      store.close();
    } catch (IOException e) {
      LoggerFactory.getLogger(InProcessPipeline.class).warn("closing the artifact store: {}", e.toString());
    }
  }
}
