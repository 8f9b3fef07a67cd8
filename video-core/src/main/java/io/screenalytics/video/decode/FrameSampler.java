package io.screenalytics.video.decode;

import io.screenalytics.runtime.cpu.StageCpu;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Reads a video and yields one frame in {@code stride}, chosen by a {@link SamplingPolicy}, as BGR copies.
 * Frames come in increasing {@link DecodedFrame#frameIdx()} order, each at most once.
 *
 * <pre>{@code
 * try (FrameSampler frames = FrameSampler.open(path, new DecodeSettings(6, SamplingPolicy.EXACT_STRIDE, 1))) {
 *   while (frames.hasNext()) {
 *     DecodedFrame frame = frames.next();
 *     ...
 *   }
 *   DecodeStats stats = frames.stats();          // decoded vs sampled, lost, damaged, failed
 *   List<DecodeWarning> warnings = frames.warnings();
 * }
 * }</pre>
 *
 * <p>Only the kept frames are converted to BGR. Not thread-safe; close it to free the decoder.
 */
public final class FrameSampler implements Iterator<DecodedFrame>, AutoCloseable {

  private final VideoSource source;
  private final int stride;
  private final SamplingPolicy policy;
  private final ArrayDeque<DecodedFrame> ready = new ArrayDeque<>(2);
  private boolean exhausted;
  private long sampled;
  /** Stride points sampled: [firstPoint, endPoint), the whole video unless a chunk was asked for. */
  private long firstPoint;
  private long endPoint = Long.MAX_VALUE;
  private SceneCutDetector cuts;

  // FAST_STRIDE: the best picture so far for the stride point being filled, not yet converted
  private HeldPicture candidate;
  private long candidatePoint = -1;
  private long candidateDistance = Long.MAX_VALUE;

  // CPU of the calling thread by step, nanoseconds (see Cpu)
  private long decodeCpu;
  private long sceneCutCpu;
  private long convertCpu;

  /**
   * Wraps an open source; the sampler takes ownership and closes it. The source must have been opened with
   * the same policy (so that {@link SamplingPolicy#FAST_STRIDE} skips non-reference frames).
   *
   * @param source an open source, positioned before its first frame
   * @param stride keep one frame in {@code stride}, at least 1
   * @param policy how to choose the kept frames
   * @throws IllegalArgumentException if {@code stride < 1}
   */
  public FrameSampler(VideoSource source, int stride, SamplingPolicy policy) {
    if (stride < 1) {
      throw new IllegalArgumentException("stride must be >= 1 frame, was " + stride);
    }
    this.source = Objects.requireNonNull(source, "source");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.stride = stride;
  }

  /**
   * Opens a video and samples it.
   *
   * @param location a local path or {@code file:} URI
   * @param settings stride, policy, decoder threads and the long-side cap of the returned frames
   * @throws VideoDecodeException if the video cannot be opened; see {@link VideoSource#open}
   */
  public static FrameSampler open(String location, DecodeSettings settings) {
    Objects.requireNonNull(settings, "settings");
    VideoSource source = VideoSource.open(location, settings);
    return new FrameSampler(source, settings.stride(), settings.policy());
  }

  /**
   * Opens a video and samples one chunk of it: seeks to the chunk's first frame (a keyframe) and yields the frames
   * of the stride points in {@code [firstFrame, endFrame)}, the same frames (global {@code frame_idx}, {@code ts},
   * pixels) a sampler over the whole video yields for those points. Decoding stops at the first frame past the
   * chunk that no point of it can use.
   *
   * @throws VideoDecodeException if the video cannot be opened or FFmpeg cannot seek in it
   */
  public static FrameSampler openChunk(String location, DecodeSettings settings, ChunkPlan.Chunk chunk) {
    Objects.requireNonNull(chunk, "chunk");
    FrameSampler sampler = open(location, settings);
    try {
      sampler.source.seekToKeyframe(chunk.firstFrame());
    } catch (RuntimeException e) {
      sampler.close();
      throw e;
    }
    sampler.firstPoint = chunk.firstFrame();
    sampler.endPoint = chunk.endFrame();
    return sampler;
  }

  /**
   * Feeds every decoded frame (not only the sampled ones) to {@code detector}, as a {@link Thumbnail}, and holds
   * each sampled frame back until the detector has settled the cuts up to it: once {@link #next()} returns a frame,
   * {@link SceneCutDetector#takeCutsThrough(long)} with its index gives every cut up to it. At the end of the stream
   * the detector is {@linkplain SceneCutDetector#finish() finished}.
   *
   * @param detector a fresh detector for this video
   * @return this sampler
   * @throws IllegalStateException if frames were already read
   */
  public FrameSampler detectCuts(SceneCutDetector detector) {
    if (source.stats().framesDecoded() > 0) {
      throw new IllegalStateException("scene-cut detection must start before the first frame");
    }
    this.cuts = java.util.Objects.requireNonNull(detector, "detector");
    return this;
  }

  /** What the container says about the video stream. */
  public VideoInfo info() {
    return source.info();
  }

  /**
   * Whether another sampled frame follows; decodes ahead to find out.
   *
   * @throws VideoDecodeException {@link VideoDecodeException.Reason#DECODE_ERROR} or
   *     {@link VideoDecodeException.Reason#TRUNCATED} if the stream ends without one decodable frame
   */
  @Override
  public boolean hasNext() {
    while (!exhausted && (ready.isEmpty() || !cutsSettled(ready.peekFirst().frameIdx()))) {
      if (policy.skipsNonReferenceFrames()) {
        fillNearest();
      } else {
        fillExact();
      }
    }
    return !ready.isEmpty();
  }

  private boolean cutsSettled(long frameIdx) {
    return cuts == null || cuts.settledThrough() >= frameIdx;
  }

  /** Decodes the next picture and shows it to the scene-cut detector; false at the end of the stream. */
  private boolean advance() {
    long c0 = StageCpu.threadNanos();
    boolean more = source.advance();
    long c1 = StageCpu.threadNanos();
    decodeCpu += c1 - c0;
    if (!more) {
      if (cuts != null) {
        cuts.finish();
      }
      return false;
    }
    if (cuts != null) {
      Thumbnail t = source.thumbnailCurrent();
      if (t != null) {
        cuts.accept(t);
      }
      sceneCutCpu += StageCpu.threadNanos() - c1;
    }
    return true;
  }

  /**
   * CPU time spent so far on the calling thread, by step, nanoseconds.
   *
   * @param decodeNanos   decoding pictures (FFmpeg, on the caller with one decoder thread)
   * @param sceneCutNanos thumbnails of every decoded picture and the scene-cut detector
   * @param convertNanos  converting and scaling the sampled pictures (swscale)
   */
  public record Cpu(long decodeNanos, long sceneCutNanos, long convertNanos) {}

  /** CPU time of this sampler's steps so far (see {@link Cpu}). */
  public Cpu cpu() {
    return new Cpu(decodeCpu, sceneCutCpu, convertCpu);
  }

  private DecodedFrame convertTimed(java.util.function.Supplier<DecodedFrame> conversion) {
    long c0 = StageCpu.threadNanos();
    try {
      return conversion.get();
    } finally {
      convertCpu += StageCpu.threadNanos() - c0;
    }
  }

  /**
   * The next sampled frame.
   *
   * @throws NoSuchElementException at the end of the stream
   * @throws VideoDecodeException as {@link #hasNext()}
   */
  @Override
  public DecodedFrame next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more frames");
    }
    sampled++;
    return ready.poll();
  }

  /** Frames decoded so far (non-reference frames skipped by {@link SamplingPolicy#FAST_STRIDE} excluded). */
  public long framesDecoded() {
    return source.stats().framesDecoded();
  }

  /** Frames returned by {@link #next()} so far. */
  public long framesSampled() {
    return sampled;
  }

  /** All frame counts so far. */
  public DecodeStats stats() {
    return source.stats(sampled);
  }

  /** Everything that went wrong without stopping decoding so far; see {@link VideoSource#warnings()}. */
  public List<DecodeWarning> warnings() {
    return source.warnings();
  }

  /** Closes the underlying {@link VideoSource}. Idempotent; never throws. */
  @Override
  public void close() {
    if (candidate != null) {
      candidate.close();
      candidate = null;
    }
    ready.clear();
    source.close();
  }

  private void fillExact() {
    while (advance()) {
      long idx = source.currentFrameIndex();
      if (idx >= endPoint) {
        break;
      }
      if (idx % stride == 0 && idx >= firstPoint) {
        DecodedFrame frame = convertTimed(source::convertCurrent);
        if (frame != null) {
          ready.add(frame);
          return;
        }
      }
    }
    exhausted = true;
  }

  /**
   * Each decoded frame belongs to its nearest stride point (the earlier one when exactly halfway). A frame
   * nearer than the point's current candidate replaces it (held by reference, not converted); the candidate
   * is converted and released as soon as no nearer frame can follow (a frame at or past the point has been
   * seen), or when frames of the next point start to arrive.
   */
  private void fillNearest() {
    int before = ready.size();
    while (ready.size() == before) {
      if (!advance()) {
        exhausted = true;
        releaseCandidate();
        return;
      }
      long idx = source.currentFrameIndex();
      long point = (idx + (stride - 1) / 2) / stride * stride;
      if (point >= endPoint) {
        // the next chunk's: every point of this chunk has seen a frame at or past it, or the chunk's last frame
        exhausted = true;
        releaseCandidate();
        return;
      }
      if (point < firstPoint) {
        continue; // the previous chunk's point (never nearer than this chunk's first keyframe to its own points)
      }
      if (point != candidatePoint) {
        releaseCandidate();
        candidatePoint = point;
        candidateDistance = Long.MAX_VALUE;
      }
      long distance = Math.abs(idx - point);
      if (distance < candidateDistance) {
        HeldPicture nearer = source.holdCurrent();
        if (nearer != null) {
          if (candidate != null) {
            candidate.close();
          }
          candidate = nearer;
          candidateDistance = distance;
        }
      }
      if (idx >= point) {
        releaseCandidate(); // later frames of this point are only farther away
      }
    }
  }

  private void releaseCandidate() {
    if (candidate != null) {
      try (HeldPicture held = candidate) {
        candidate = null;
        DecodedFrame frame = convertTimed(() -> source.convert(held));
        if (frame != null) {
          ready.add(frame);
        }
      }
    }
  }
}
