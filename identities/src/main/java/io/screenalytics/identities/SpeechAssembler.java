package io.screenalytics.identities;

import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.screentime.Timeline;
import io.screenalytics.identities.voice.EpisodeAsd;
import io.screenalytics.identities.voice.EpisodeSpeech;
import io.screenalytics.identities.voice.TrackLogits;
import io.screenalytics.voice.assembly.FaceLogits;
import io.screenalytics.identities.voice.EpisodeVoices;
import io.screenalytics.voice.assembly.FacePresence;
import io.screenalytics.voice.assembly.VoiceAssembly;
import io.screenalytics.voice.assembly.VoiceSettings;
import io.screenalytics.voice.bank.Voicebank;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins an episode's voices to its face identities: each identity's time on screen (the same intervals as its
 * screen time and the report's timeline: a sampled frame with its face stands for {@code stride / fps} seconds)
 * becomes a {@link FacePresence}, and {@link VoiceAssembly} clusters the voice windows, links them to faces and
 * names them from the voicebank. Pure computation; stateless; thread-safe.
 */
public final class SpeechAssembler {

  private static final Logger LOG = LoggerFactory.getLogger(SpeechAssembler.class);

  private SpeechAssembler() {}

  /**
   * Assembles the voices of an episode whose faces are assembled.
   *
   * @param faces    the face assembly (identities, faces, fps and stride)
   * @param voices   the voice stage's result
   * @param bank     the voicebank (an empty one names nothing)
   * @param settings clustering, naming and linking thresholds
   * @return the speech of the episode; without a result when the voice state is not {@code OK}
   */
  public static EpisodeSpeech assemble(AssemblyResult faces, EpisodeVoices voices, Voicebank bank,
                                       VoiceSettings settings) {
    return assemble(faces, voices, bank, EpisodeAsd.NONE, settings);
  }

  /**
   * Assembles the voices of an episode whose faces are assembled, linking them to the faces seen speaking where the
   * active speaker stage scored them ({@link #faceLogits}); any state but {@link EpisodeAsd.AsdState#OK} links by
   * presence alone, exactly as without it.
   *
   * @param faces    the face assembly (identities, faces, fps and stride)
   * @param voices   the voice stage's result
   * @param bank     the voicebank (an empty one names nothing)
   * @param asd      the active speaker stage's result ({@link EpisodeAsd#NONE} without one)
   * @param settings clustering, naming and linking thresholds
   * @return the speech of the episode, with {@code asd} kept (its logits cut by the parts of split tracks); without a result when the voice state is not
   *     {@code OK}
   */
  public static EpisodeSpeech assemble(AssemblyResult faces, EpisodeVoices voices, Voicebank bank, EpisodeAsd asd,
                                       VoiceSettings settings) {
    if (voices.state() != EpisodeVoices.VoiceState.OK) {
      LOG.info("episode {}: no voices ({}: {})", faces.episode().episodeId(), voices.state(), voices.reason());
      return new EpisodeSpeech(voices, bank, null, asd);
    }
    // kept by parts, so asd.json matches the stored (split) tracks and rescore links the same way
    asd = asd.byParts(faces.trackSplits());
    List<FaceLogits> logits = faceLogits(faces, asd);
    var result = VoiceAssembly.assemble(faces.episode().episodeId(), voices.windows(), voices.embeddings(),
        presences(faces), logits, bank.voices().isEmpty() ? null : bank, settings);
    LOG.info("episode {}: {} windows, {} s of speech, {} speakers ({} linked to faces); active speaker {} ({} track"
            + " spans of {})", faces.episode().episodeId(), voices.windows().size(),
        String.format("%.1f", voices.speechSeconds()), result.speakers().size(),
        result.speakers().stream().filter(s -> s.faceIdentity() != null).count(), asd.state(), logits.size(),
        asd.tracks().size());
    return new EpisodeSpeech(voices, bank, result, asd);
  }

  /**
   * The active speaker logits of the tracks that belong to an identity, with that identity: empty unless the state
   * is {@link EpisodeAsd.AsdState#OK}. A track the appearance gate split ({@link AssemblyResult#trackSplits()}) has
   * its logits cut at its parts' boundaries, each piece going to its own part's identity ({@link
   * EpisodeAsd#byParts}): the active speaker stage scored the track as it was, before the split. Tracks in no
   * identity (unassigned faces) are left out: their speech is not given to anyone's face.
   */
  public static List<FaceLogits> faceLogits(AssemblyResult faces, EpisodeAsd asd) {
    if (asd.state() != EpisodeAsd.AsdState.OK) return List.of();
    asd = asd.byParts(faces.trackSplits());
    Map<Integer, String> identityOf = new HashMap<>();
    faces.identities().forEach(i -> i.trackIds().forEach(t -> identityOf.put(t, i.id())));
    List<FaceLogits> out = new ArrayList<>();
    for (TrackLogits t : asd.tracks()) {
      String identity = identityOf.get(t.trackId());
      if (identity != null) out.add(new FaceLogits(identity, t.trackId(), t.startS(), t.fps(), t.logits()));
    }
    return out;
  }

  /** Each identity's intervals on screen, seconds, in the result's identity order. */
  public static List<FacePresence> presences(AssemblyResult result) {
    List<FacePresence> out = new ArrayList<>();
    for (Identity identity : result.identities()) {
      Set<Integer> tracks = new HashSet<>(identity.trackIds());
      TreeMap<Long, Double> frames = new TreeMap<>();
      for (FaceRecord f : result.faces()) {
        if (tracks.contains(f.trackId())) frames.put(f.frameIdx(), f.ts());
      }
      List<Timeline.Frame> list = frames.entrySet().stream()
          .map(e -> new Timeline.Frame(e.getKey(), e.getValue())).toList();
      List<double[]> visible = Timeline.segments(list, result.episode()).stream().map(s -> new double[] {s.start(), s.end()}).toList();
      out.add(new FacePresence(identity.id(), identity.name(), visible));
    }
    return out;
  }
}
