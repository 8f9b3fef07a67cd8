package io.screenalytics.identities;

import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.screentime.Timeline;
import io.screenalytics.identities.voice.EpisodeSpeech;
import io.screenalytics.identities.voice.EpisodeVoices;
import io.screenalytics.voice.assembly.FacePresence;
import io.screenalytics.voice.assembly.VoiceAssembly;
import io.screenalytics.voice.assembly.VoiceSettings;
import io.screenalytics.voice.bank.Voicebank;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
    if (voices.state() != EpisodeVoices.VoiceState.OK) {
      LOG.info("episode {}: no voices ({}: {})", faces.episode().episodeId(), voices.state(), voices.reason());
      return new EpisodeSpeech(voices, bank, null);
    }
    var result = VoiceAssembly.assemble(faces.episode().episodeId(), voices.windows(), voices.embeddings(),
        presences(faces), bank.voices().isEmpty() ? null : bank, settings);
    LOG.info("episode {}: {} windows, {} s of speech, {} speakers ({} linked to faces)",
        faces.episode().episodeId(), voices.windows().size(), String.format("%.1f", voices.speechSeconds()),
        result.speakers().size(), result.speakers().stream().filter(s -> s.faceIdentity() != null).count());
    return new EpisodeSpeech(voices, bank, result);
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
