package io.screenalytics.output.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.screenalytics.identities.json.JsonCodec;
import io.screenalytics.identities.voice.EpisodeAsd;
import io.screenalytics.identities.voice.EpisodeSpeech;
import io.screenalytics.identities.voice.EpisodeVoices;
import io.screenalytics.identities.voice.TrackLogits;
import io.screenalytics.identities.voice.VoiceInput;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.voice.assembly.Speaking;
import io.screenalytics.voice.bank.Voicebank;
import io.screenalytics.voice.speech.SpeechRegion;
import io.screenalytics.voice.speech.SpeechWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The voice files of an episode folder: {@code speech.rttm}, {@code voice_segments.jsonl}, {@code voice.json} (the
 * voice stage's result: state, reason, speech regions, windows with their embeddings, so a rescore links voices to
 * the new identities without the audio), {@code voicebank.json} (the voicebank used) and {@code asd.json} (the active
 * speaker result the voices were linked with: state, reason, model, each track's logits; absent when there was none,
 * which reads back as {@link EpisodeAsd#NONE}). Stateless; thread-safe.
 */
public final class VoiceFiles {

  /** Standard RTTM, one {@code SPEAKER} line per speech turn. */
  public static final String RTTM = "speech.rttm";
  /** One line per window: {@code start_s}, {@code end_s}, speaker, best voicebank match and its similarity. */
  public static final String SEGMENTS = "voice_segments.jsonl";
  /** The voice stage's result, for rescoring. */
  public static final String VOICE = "voice.json";
  /** The voicebank the voices were named from. */
  public static final String VOICEBANK = "voicebank.json";
  /** The active speaker result the voices were linked with, for rescoring. */
  public static final String ASD = "asd.json";

  private VoiceFiles() {}

  /**
   * The files to write for {@code speech}, file name to bytes (nothing for {@link EpisodeSpeech#NONE}; the RTTM and
   * segments only when there was speech to assemble).
   */
  public static Map<String, byte[]> files(EpisodeSpeech speech) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    if (!speech.recorded()) return out;
    EpisodeVoices v = speech.voices();
    List<WindowDto> windows = new ArrayList<>();
    for (int i = 0; i < v.windows().size(); i++) {
      SpeechWindow w = v.windows().get(i);
      windows.add(new WindowDto(w.start(), w.end(), w.region(), w.ownFrom(), w.ownTo(), v.embeddings().get(i)));
    }
    out.put(VOICE, JsonCodec.pretty(new VoiceDoc(v.state().name(), v.reason(),
        v.speech().stream().map(r -> new double[] {r.start(), r.end()}).toList(), windows)));
    out.put(VOICEBANK, speech.bank().toJson());
    EpisodeAsd asd = speech.asd();
    if (asd.state() != EpisodeAsd.AsdState.NONE) {
      out.put(ASD, JsonCodec.pretty(new AsdDoc(asd.state().name(), asd.reason(), asd.model(), asd.tracks().stream()
          .map(t -> new TrackLogitsDto(t.trackId(), t.startS(), t.fps(), t.logits())).toList())));
    }
    if (speech.result() != null) {
      out.put(RTTM, speech.result().rttm().getBytes(StandardCharsets.UTF_8));
      out.put(SEGMENTS, speech.result().segmentsJsonl().getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /**
   * Reads back what {@link #files} wrote for an episode.
   *
   * @return the voice result, voicebank and active speaker result ({@link EpisodeAsd#NONE} without
   *     {@code asd.json}), or empty when the folder has no {@code voice.json} (assembled without voices)
   * @throws IOException when a file is not what was written or the store fails
   */
  public static Optional<VoiceInput> read(ArtifactStore store, String episodeId) throws IOException {
    EpisodeLayout layout = new EpisodeLayout(episodeId);
    Optional<byte[]> voice = store.get(layout.key(VOICE));
    if (voice.isEmpty()) return Optional.empty();
    VoiceDoc doc = JsonCodec.read(voice.get(), VoiceDoc.class);
    List<SpeechWindow> windows = new ArrayList<>();
    List<float[]> embeddings = new ArrayList<>();
    for (WindowDto w : doc.windows()) {
      windows.add(new SpeechWindow(windows.size(), w.startS(), w.endS(), w.region(), w.ownFromS(), w.ownToS()));
      embeddings.add(w.embedding());
    }
    EpisodeVoices voices = new EpisodeVoices(EpisodeVoices.VoiceState.valueOf(doc.state()), doc.reason(), windows,
        embeddings, doc.speech().stream().map(s -> new SpeechRegion(s[0], s[1])).toList());
    Optional<byte[]> bank = store.get(layout.key(VOICEBANK));
    return Optional.of(new VoiceInput(voices, bank.isPresent() ? Voicebank.fromJson(bank.get()) : new Voicebank(),
        readAsd(store, layout)));
  }

  private static EpisodeAsd readAsd(ArtifactStore store, EpisodeLayout layout) throws IOException {
    Optional<byte[]> bytes = store.get(layout.key(ASD));
    if (bytes.isEmpty()) return EpisodeAsd.NONE;
    AsdDoc doc = JsonCodec.read(bytes.get(), AsdDoc.class);
    return new EpisodeAsd(EpisodeAsd.AsdState.valueOf(doc.state()), doc.reason(), doc.model(),
        doc.tracks() == null ? List.of() : doc.tracks().stream()
            .map(t -> new TrackLogits(t.trackId(), t.startS(), t.fps(), t.logits())).toList());
  }

  /** The {@code screen_time.json} speaking fields of a speaker, seconds. */
  public record SpeakingDto(double speakingS, double speakingOnScreenS, double speakingOffScreenS,
                            String voicebankName, Double voicebankSimilarity, boolean nameConflict) {
    /** An identity that does not speak. */
    public static final SpeakingDto SILENT = new SpeakingDto(0, 0, 0, null, null, false);

    /** The fields of {@code s}. */
    public static SpeakingDto of(Speaking s) {
      return new SpeakingDto(round(s.speakingS()), round(s.onScreenS()), round(s.offScreenS()), s.voicebankName(),
          Double.isNaN(s.similarity()) ? null : Math.round(s.similarity() * 1e4) / 1e4, s.nameConflict());
    }

    private static double round(double seconds) {
      return Math.round(seconds * 1000) / 1000.0;
    }
  }

  /**
   * The {@code voice} block of {@code screen_time.json}: how the voice result ended, and the active speaker result
   * the voices were linked with ({@code asd}, left out without one).
   */
  public record VoiceSummaryDto(String state, String reason, double speechS, int windows, int speakers,
                                @JsonInclude(JsonInclude.Include.NON_NULL) AsdSummaryDto asd) {
    /** The summary of {@code speech}. */
    public static VoiceSummaryDto of(EpisodeSpeech speech) {
      EpisodeVoices v = speech.voices();
      EpisodeAsd asd = speech.asd();
      return new VoiceSummaryDto(v.state().name(), v.reason(), Math.round(v.speechSeconds() * 1000) / 1000.0,
          v.windows().size(), speech.speakers().size(), asd.state() == EpisodeAsd.AsdState.NONE ? null
              : new AsdSummaryDto(asd.state().name(), asd.reason(), asd.model(), asd.tracks().size()));
    }
  }

  /** How the active speaker result ended: state, reason, model, number of track spans scored. */
  public record AsdSummaryDto(String state, String reason, String model, int trackSpans) {}

  record AsdDoc(String state, String reason, String model, List<TrackLogitsDto> tracks) {}

  record TrackLogitsDto(int trackId, double startS, double fps, float[] logits) {}

  record VoiceDoc(String state, String reason, List<double[]> speech, List<WindowDto> windows) {}

  record WindowDto(double startS, double endS, int region, double ownFromS, double ownToS,
                           float[] embedding) {}
}
