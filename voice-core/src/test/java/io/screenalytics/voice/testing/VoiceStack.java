package io.screenalytics.voice.testing;

import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.voice.analysis.VoiceAnalyzer;
import io.screenalytics.voice.model.SileroVad;
import io.screenalytics.voice.model.SpeakerEncoder;
import io.screenalytics.voice.speech.SpeechDetector;
import io.screenalytics.voice.speech.Windowing;

/** The real models (GE2E at batch 32, Silero VAD, one thread each) and an analyzer over them, for tests. */
public final class VoiceStack implements AutoCloseable {

  private final SpeakerEncoder encoder = SpeakerEncoder.open(VoiceData.models(), SessionSettings.cpu(1), 32);
  private final SileroVad vad = SileroVad.open(VoiceData.models());

  /** An analyzer with the given speech detection. */
  public VoiceAnalyzer analyzer(SpeechDetector detector) {
    return new VoiceAnalyzer(encoder, vad, detector, Windowing.DEFAULT);
  }

  /** An analyzer with the default settings. */
  public VoiceAnalyzer analyzer() {
    return analyzer(SpeechDetector.DEFAULT);
  }

  @Override public void close() {
    vad.close();
    encoder.close();
  }
}
