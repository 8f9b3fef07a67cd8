package io.screenalytics.launcher;

import io.screenalytics.asd.service.AsdConfig;
import io.screenalytics.identities.facebank.CastEnrolment;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankLibrary;
import io.screenalytics.identities.screentime.ScreenTimeTable;
import io.screenalytics.output.manifest.EpisodeManifestReader;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import io.screenalytics.store.StoreLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every service of the pipeline running in this process, each with its own consumer group, threads and
 * core quota, against whatever cluster the settings name.
 */
public final class InProcessPipeline implements AutoCloseable {

  /** {@code assembly.voice.start.wait.ms}: the voice service runs in the process, so episodes wait for it. */
  static final String VOICE_START_WAIT_KEY = "assembly.voice.start.wait.ms";
  /** 60 s unless set: far longer than the voice service takes to start on an episode. */
  static final String VOICE_START_WAIT_MS = "60000";
  /** {@code assembly.asd.start.wait.ms}: the asd service runs in the process (unless {@code asd.enabled=false}). */
  static final String ASD_START_WAIT_KEY = "assembly.asd.start.wait.ms";

  private final Settings settings;
  private final List<WorkerService<?>> services;
  private final ArtifactStore store;

  private InProcessPipeline(Settings settings, List<WorkerService<?>> services) {
    this.settings = settings;
    this.services = services;
    this.store = ArtifactStores.open(settings.asMap());
  }

  /**
   * The settings with the waits this pipeline needs unless they are set: a face-complete episode waits up to
   * {@value #VOICE_START_WAIT_MS} ms for the voice stage to start on it, and as long for the asd stage while
   * {@code asd.enabled} (the stages start on the request; assembly's defaults, 0, are for deployments without them).
   * {@code screenalytics run} and {@code bench/run episode} start the pipeline with them.
   */
  public static Settings withStageWaits(Settings base) {
    Settings out = base;
    if (!out.asMap().containsKey(VOICE_START_WAIT_KEY)) {
      // the voice service runs here too: a face-complete episode waits for it to start (its models load in ~1 s)
      out = out.with(Map.of(VOICE_START_WAIT_KEY, VOICE_START_WAIT_MS));
    }
    if (!out.asMap().containsKey(ASD_START_WAIT_KEY) && AsdConfig.from(out).enabled()) {
      // so does the asd service: a face-complete episode waits for it to start (it starts on the request)
      out = out.with(Map.of(ASD_START_WAIT_KEY, VOICE_START_WAIT_MS));
    }
    return out;
  }

  /**
   * Builds and starts every service; on a failure the ones already started are stopped.
   *
   * @throws RuntimeException from a service's construction (invalid settings, missing model)
   */
  public static InProcessPipeline start(Settings settings) {
    List<WorkerService<?>> started = new ArrayList<>();
    try {
      boolean asd = AsdConfig.from(settings).enabled();
      for (ServiceKind kind : ServiceKind.values()) {
        if (kind == ServiceKind.ASD && !asd) continue; // asd.enabled=false: voices linked by presence alone
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
   * Enrols the cast photos into the store facebank {@code bank} through {@link Enrolment#cast} (the embedder
   * {@code embed.model} names, as {@code facebank add}), and prints what it did.
   *
   * @param bank   the facebank's name ({@code facebanks/<bank>.json})
   * @param photos the cast's photos ({@link CastEnrolment#list(Path)})
   * @param insist enrol doubtful photos anyway ({@link io.screenalytics.identities.facebank.PhotoCheck})
   * @param console where each doubtful photo is said, one warning line each
   * @return the facebank's store key, for the episode request
   * @throws IOException when a photo or the store cannot be read
   */
  String enrolCast(String bank, List<CastEnrolment.CastPhoto> photos, boolean insist, Console console)
      throws IOException {
    FacebankLibrary.CastEnrolled enrolled = Enrolment.cast(settings, store, bank, photos, insist);
    CastEnrolment.Result result = enrolled.enrolment();
    result.doubtful().forEach(c -> console.warn("%s", Enrolment.describe(c)));
    Facebank updated = enrolled.facebank();
    String key = StoreLayout.facebank(bank);
    int learned = enrolled.keptSeeds();
    console.info("cast facebank %s: %d people from %d photos%s%s", key, result.facebank().names().size(),
        photos.size(), learned > 0 ? String.format(Locale.ROOT, ", %d more seeds kept (%d people in all)",
            learned, updated.names().size()) : "",
        result.photosWithoutFace().isEmpty() ? "" : " (no face found in " + result.photosWithoutFace() + ")");
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
