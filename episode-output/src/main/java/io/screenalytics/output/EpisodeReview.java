package io.screenalytics.output;

import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.Identity;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankLibrary;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.identities.facebank.SeedProvenance;
import io.screenalytics.identities.identity.ThumbnailSelector;
import io.screenalytics.output.review.Decision;
import io.screenalytics.output.review.DecisionLog;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.StoreLayout;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reviewer's decisions on a stored episode, each one taken the same way from the command line and from the review
 * web application: the episode is assembled as it stands (stored embeddings, its decision log, its facebank; nothing
 * decoded or embedded again), the decision is checked against it, appended to the log, taught to the facebank when it
 * names or rejects, and the episode is rescored ({@link EpisodeRescorer}) so its files and report show it at once.
 *
 * <ul>
 *   <li>{@link #name}: the identity's best faces (up to {@value #SEEDS}, one per track first, by det_score times
 *       sharpness; each with a stored embedding) become seeds of the person in the facebank, with their provenance
 *       (episode, identity, track, frame) and a copy of their crop under {@code facebanks/<bank>/photos/};
 *   <li>{@link #reject}: the identity's centroid and best faces become rejections of the person (a cannot-link every
 *       episode matched against the facebank respects); seeds of the person learned from these tracks are removed;
 *   <li>{@link #merge}, {@link #split}: regroupings of this episode only;
 *   <li>{@link #undo}: the last decision is dropped and its facebank and voicebank changes reverted.
 * </ul>
 *
 * <p>A name reaches the voice: naming an identity whose face the episode linked speech to teaches the voicebank that
 * voice from the episode's windows on the face ({@link VoiceLearning}).
 *
 * <p>The facebank taught is the one given, else the log's ({@link DecisionLog#facebank()}, recorded when the episode
 * was run with a store facebank), else {@code default}; it becomes the log's. Not safe against concurrent decisions
 * on one episode or facebank (last writer wins); thread-safe otherwise.
 */
public final class EpisodeReview {

  /** Seeds (and rejected faces) taken from an identity per decision. */
  public static final int SEEDS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(EpisodeReview.class);

  /** The facebank taught when neither the decision nor the episode names one. */
  public static final String DEFAULT_FACEBANK = "default";

  private final ArtifactStore store;
  private final Clock clock;
  private final EpisodeRescorer rescorer = new EpisodeRescorer();

  /**
   * What a decision did.
   *
   * @param decision the decision (for {@link #undo}: the one undone)
   * @param log      the episode's log after it
   * @param rescored the episode's rescore
   * @param seeds    seeds (name) or rejections (reject) added to the facebank; for undo, those removed
   * @param voice    one line on the voice of the face named (learned, or why not) or of the undone decision
   *                 (forgotten); null when there was nothing to say (no voices, another kind of decision)
   */
  public record Outcome(Decision decision, DecisionLog log, EpisodeRescorer.Outcome rescored,
      List<FacebankSeed> seeds, String voice) {}

  /** @param store where the episode and its facebank live */
  public EpisodeReview(ArtifactStore store) {
    this(store, Clock.systemUTC());
  }

  /** @param clock stamps decisions ({@link Decision#at()}) */
  public EpisodeReview(ArtifactStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The episode as it stands: assembled from its stored embeddings with its decisions and facebank. */
  public EpisodeRescorer.Assembled current(String episodeId) throws IOException {
    return rescorer.assemble(store, episodeId, Map.of(), Optional.empty());
  }

  /** The episode's decision log (empty when none). */
  public DecisionLog log(String episodeId) throws IOException {
    return DecisionLog.load(store, episodeId);
  }

  /**
   * Names an identity: its best faces become seeds of {@code person}, then the episode is rescored.
   *
   * @param facebank the facebank to teach, or empty for the episode's ({@link DecisionLog#facebank()}, else
   *                 {@value #DEFAULT_FACEBANK})
   * @param command  how the decision was taken, for the log
   * @throws IllegalArgumentException on an unknown identity, a blank name, an identity without embedded faces or an
   *                                  invalid facebank name
   * @throws IOException when the episode cannot be read or the store fails
   */
  public Outcome name(String episodeId, String identityId, String person, Optional<String> facebank, String command)
      throws IOException {
    Teaching t = teaching(episodeId, identityId, person, facebank);
    String name = t.person();
    String bank = t.bank();
    int seq = t.seq();
    Identity identity = t.identity();
    Set<Integer> tracks = new HashSet<>(identity.trackIds());
    Facebank cast = t.cast();
    List<FacebankSeed> seeds = new ArrayList<>();
    for (FacebankSeed s : cast.seeds(name)) {
      if (!learnedFrom(s, episodeId, tracks)) {
        seeds.add(s);
      }
    }
    List<FacebankSeed> added = new ArrayList<>();
    added.addAll(faceSeeds(t));
    seeds.addAll(added);
    List<FacebankSeed> rejections = cast.rejections(name).stream()
        .filter(r -> !learnedFrom(r, episodeId, tracks)).toList();
    new FacebankLibrary(store).save(bank, cast.with(name, seeds, rejections));
    Decision d = new Decision(seq, Decision.Kind.NAME, now(), command, identityId, identity.trackIds(), name, null,
        null, null, bank, null, null);
    // a trial with the new seeds and the decision: what else would they change?
    DecisionLog log = t.log().withFacebank(bank);
    log.with(d).save(store);
    AssemblyResult trial = current(episodeId).result();
    Decision local = d.withHeld(DecisionLocality.held(t.result(), trial, d));
    String voice = VoiceLearning.teach(store, trial, identity.trackIds(), name, seq).orElse(null);
    return decide(log.with(local), local, added, voice);
  }

  /**
   * Refuses a name for an identity: its centroid and best faces become rejections of {@code person}, seeds of the
   * person learned from its tracks are removed, then the episode is rescored.
   *
   * @throws IllegalArgumentException on an unknown identity or a blank name
   * @throws IOException when the episode cannot be read or the store fails
   */
  public Outcome reject(String episodeId, String identityId, String person, Optional<String> facebank,
      String command) throws IOException {
    Teaching t = teaching(episodeId, identityId, person, facebank);
    String name = t.person();
    int seq = t.seq();
    Identity identity = t.identity();
    Set<Integer> tracks = new HashSet<>(identity.trackIds());
    Facebank cast = t.cast();
    List<FacebankSeed> kept = new ArrayList<>();
    List<Decision.RemovedSeed> removed = new ArrayList<>();
    for (FacebankSeed s : cast.seeds(name)) {
      if (learnedFrom(s, episodeId, tracks)) {
        removed.add(new Decision.RemovedSeed(name, s.sourcePhoto(), s.model(), s.embedding(), s.provenance()));
      } else {
        kept.add(s);
      }
    }
    List<FacebankSeed> added = new ArrayList<>();
    SeedProvenance centroid = new SeedProvenance(episodeId, identityId, -1, -1, null, seq);
    added.add(new FacebankSeed(identity.centroid(), centroid.describe(), t.model(), centroid));
    added.addAll(faceSeeds(t));
    List<FacebankSeed> rejections = new ArrayList<>(cast.rejections(name));
    rejections.addAll(added);
    new FacebankLibrary(store).save(t.bank(), cast.with(name, kept, rejections));
    Decision d = new Decision(seq, Decision.Kind.REJECT, now(), command, identityId, identity.trackIds(), name,
        null, null, null, t.bank(), removed, null);
    return decide(t.log().withFacebank(t.bank()).with(d), d, added, null);
  }

  /**
   * Merges identity {@code identityId} into {@code intoId} (the name of {@code intoId} wins, else the other's).
   *
   * @throws IllegalArgumentException on an unknown identity or the same identity twice
   * @throws IOException when the episode cannot be read or the store fails
   */
  public Outcome merge(String episodeId, String identityId, String intoId, String command) throws IOException {
    if (identityId.equals(intoId)) {
      throw new IllegalArgumentException("cannot merge " + identityId + " into itself");
    }
    DecisionLog log = DecisionLog.load(store, episodeId);
    AssemblyResult now = current(episodeId).result();
    Identity from = identity(now, identityId);
    Identity into = identity(now, intoId);
    Decision d = new Decision(log.nextSeq(), Decision.Kind.MERGE, now(), command, identityId, from.trackIds(), null,
        intoId, into.trackIds(), null, null, null, null);
    return decide(log.with(d), d, List.of(), null);
  }

  /**
   * Splits track {@code trackId} off identity {@code identityId} into an unknown identity of its own.
   *
   * @throws IllegalArgumentException on an unknown identity, a track it does not hold, or its only track
   * @throws IOException when the episode cannot be read or the store fails
   */
  public Outcome split(String episodeId, String identityId, int trackId, String command) throws IOException {
    DecisionLog log = DecisionLog.load(store, episodeId);
    Identity identity = identity(current(episodeId).result(), identityId);
    if (!identity.trackIds().contains(trackId)) {
      throw new IllegalArgumentException(identityId + " has no track " + trackId + "; its tracks: "
          + identity.trackIds());
    }
    if (identity.trackIds().size() == 1) {
      throw new IllegalArgumentException(identityId + " has only track " + trackId + ": nothing to split off");
    }
    Decision d = new Decision(log.nextSeq(), Decision.Kind.SPLIT, now(), command, identityId, identity.trackIds(),
        null, null, null, trackId, null, null, null);
    return decide(log.with(d), d, List.of(), null);
  }

  /**
   * Reverts the last decision: drops it from the log, removes the seeds or rejections it taught the facebank (and
   * puts back the seeds a rejection removed), and rescores.
   *
   * @throws IllegalStateException when the episode has no decision
   * @throws IOException when the episode cannot be read or the store fails
   */
  public Outcome undo(String episodeId) throws IOException {
    DecisionLog log = DecisionLog.load(store, episodeId);
    if (log.decisions().isEmpty()) {
      throw new IllegalStateException("episode " + episodeId + " has no decision to undo");
    }
    Decision last = log.decisions().get(log.decisions().size() - 1);
    List<FacebankSeed> removed = new ArrayList<>();
    if (last.facebank() != null) {
      FacebankLibrary library = new FacebankLibrary(store);
      Facebank cast = library.find(last.facebank()).orElse(Facebank.empty());
      String person = last.person();
      List<FacebankSeed> seeds = new ArrayList<>();
      List<FacebankSeed> rejections = new ArrayList<>();
      for (FacebankSeed s : cast.seeds(person)) {
        (fromDecision(s, episodeId, last.seq()) ? removed : seeds).add(s);
      }
      for (FacebankSeed s : cast.rejections(person)) {
        (fromDecision(s, episodeId, last.seq()) ? removed : rejections).add(s);
      }
      for (Decision.RemovedSeed r : last.removedSeeds()) {
        seeds.add(new FacebankSeed(r.embedding(), r.sourcePhoto(), r.model(), r.provenance()));
      }
      library.save(last.facebank(), cast.with(person, seeds, rejections));
    }
    double forgotten = last.kind() == Decision.Kind.NAME ? VoiceLearning.forget(store, episodeId, last.seq()) : 0;
    DecisionLog after = log.withoutLast();
    after.save(store);
    return new Outcome(last, after, rescorer.rescore(store, episodeId, Map.of(), Optional.empty()), removed,
        forgotten > 0 ? String.format(Locale.ROOT, "voice: %.1f s of %s's speech forgotten", forgotten,
            last.person()) : null);
  }

  /** What naming and rejecting start from: the log, the facebank, the identity as it stands. */
  private record Teaching(DecisionLog log, String bank, Facebank cast, AssemblyResult result, Identity identity,
      String person, String model, int seq) {}

  private Teaching teaching(String episodeId, String identityId, String person, Optional<String> facebank)
      throws IOException {
    if (person == null || person.isBlank()) {
      throw new IllegalArgumentException("the name must not be blank");
    }
    DecisionLog log = DecisionLog.load(store, episodeId);
    String bank = bank(log, facebank);
    EpisodeRescorer.Assembled now = current(episodeId);
    Facebank cast = new FacebankLibrary(store).find(bank).orElse(Facebank.empty());
    if (log.facebank() == null) {
      cast = carryOver(now.facebank(), cast);
    }
    return new Teaching(log, bank, cast, now.result(), identity(now.result(), identityId), person.strip(),
        model(now.result()), log.nextSeq());
  }

  /**
   * An episode named from its own copy of a facebank (run with a facebank file, or before any store facebank) that
   * is taught a store facebank is named from that store facebank from then on: so that the decision renames nobody
   * else, the people of its own copy that the store facebank lacks are carried over into it (their seeds and
   * rejections), and the log records it.
   */
  private static Facebank carryOver(Facebank own, Facebank target) {
    Facebank out = target;
    for (String person : own.names()) {
      if (target.seeds(person).isEmpty()) {
        LOG.info("facebank: {} carried over from the episode's own facebank", person);
        out = out.with(person, own.seeds(person), own.rejections(person));
      }
    }
    return out;
  }

  /** The identity's best faces as seeds with their provenance, their crops stored in the facebank's photos. */
  private List<FacebankSeed> faceSeeds(Teaching t) throws IOException {
    List<FacebankSeed> seeds = new ArrayList<>();
    for (FaceRecord f : bestFaces(t.result(), t.identity())) {
      SeedProvenance p = new SeedProvenance(t.result().episode().episodeId(), t.identity().id(), f.trackId(),
          f.frameIdx(), f.faceId(), t.seq());
      seeds.add(new FacebankSeed(f.embedding(), photo(t.bank(), p, f), t.model(), p));
    }
    return seeds;
  }

  private Outcome decide(DecisionLog log, Decision d, List<FacebankSeed> seeds, String voice) throws IOException {
    log.save(store);
    return new Outcome(d, log, rescorer.rescore(store, log.episodeId(), Map.of(), Optional.empty()), seeds, voice);
  }

  /**
   * The facebank a decision teaches: the one given, else the log's, else {@value #DEFAULT_FACEBANK}. An episode named
   * from one store facebank is never taught another: that would name the whole episode from the other alone (its
   * cast unknown, the new name spread to other tracks), so it is refused with one line naming both.
   */
  private static String bank(DecisionLog log, Optional<String> facebank) {
    Optional<String> given = facebank.filter(b -> !b.isBlank());
    if (given.isPresent() && log.facebank() != null && !given.get().equals(log.facebank())) {
      FacebankLibrary.validateName(given.get());
      throw new IllegalArgumentException("episode " + log.episodeId() + " is named from facebank " + log.facebank()
          + ", not " + given.get() + ": leave out --facebank to teach " + log.facebank() + ", or move the episode "
          + "first with: screenalytics rescore " + log.episodeId() + " --facebank " + given.get());
    }
    String bank = given.orElse(log.facebank() == null ? DEFAULT_FACEBANK : log.facebank());
    return FacebankLibrary.validateName(bank);
  }

  private static Identity identity(AssemblyResult result, String identityId) {
    return result.identity(identityId).orElseThrow(() -> new IllegalArgumentException("episode "
        + result.episode().episodeId() + " has no identity " + identityId + "; identities: "
        + String.join(", ", result.identities().stream().map(Identity::id).toList())));
  }

  private static String model(AssemblyResult result) {
    return result.embedder().orElseThrow(() -> new IllegalStateException("episode "
        + result.episode().episodeId() + " records no embedder model")).name();
  }

  /**
   * The identity's best embedded faces: each carries the JPEG of its own crop or, when only its track's best face
   * was kept, of that one ({@link ThumbnailSelector}: one per track first, by det_score times sharpness).
   */
  private static List<FaceRecord> bestFaces(AssemblyResult result, Identity identity) {
    Set<Integer> tracks = new HashSet<>(identity.trackIds());
    Map<Integer, byte[]> trackPhoto = new HashMap<>();
    for (FaceRecord f : result.faces()) {
      if (tracks.contains(f.trackId()) && f.thumbnailJpeg() != null) {
        trackPhoto.putIfAbsent(f.trackId(), f.thumbnailJpeg());
      }
    }
    List<FaceRecord> embedded = result.faces().stream()
        .filter(f -> tracks.contains(f.trackId()) && f.hasEmbedding() && trackPhoto.containsKey(f.trackId()))
        .map(f -> f.thumbnailJpeg() != null ? f : f.withThumbnail(trackPhoto.get(f.trackId())))
        .toList();
    List<FaceRecord> best = new ThumbnailSelector(SEEDS, result.config().clustering().blurReference())
        .select(embedded);
    if (best.isEmpty()) {
      throw new IllegalArgumentException(identity.id() + " has no embedded face with a stored crop to learn from");
    }
    return best;
  }

  /** Stores the face's crop as {@code facebanks/<bank>/photos/<episode>_t<track>_f<frame>.jpg}; its key. */
  private String photo(String bank, SeedProvenance p, FaceRecord f) throws IOException {
    String key = StoreLayout.learnedPhoto(bank, p.episodeId(), p.trackId(), p.frameIdx());
    store.put(key, f.thumbnailJpeg());
    return key;
  }

  private static boolean learnedFrom(FacebankSeed s, String episodeId, Set<Integer> tracks) {
    SeedProvenance p = s.provenance();
    return p != null && p.episodeId().equals(episodeId) && tracks.contains(p.trackId());
  }

  private static boolean fromDecision(FacebankSeed s, String episodeId, int seq) {
    return s.provenance() != null && s.provenance().episodeId().equals(episodeId) && s.provenance().decision() == seq;
  }

  private String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
