package io.screenalytics.video.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * An episode split into keyframe-aligned chunks that decoders can decode independently and in parallel: chunk
 * {@code k} starts at the first keyframe at or after {@code k * chunkSeconds} (in frames at the stream's average
 * rate) and ends where chunk {@code k + 1} starts. A decoder seeks straight to a chunk's first frame (a keyframe,
 * so nothing before it is needed to decode it) and samples the stride points of {@code [firstFrame, endFrame)}
 * ({@link FrameSampler#openChunk}): the chunks' frames together are exactly a one-decoder run's, with the same
 * global {@code frame_idx} and {@code ts}.
 *
 * <p>A keyframe interval longer than the chunk length merges chunks (a chunk never starts off a keyframe); a video
 * with one keyframe is one chunk.
 *
 * @param chunks the chunks in order; the first starts at frame 0, the last has {@code endFrame} {@link Long#MAX_VALUE}
 */
public record ChunkPlan(List<Chunk> chunks) {

  /**
   * One chunk.
   *
   * @param index      0-based position in the plan
   * @param firstFrame its first frame index (a keyframe; 0 for the first chunk)
   * @param endFrame   the first frame index of the next chunk, exclusive; {@link Long#MAX_VALUE} for the last
   */
  public record Chunk(int index, long firstFrame, long endFrame) {

    /** Whether stride point {@code frameIdx} belongs to this chunk. */
    public boolean contains(long frameIdx) {
      return frameIdx >= firstFrame && frameIdx < endFrame;
    }
  }

  public ChunkPlan {
    chunks = List.copyOf(chunks);
  }

  /** The whole video as one chunk. */
  public static ChunkPlan whole() {
    return new ChunkPlan(List.of(new Chunk(0, 0, Long.MAX_VALUE)));
  }

  /**
   * Plans the chunks of a video.
   *
   * @param keyframes    frame indices of the video's keyframes ({@link VideoSource#keyframeIndices}), ascending
   * @param fps          the stream's average frame rate, frames per second
   * @param chunkSeconds target chunk length, seconds; 0 or less for one chunk
   * @throws IllegalArgumentException if {@code fps} is not positive or the keyframes are not ascending
   */
  public static ChunkPlan plan(List<Long> keyframes, double fps, double chunkSeconds) {
    if (!(fps > 0)) {
      throw new IllegalArgumentException("fps must be positive: " + fps);
    }
    for (int i = 1; i < keyframes.size(); i++) {
      if (keyframes.get(i) <= keyframes.get(i - 1)) {
        throw new IllegalArgumentException("keyframes must ascend: " + keyframes.get(i - 1) + ", " + keyframes.get(i));
      }
    }
    if (!(chunkSeconds > 0) || keyframes.isEmpty()) {
      return whole();
    }
    long chunkFrames = Math.max(1, Math.round(chunkSeconds * fps));
    List<Long> starts = new ArrayList<>(List.of(0L));
    int next = 0;
    for (long target = chunkFrames; ; target += chunkFrames) {
      while (next < keyframes.size() && (keyframes.get(next) < target || keyframes.get(next) <= starts.get(starts.size() - 1))) {
        next++;
      }
      if (next >= keyframes.size()) {
        break;
      }
      long start = keyframes.get(next);
      starts.add(start);
      target = Math.max(target, start - start % chunkFrames);
    }
    List<Chunk> chunks = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      chunks.add(new Chunk(i, starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : Long.MAX_VALUE));
    }
    return new ChunkPlan(chunks);
  }

  /**
   * The frame indices of a video's keyframes, ascending, from its packets' key flags (the file is read, nothing is
   * decoded: about as fast as the disk).
   *
   * @param location a local path or a {@code file:} URI
   * @throws VideoDecodeException as {@link VideoSource#open(String, DecodeSettings)}
   */
  public static List<Long> keyframeIndices(String location) {
    FfmpegLog.install();
    Path path = InputFile.resolve(location);
    long size = InputFile.checkReadable(path, location);
    InputFile.IsoBmffLayout layout = InputFile.scanIsoBmff(path, size);
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(path.toString());
    try {
      VideoSource.start(grabber, location, layout);
      StreamTimeline timeline = StreamTimeline.of(location, grabber);
      int stream = grabber.getVideoStream();
      TreeSet<Long> keyframes = new TreeSet<>();
      while (true) {
        AVPacket packet;
        try {
          packet = grabber.grabPacket();
        } catch (FrameGrabber.Exception e) {
          break; // the readable part's keyframes; decoding reports the damage
        }
        if (packet == null) {
          break;
        }
        if (packet.stream_index() == stream && (packet.flags() & AV_PKT_FLAG_KEY) != 0) {
          long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
          if (pts != AV_NOPTS_VALUE) {
            keyframes.add(Math.max(0, timeline.frameIndex(pts)));
          }
        }
        av_packet_unref(packet);
      }
      return List.copyOf(keyframes);
    } finally {
      VideoSource.closeGrabber(grabber, location);
    }
  }
}
