package io.screenalytics.launcher;

import io.screenalytics.cluster.BrokerProcesses;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.cluster.LocalClusterSettings;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.config.TopicSettings;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import io.screenalytics.identities.facebank.CastEnrolment;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankLibrary;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.EpisodeIds;
import io.screenalytics.store.StoreLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code screenalytics run}: the whole pipeline in one process. Starts a real KRaft Kafka broker
 * in-process (or {@code --brokers N}, each its own process) and the schema registry as a child process, creates the topics, starts every service,
 * enrols the cast facebank, pushes the episode, shows progress and prints the screen-time table. With several
 * videos ({@code --video} repeated, {@code --videos DIR}: a season) every episode goes through that one cluster
 * start; each is followed on its own ({@link SeasonWatch}), a failed one does not stop the others, and a summary
 * table (one row per episode) comes before the screen-time tables.
 *
 * <p>Before it starts anything it checks what the user gave: the video (a local one exists, is a readable regular
 * file and is not empty; {@link VideoInput}), the episode id, the cast (a folder's files that are not images are
 * skipped with one warning line) and every service's settings; a mistake ends it with one {@code error:} line
 * and status {@value UserErrors#EXIT}. Status 2 also when an episode fails, 3 when one does not finish in time
 * ({@link #exitStatus}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline on one video in this process (embedded Kafka broker and registry).")
final class RunCommand extends UserCommand {

  /** Exit status when an episode did not finish within the wait. */
  static final int EXIT_UNFINISHED = 3;
  /**
   * A wait gives up after this long without any status event of any episode: stages report progress every 2 s
   * while they work; assembly's clustering of a long episode and the voice wait (60 s) are the longest silences.
   */
  static final Duration EPISODE_STALL = Duration.ofMinutes(10);
  /** Setting naming the store facebank ({@code facebanks/<name>.json}) an episode is matched against and taught. */
  static final String FACEBANK_NAME = "facebank.name";
  /** The launcher's own settings ({@value #FACEBANK_NAME}, read by {@code run} and {@code ingest}). */
  static final ConfigDef DEF = new ConfigDef()
      .define(FACEBANK_NAME, Type.STRING, null, Importance.MEDIUM,
          "Store facebank (facebanks/<name>.json) the episode is matched against and its review decisions teach.");

  @Option(names = "--video", paramLabel = "PATH|S3_URI",
      description = "An episode video (any format FFmpeg reads): a local file, or an s3:// URI the store can read. "
          + "Repeatable: every episode goes through the one cluster.")
  List<String> videos = new ArrayList<>();

  @Option(names = "--videos", paramLabel = "DIR",
      description = "A season: every video file of this folder (by extension), sorted by name; other files are "
          + "skipped with a warning. Episode ids come from the file names.")
  Path videosDir;

  @Option(names = "--cast", paramLabel = "DIR|CSV",
      description = "Cast photos: a folder of <name>/<photo> images, or a CSV of name,photo rows; they create or "
          + "extend the store facebank named by --set facebank.name (default: the cast file's name).")
  Path cast;

  @Option(names = "--insist", description = "Enrol doubtful cast photos anyway: a photo whose face is unlike the "
      + "person's other photos, or with several faces none of which they agree on (its largest face is taken).")
  boolean insist;

  @Option(names = "--episode-id", description = "Episode id of the one video (default: from the video's file name).")
  String episodeId;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "screenalytics-data",
      description = "Artifact store root for the results (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--brokers", defaultValue = "1", paramLabel = "N",
      description = "Kafka brokers: 1 (default) in this process; 2-9 each its own process, all of them voters of the "
          + "controller quorum, topics replicated min(N, 3) times with min.insync.replicas 2 at 3 replicas "
          + "(3 survive the loss of any one).")
  int brokers;

  @Option(names = "--timeout", defaultValue = "PT30M",
      description = "Give up after this long per episode (ISO-8601, default ${DEFAULT-VALUE}), or after "
          + "10 minutes without any status event.")
  Duration timeout;

  @Mixin
  SettingsOptions settingsOptions;

  @Override
  protected Integer execute() throws Exception {
    // every mistake the user can make is reported here, before the cluster starts (~10 s)
    Console console = console();
    SeasonInputs season = SeasonInputs.of(videos, videosDir, episodeId);
    if (!season.skipped().isEmpty()) {
      int n = season.skipped().size();
      console.warn("%s: %d file%s skipped, not %s: %s", videosDir, n, n == 1 ? "" : "s", n == 1 ? "a video" : "videos",
          String.join(", ", season.skipped().stream().map(p -> p.getFileName().toString()).toList()));
    }
    Settings base = settingsOptions.load(Map.of("store.root", out.toAbsolutePath().toString()));
    base = InProcessPipeline.withStageWaits(base);
    List<CastEnrolment.CastPhoto> castPhotos = cast == null ? null : castPhotos(cast, console);
    if (brokers < 1 || brokers > BrokerProcesses.MAX_NODES) {
      throw new IllegalArgumentException("--brokers must be 1-" + BrokerProcesses.MAX_NODES + ": " + brokers);
    }
    base = withReplicationDefaults(base, brokers);
    Optional<String> bank = facebankName(base);
    String castBank = cast == null ? null
        : bank.orElse(FacebankLibrary.validateName(EpisodeIds.fromFileName(cast.getFileName().toString())));
    String namedBank = cast == null && bank.isPresent() ? existingOrNew(base, bank.get(), console) : null;
    ServiceKind.validateAll(base);
    TopicSettings replication = TopicSettings.from(base);
    long t0 = System.nanoTime();
    console.info(brokers == 1 ? "starting Kafka broker (KRaft, in-process) and schema registry..."
        : "starting " + brokers + " Kafka brokers (KRaft, one process each, a controller quorum of " + brokers
            + ") and schema registry...");
    try (LocalCluster cluster = LocalCluster.start(LocalClusterSettings.fromEnvironment().withBrokers(brokers))) {
      Map<String, String> clusterSettings = new LinkedHashMap<>();
      clusterSettings.put(KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
      clusterSettings.put(KafkaSettings.REGISTRY_URL, cluster.registryUrl());
      Settings settings = base.with(clusterSettings);
      KafkaSettings kafka = KafkaSettings.from(settings);
      TopicAdmin.provision(kafka, replication);
      console.info("cluster ready in %.1f s (broker %s, registry %s)", seconds(t0), cluster.bootstrapServers(),
          cluster.registryUrl());
      try (InProcessPipeline pipeline = InProcessPipeline.start(settings)) {
        String facebankUri = cast == null ? namedBank
            : pipeline.enrolCast(castBank, castPhotos, insist, console);
        try (StatusWatcher watcher = new StatusWatcher(kafka);
             Ingestor ingestor = new Ingestor(kafka)) {
          long pushed = System.nanoTime();
          List<String> ids = new ArrayList<>();
          for (SeasonInputs.Episode e : season.episodes()) {
            if (e.refused() == null) {
              ingestor.push(e.id(), e.input().location(), facebankUri, null);
              ids.add(e.id());
            }
          }
          if (!ids.isEmpty()) {
            console.info(ids.size() == 1 ? "episode %s pushed onto %s" : "episodes %s pushed onto %s",
                String.join(", ", ids), Topics.INGEST.name());
          }
          Map<String, SeasonWatch.Outcome> byId = new LinkedHashMap<>();
          new SeasonWatch(console, ids).await(watcher, EPISODE_STALL, timeout.multipliedBy(Math.max(1, ids.size())))
              .forEach(o -> byId.put(o.episodeId(), o));
          List<SeasonWatch.Outcome> outcomes = new ArrayList<>();
          for (SeasonInputs.Episode e : season.episodes()) {
            outcomes.add(e.refused() == null ? byId.get(e.id()) : SeasonWatch.refused(e.id(), e.refused()));
          }
          console.info("%d episode%s in %.1f s from push (%.1f s wall time including start-up)", outcomes.size(),
              outcomes.size() == 1 ? "" : "s", seconds(pushed), seconds(t0));
          if (outcomes.size() > 1) {
            console.print(SeasonWatch.summary(outcomes));
          }
          for (SeasonWatch.Outcome o : outcomes) {
            if (o.completed()) {
              if (outcomes.size() > 1) {
                console.info("%nscreen time of %s:", o.episodeId());
              }
              console.print(pipeline.screenTimeTable(o.episodeId()));
            } else if (outcomes.size() == 1) {
              console.error("%s %s: %s", o.episodeId(), o.status(), o.reason());
            }
          }
          return exitStatus(outcomes);
        }
      }
    }
  }

  /**
   * The status of a run: 0 when every episode completed, {@value #EXIT_UNFINISHED} when one did not finish in time,
   * else {@value UserErrors#EXIT} when one failed.
   */
  static int exitStatus(List<SeasonWatch.Outcome> outcomes) {
    if (outcomes.stream().anyMatch(o -> o.status() == SeasonWatch.Status.UNFINISHED)) {
      return EXIT_UNFINISHED;
    }
    return outcomes.stream().allMatch(SeasonWatch.Outcome::completed) ? 0 : UserErrors.EXIT;
  }

  /**
   * The facebank by name ({@value #FACEBANK_NAME}), if set.
   *
   * @throws IllegalArgumentException on an invalid name
   */
  static Optional<String> facebankName(Settings settings) {
    String name = settings.asMap().get(FACEBANK_NAME);
    return name == null || name.isBlank() ? Optional.empty()
        : Optional.of(FacebankLibrary.validateName(name.strip()));
  }

  /** The store key of facebank {@code bank}, created empty (and said so) when the store has none of that name. */
  private static String existingOrNew(Settings settings, String bank, Console console) throws IOException {
    try (ArtifactStore store = StoreOptions.open(settings)) {
      FacebankLibrary library = new FacebankLibrary(store);
      Optional<Facebank> found = library.find(bank);
      if (found.isEmpty()) {
        library.save(bank, Facebank.empty());
        console.info("facebank %s: new and empty; name people with screenalytics name or review", bank);
      } else {
        console.info("facebank %s: %d people, %d seeds", bank, found.get().names().size(),
            found.get().seedCount());
      }
    }
    return StoreLayout.facebank(bank);
  }

  /**
   * {@code settings} with {@code topics.replication.factor} min(brokers, 3) and {@code topics.min.insync.replicas}
   * (2 at 3 replicas, else 1) unless set: with several brokers, any one may die without losing an acknowledged
   * record or stopping writes.
   */
  static Settings withReplicationDefaults(Settings settings, int brokers) {
    if (brokers == 1) {
      return settings;
    }
    int replicas = Math.min(brokers, 3);
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put(TopicSettings.REPLICATION_FACTOR, Integer.toString(replicas));
    defaults.put(TopicSettings.MIN_INSYNC_REPLICAS, replicas >= 3 ? "2" : "1");
    defaults.keySet().removeAll(settings.asMap().keySet());
    return settings.with(defaults);
  }

  /** The cast's photos; one warning line names the files of a cast folder skipped as not images. */
  private static List<CastEnrolment.CastPhoto> castPhotos(Path cast, Console console) throws IOException {
    CastEnrolment.Listing listing = CastEnrolment.list(cast);
    if (!listing.skipped().isEmpty()) {
      int n = listing.skipped().size();
      console.warn("cast %s: %d file%s skipped, not %s: %s", cast, n, n == 1 ? "" : "s", n == 1 ? "an image" : "images",
          String.join(", ", listing.skipped().stream().map(p -> cast.relativize(p).toString()).toList()));
    }
    return listing.photos();
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
