package io.screenalytics.output.report;

import static io.screenalytics.output.report.Html.escape;
import static io.screenalytics.output.report.Html.fmt;

import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.screentime.ScreenTime;
import io.screenalytics.identities.screentime.Timeline;
import io.screenalytics.identities.voice.EpisodeAsd;
import io.screenalytics.identities.voice.EpisodeSpeech;
import io.screenalytics.voice.assembly.Speaking;
import io.screenalytics.voice.assembly.VoiceAssemblyResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What the report shows of an episode's voices: each speaker's turns (dark bars under its row: the face's own row
 * when the voice is linked to a face), a timeline row per voice without a face, the timeline note's sentence on
 * voices and on active speaker detection, and a card's line saying how long the face spoke and was seen speaking.
 * Stateless.
 */
final class ReportSpeech {

  private ReportSpeech() {
  }

  /** One timeline row per voice without a face ({@code voice_NN} or a voicebank name), after the identities. */
  static List<ReportRow> speakerRows(AssemblyResult result, String colour) {
    List<ReportRow> rows = new ArrayList<>();
    for (Speaking s : result.speech().speakers()) {
      if (s.faceIdentity() == null) {
        String label = s.voicebankName() != null ? s.voicebankName() + " (voice)" : s.speaker();
        rows.add(new ReportRow(s.speaker(), label, null, colour,
            new ScreenTime(s.speaker(), s.voicebankName(), 0, 0, Double.NaN, Double.NaN, 0, 0, 0), List.of(), 0,
            List.of(), List.of(), turns(result, s.speaker())));
      }
    }
    return rows;
  }

  /** The speech turns of RTTM speaker {@code speaker}, in time order (overlapping another's where both spoke). */
  static List<Timeline.Segment> turns(AssemblyResult result, String speaker) {
    VoiceAssemblyResult voices = result.speech().result();
    return voices == null ? List.of() : voices.turns().stream().filter(t -> t.speaker().equals(speaker))
        .map(t -> new Timeline.Segment(t.start(), t.end())).toList();
  }

  /**
   * What a face identity's card says of its speech: seconds spoken, on screen, and how much of it active speaker
   * detection saw this face speak (which face spoke where two shared the screen); null when it does not speak or
   * the episode has no active speaker result (the card then stays as before). Not escaped.
   */
  static String cardLine(AssemblyResult result, String identityId) {
    if (result.speech().asd().state() == EpisodeAsd.AsdState.NONE) return null;
    return result.speech().speakerOfFace(identityId).map(s -> fmt("speaks %.1f s, %.1f s of it on screen",
        s.speakingS(), s.onScreenS()) + fmt("; seen speaking by active speaker detection for %.1f s",
        s.seenSpeakingS())).orElse(null);
  }

  /** The timeline note's sentence on voices, escaped: what the dark bars are, or why there are none. */
  static String note(AssemblyResult result) {
    EpisodeSpeech speech = result.speech();
    if (!speech.recorded()) {
      return "";
    }
    if (speech.result() == null) {
      return escape(fmt(" No voices: %s (%s).", speech.voices().state(), speech.voices().reason()));
    }
    return escape(fmt(" Dark bars under a row: its speech turns (%.1f s of speech, %d speaker%s); rows without "
        + "a face are voices heard off screen.", speech.voices().speechSeconds(), speech.speakers().size(),
        speech.speakers().size() == 1 ? "" : "s") + asdNote(speech.asd()));
  }

  /** The sentence on active speaker detection, empty without its result. */
  private static String asdNote(EpisodeAsd asd) {
    return switch (asd.state()) {
      case NONE -> "";
      case OK -> asd.tracks().isEmpty() ? " Active speaker detection had no span to score: voices follow the face "
          + "on screen." : fmt(" Where faces shared the screen, speech is on the face active speaker detection (%s) "
          + "saw speaking; overlapping bars: both spoke.", asd.model());
      case FAILED, MISSING -> fmt(" Active speaker detection %s (%s): voices follow the face on screen.", asd.state(),
          asd.reason());
    };
  }
}
