package io.screenalytics.voice.audio;

import java.nio.FloatBuffer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes the first audio stream of any input FFmpeg reads (file path or URL) to {@value #SAMPLE_RATE} Hz mono
 * float samples, streaming: memory stays bounded by one decoded frame; the caller's {@link AudioSink} decides
 * what to keep. FFmpeg's resampler converts rate, channel layout and sample format; video packets are skipped
 * without being decoded. No temporary files. Loading this class sets FFmpeg's process-wide log level to errors
 * (as the decoder service does).
 *
 * <p>JavaCV stays inside this class (house style, rule 9). Thread-safe: each call opens its own grabber, closed in
 * {@code finally}; one decoder thread per call.
 */
public final class AudioDecoder {

  /** Output sample rate in Hz (GE2E and Silero VAD both take 16 kHz). */
  public static final int SAMPLE_RATE = 16_000;

  static {
    // FFmpeg's default (info) dumps every input's stream layout on stderr; errors only, as the decoder service sets
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
  }

  private AudioDecoder() {
  }

  /** Decodes a whole input into memory; see {@link #stream(String, double, double, AudioSink)}. */
  public static AudioClip decode(String input) throws AudioDecodeException {
    return decode(input, 0, Double.POSITIVE_INFINITY);
  }

  /** Decodes {@code [fromS, toS)} of an input into memory; see {@link #stream(String, double, double, AudioSink)}. */
  public static AudioClip decode(String input, double fromS, double toS) throws AudioDecodeException {
    FloatList buffer = new FloatList(1 << 16);
    stream(input, fromS, toS, buffer);
    return new AudioClip(buffer.toArray(), SAMPLE_RATE);
  }

  /**
   * Streams {@code [fromS, toS)} (seconds from the start of the audio) of the input's first audio stream to
   * {@code sink}, in order.
   *
   * @return number of samples delivered
   * @throws AudioDecodeException {@link AudioDecodeException.Reason#UNREADABLE} when the input cannot be opened,
   *     {@link AudioDecodeException.Reason#NO_AUDIO} when it has no audio stream,
   *     {@link AudioDecodeException.Reason#CORRUPT} when decoding fails part-way, yields non-finite samples or yields
   *     under half of the audio the container declares
   */
  public static long stream(String input, double fromS, double toS, AudioSink sink) throws AudioDecodeException {
    if (!(fromS >= 0) || !(toS > fromS)) {
      throw new IllegalArgumentException("range must satisfy 0 <= from < to, was [" + fromS + ", " + toS + ")");
    }
    long first = Math.round(fromS * SAMPLE_RATE);
    long end = Double.isInfinite(toS) ? Long.MAX_VALUE : Math.round(toS * SAMPLE_RATE);
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input);
    grabber.setSampleRate(SAMPLE_RATE);
    grabber.setAudioChannels(1);
    grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
    grabber.setAudioOption("threads", "1");
    grabber.setVideoOption("threads", "1");
    try {
      try {
        grabber.start();
      } catch (FrameGrabber.Exception | RuntimeException e) {
        throw new AudioDecodeException(AudioDecodeException.Reason.UNREADABLE,
            "Cannot open " + input + ": " + why(e), e);
      }
      if (!grabber.hasAudio() || grabber.getAudioStream() < 0) {
        throw new AudioDecodeException(AudioDecodeException.Reason.NO_AUDIO, input + " has no audio stream", null);
      }
      long delivered = pump(grabber, input, first, end, sink);
      checkCoverage(grabber, input, first, end, delivered);
      return delivered;
    } finally {
      try {
        grabber.close();
      } catch (FrameGrabber.Exception | RuntimeException e) {
        // nothing useful to do: the stream's result is already decided
      }
    }
  }

  /**
   * FFmpeg drops audio packets it cannot decode without an error: a stream that yields under half of the audio its
   * container declares (and at least a second is declared) is corrupt.
   */
  private static void checkCoverage(FFmpegFrameGrabber grabber, String input, long first, long end, long delivered)
      throws AudioDecodeException {
    long declared = Math.round(grabber.getLengthInTime() / 1e6 * SAMPLE_RATE);
    long expected = Math.min(end, declared) - first;
    if (declared > 0 && expected >= SAMPLE_RATE && delivered < expected / 2) {
      throw new AudioDecodeException(AudioDecodeException.Reason.CORRUPT, String.format(java.util.Locale.ROOT,
          "Audio of %s is corrupt: %.2f s decoded of the %.2f s declared", input, delivered / (double) SAMPLE_RATE,
          expected / (double) SAMPLE_RATE), null);
    }
  }

  private static long pump(FFmpegFrameGrabber grabber, String input, long first, long end, AudioSink sink)
      throws AudioDecodeException {
    long position = 0;
    long delivered = 0;
    float[] chunk = new float[4096];
    try {
      Frame frame;
      while (position < end && (frame = grabber.grabSamples()) != null) {
        if (frame.samples == null || frame.samples.length == 0) continue;
        FloatBuffer buffer = (FloatBuffer) frame.samples[0];
        buffer.rewind();
        int n = buffer.remaining();
        if (chunk.length < n) chunk = new float[n];
        buffer.get(chunk, 0, n);
        int from = (int) Math.max(0, Math.min(n, first - position));
        int to = (int) Math.max(from, Math.min(n, end - position));
        position += n;
        if (to <= from) continue;
        for (int i = from; i < to; i++) {
          if (!Float.isFinite(chunk[i])) {
            throw new AudioDecodeException(AudioDecodeException.Reason.CORRUPT,
                input + ": non-finite sample at " + (position - n + i) / (double) SAMPLE_RATE + " s", null);
          }
        }
        sink.accept(chunk, from, to - from);
        delivered += to - from;
      }
    } catch (FrameGrabber.Exception | RuntimeException e) {
      throw new AudioDecodeException(AudioDecodeException.Reason.CORRUPT, "Audio of " + input + " failed at "
          + position / (double) SAMPLE_RATE + " s: " + why(e), e);
    }
    return delivered;
  }

  /**
   * FFmpeg's own error for a reason people read; a JavaCV runtime failure (a null native pointer after a packet it
   * could not decode, for one) says only that the stream broke off, not the library's internals.
   */
  private static String why(Exception e) {
    return e instanceof FrameGrabber.Exception && e.getMessage() != null ? e.getMessage()
        : "the audio stream broke off (" + e.getClass().getSimpleName() + " in the FFmpeg reader)";
  }
}
