package io.screenalytics.asd.span;

import io.screenalytics.asd.frontend.CropWindow;
import io.screenalytics.asd.frontend.FaceCrops;
import io.screenalytics.asd.frontend.Mfcc;
import io.screenalytics.asd.frontend.TrackBox;
import io.screenalytics.asd.model.LightAsd;
import io.screenalytics.asd.model.Scoring;
import io.screenalytics.runtime.cpu.StageCpu;
import io.screenalytics.video.decode.ChunkPlan;
import io.screenalytics.video.decode.DecodeSettings;
import io.screenalytics.video.decode.DecodedFrame;
import io.screenalytics.video.decode.SamplingPolicy;
import io.screenalytics.video.decode.VideoInfo;
import io.screenalytics.video.decode.VideoSource;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.voice.audio.AudioClip;
import io.screenalytics.voice.audio.AudioDecodeException;
import io.screenalytics.voice.audio.AudioDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores the contested spans of one video densely: each span decoded at the source's frames from the keyframe before
 * it (one FFmpeg thread), one frame per 1/25 s taken (the latest source frame at that time, within half a source
 * frame), each track's stride-sampled boxes interpolated to those frames ({@link TrackPath#boxAt}) and smoothed and
 * cropped by {@link FaceCrops}, the span's audio decoded (16 kHz mono, {@link AudioDecoder}) to {@link Mfcc}, and
 * every track scored by {@link LightAsd} in one pass over the span. Frames are cropped as they are decoded: memory
 * follows the crops (12.5 KB per track and frame), not the frames. Counts the CPU of its two steps on the calling
 * thread ({@link StageCpu#threadNanos()}, the model's runner thread included): decoding and cropping, and scoring
 * (audio, MFCC, model). Not thread-safe (one per worker).
 */
public final class SpanScorer {

  private final LightAsd model;
  private final int decoderThreads;
  private final Mfcc mfcc = new Mfcc();
  private long framesDecoded;
  private long faceFrames;
  private long decodeCpuNanos;
  private long scoreCpuNanos;

  /**
   * @param model          the scorer (its session's threads are the service's quota)
   * @param decoderThreads FFmpeg decoder threads, at least 1
   */
  public SpanScorer(LightAsd model, int decoderThreads) {
    this.model = model;
    this.decoderThreads = decoderThreads;
  }

  /** Source frames decoded so far (those before a span, from its keyframe, included). */
  public long framesDecoded() {
    return framesDecoded;
  }

  /** Face crops scored so far (frames times tracks). */
  public long faceFrames() {
    return faceFrames;
  }

  /**
   * CPU spent so far finding keyframes, decoding the spans' frames and cropping the faces, nanoseconds
   * ({@link StageCpu#threadNanos()} differences).
   */
  public long decodeCpuNanos() {
    return decodeCpuNanos;
  }

  /** CPU spent so far decoding the spans' audio, computing MFCC and running the model, nanoseconds. */
  public long scoreCpuNanos() {
    return scoreCpuNanos;
  }

  /**
   * Scores the spans.
   *
   * @param location   the episode's video, a local path
   * @param spans      from {@link SpanPlanner#plan}
   * @param tracks     every track of the spans, by id
   * @param listener   told of each frame cropped (the CPU governor's checkpoint) and each span scored (progress)
   * @return one result per span, in order
   * @throws io.screenalytics.video.decode.VideoDecodeException when the video cannot be opened or sought in
   * @throws AudioDecodeException  when a span's audio cannot be decoded
   * @throws IllegalArgumentException when a span's track is missing or a crop is empty
   * @throws io.screenalytics.vision.model.InferenceException when the model fails
   */
  public List<ScoredSpan> score(String location, List<ContestedSpan> spans, Map<Integer, TrackPath> tracks,
      Listener listener) throws AudioDecodeException {
    if (spans.isEmpty()) return List.of();
    long c0 = StageCpu.threadNanos();
    List<Long> keyframes = ChunkPlan.keyframeIndices(location);
    decodeCpuNanos += StageCpu.threadNanos() - c0;
    List<ScoredSpan> out = new ArrayList<>(spans.size());
    for (ContestedSpan span : spans) {
      out.add(scoreSpan(location, keyframes, span, tracks, listener::frameDone));
      listener.spanDone(out.size(), spans.size());
    }
    return out;
  }

  /** What {@link #score} reports while it works; called on the scoring thread. */
  public interface Listener {
    /** A frame of a span was cropped, or a track of it scored. */
    void frameDone();

    /** {@code done} of {@code spans} spans are scored. */
    void spanDone(int done, int spans);
  }

  private ScoredSpan scoreSpan(String location, List<Long> keyframes, ContestedSpan planned,
      Map<Integer, TrackPath> tracks, Runnable checkpoint) throws AudioDecodeException {
    long c0 = StageCpu.threadNanos();
    long scored0 = scoreCpuNanos;
    try (VideoSource video = VideoSource.open(location, new DecodeSettings(1, SamplingPolicy.EXACT_STRIDE,
        decoderThreads))) {
      ScoredSpan scored = scoreSpan(location, video, keyframes, onSourceFrame(planned, video.info()), tracks,
          checkpoint);
      framesDecoded += video.stats().framesDecoded();
      return scored;
    } finally {
      decodeCpuNanos += StageCpu.threadNanos() - c0 - (scoreCpuNanos - scored0);
    }
  }

  /**
   * The span moved to start on a source frame (at most half a frame earlier or later), so that its audio and its
   * frames start together: Light-ASD reads four MFCC frames per video frame from the same instant.
   */
  static ContestedSpan onSourceFrame(ContestedSpan span, VideoInfo info) {
    double frame = Math.rint((span.startS() - info.startSeconds()) * info.fps());
    double start = Math.max(0, info.startSeconds() + frame / info.fps());
    return new ContestedSpan(span.index(), start, span.endS(), span.trackIds());
  }

  private ScoredSpan scoreSpan(String location, VideoSource video, List<Long> keyframes, ContestedSpan span,
      Map<Integer, TrackPath> tracks, Runnable checkpoint) throws AudioDecodeException {
    int n = span.frames(LightAsd.FPS);
    List<Integer> ids = span.trackIds();
    List<List<CropWindow>> windows = new ArrayList<>();
    for (int id : ids) {
      TrackPath path = tracks.get(id);
      if (path == null) throw new IllegalArgumentException("span " + span.index() + ": track " + id + " missing");
      List<TrackBox> boxes = new ArrayList<>(n);
      for (int k = 0; k < n; k++) boxes.add(path.boxAt(time(span, k)));
      windows.add(FaceCrops.smooth(boxes));
    }
    byte[][][] crops = new byte[ids.size()][n][];
    VideoInfo info = video.info();
    double half = info.frameDurationSeconds() / 2;
    long first = (long) Math.floor((span.startS() - info.startSeconds()) * info.fps()) - 1;
    video.seekToKeyframe(keyframeAtOrBefore(keyframes, first));
    BgrImage current = null;
    int k = 0;
    // frames more than a frame and a half before the span are superseded by a later one before its first crop:
    // decoded from the keyframe, never converted
    for (DecodedFrame f = video.nextFrameFrom(span.startS() - 3 * half); f != null && k < n; f = video.nextFrame()) {
      while (current != null && k < n && time(span, k) + half < f.tsSeconds()) {
        crop(current, windows, crops, k++);
        checkpoint.run();
      }
      current = new BgrImage(f.width(), f.height(), f.bgrCopy());
    }
    while (current != null && k < n) crop(current, windows, crops, k++); // the stream ended inside the span
    if (k < n) throw new IllegalArgumentException("span " + span.index() + ": no frame decoded in ["
        + span.startS() + ", " + span.endS() + ")");
    long c0 = StageCpu.threadNanos();
    try {
      return new ScoredSpan(span, score(location, span, ids, crops, n, checkpoint));
    } finally {
      scoreCpuNanos += StageCpu.threadNanos() - c0;
    }
  }

  private List<ScoredSpan.TrackScores> score(String location, ContestedSpan span, List<Integer> ids,
      byte[][][] crops, int n, Runnable checkpoint) throws AudioDecodeException {
    AudioClip audio = AudioDecoder.decode(location, span.startS(), span.endS());
    float[] features = mfcc.compute(Mfcc.pcm16(audio.samples()));
    List<ScoredSpan.TrackScores> scores = new ArrayList<>(ids.size());
    for (int t = 0; t < ids.size(); t++) {
      scores.add(new ScoredSpan.TrackScores(ids.get(t), model.score(features, crops[t], Scoring.ONE_PASS).logits()));
      faceFrames += n;
      checkpoint.run();
    }
    return scores;
  }

  private void crop(BgrImage frame, List<List<CropWindow>> windows, byte[][][] crops, int k) {
    for (int t = 0; t < windows.size(); t++) crops[t][k] = FaceCrops.crop(frame, windows.get(t).get(k));
  }

  /** Time of the span's frame {@code k}, seconds. */
  private static double time(ContestedSpan span, int k) {
    return span.startS() + k / (double) LightAsd.FPS;
  }

  /** The last keyframe at or before {@code frame} (0 when none is). */
  static long keyframeAtOrBefore(List<Long> keyframes, long frame) {
    long best = 0;
    for (long kf : keyframes) {
      if (kf <= frame) best = kf;
      else break;
    }
    return best;
  }
}
