package io.screenalytics.decoder.service;

import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.schemas.ChunkTask;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.SceneTransition;
import io.screenalytics.schemas.Topics;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Sends one episode's frames to {@link Topics#FRAMES} in order, keyed by episode id, holding the newest frame
 * back by one so that the last frame can carry {@code is_last}, the frame count and the duration. Publishes a
 * progress event every {@value #PROGRESS_EVERY} frames. Before each send it waits for room in flight
 * ({@link InFlightBound#awaitRoom}), so the frames held in the decoder are the one held back and the one just
 * decoded, whatever the pace downstream. One per episode; not thread-safe.
 */
final class FrameStream {

  /** Frames between progress events. */
  static final int PROGRESS_EVERY = 50;

  private final Emitter out;
  private final StatusPublisher status;
  private final String episodeId;
  private final InFlightBound bound;
  private Frame held;
  private long sent;

  /** @param bound back-pressure for this episode ({@link InFlightBound#unbounded} for none) */
  FrameStream(Emitter out, StatusPublisher status, String episodeId, InFlightBound bound) {
    this.out = out;
    this.status = status;
    this.episodeId = episodeId;
    this.bound = bound;
  }

  /**
   * Sends the frame held back so far, if any, and holds {@code next}.
   *
   * @param framesDecoded decoded so far, for the progress event
   */
  void offer(Frame next, long framesDecoded) {
    if (held != null) {
      send(held);
      if (sent % PROGRESS_EVERY == 0) {
        status.publish(out, episodeId, EpisodeState.PROGRESS, null, Map.of("frames_published", (double) sent,
            "frames_decoded", (double) framesDecoded), null);
      }
    }
    held = next;
  }

  /** Whether no frame was offered. */
  boolean isEmpty() {
    return held == null;
  }

  /** Presentation time of the newest frame, seconds. */
  double lastTs() {
    return held.getTs();
  }

  /**
   * Sends the held frame as the episode's last.
   *
   * @param durationSeconds the episode's duration
   * @return frames published in all
   * @throws IllegalStateException if no frame was offered
   */
  long finish(double durationSeconds, List<SceneTransition> late) {
    if (held == null) {
      throw new IllegalStateException("no frame to finish episode " + episodeId + " with");
    }
    addLate(late);
    held.setIsLast(true);
    return sendLast(durationSeconds);
  }

  /** Adds to the held frame the fades that ended after it. */
  private void addLate(List<SceneTransition> late) {
    if (!late.isEmpty()) {
      List<SceneTransition> all = new java.util.ArrayList<>(held.getTransitions());
      all.addAll(late);
      held.setTransitions(all);
    }
  }

  /** Sends the held frame with the frame count and duration of a last frame. */
  private long sendLast(double durationSeconds) {
    held.setFramesPublished(sent + 1);
    held.setDurationS(durationSeconds);
    send(held);
    held = null;
    return sent;
  }

  /**
   * Sends the held frame as the last of chunk {@code task} ({@code chunk_last}, the chunk's frame count in {@code
   * frames_published}, {@code duration_s}); when no frame was offered, sends the chunk's end marker instead: {@code
   * chunk_last} set, {@code frame_idx} -1, no image, sizes 0, {@code frames_published} 0. Never {@code is_last}:
   * detect-track ends a chunked episode once every chunk has ended.
   *
   * @param requestedAtMs   the episode request's time, epoch ms (on the marker, as on the chunk's frames)
   * @param durationSeconds the episode's duration as this chunk sees it (seconds; the last chunk's is the episode's)
   * @param late            fades of the chunk that ended after its last frame (added to it)
   * @return frames published for the chunk
   */
  long finishChunk(ChunkTask task, long requestedAtMs, double durationSeconds, List<SceneTransition> late) {
    if (held == null) {
      held = Frame.newBuilder().setEpisodeId(episodeId).setFrameIdx(-1).setTs(0).setWidth(0).setHeight(0)
          .setSourceWidth(0).setSourceHeight(0).setImage(ByteBuffer.allocate(0)).setFps(0)
          .setStride(task.getStride()).setChunkIdx(task.getChunkIdx()).setChunkCount(task.getChunkCount())
          .setChunkRequestedAtMs(requestedAtMs).build();
      held.setChunkLast(true);
      addLate(late);
      out.send(Topics.FRAMES, episodeId, held);
      held = null;
      return 0;
    }
    held.setChunkLast(true);
    addLate(late);
    return sendLast(durationSeconds);
  }

  /**
   * The end marker of an episode the decoder gave up (crash containment): {@code abandoned} and {@code is_last}
   * set, {@code frame_idx} -1, no image, sizes 0. Detect-track drops the episode's state on it, so frames that
   * attempts killed mid-episode published do not hold its partition's committed offset.
   */
  static Frame abandoned(String episodeId, int stride) {
    return Frame.newBuilder().setEpisodeId(episodeId).setFrameIdx(-1).setTs(0).setWidth(0).setHeight(0)
        .setSourceWidth(0).setSourceHeight(0).setImage(ByteBuffer.allocate(0)).setFps(0).setStride(stride)
        .setIsLast(true).setAbandoned(true).build();
  }

  private void send(Frame frame) {
    bound.awaitRoom(sent);
    out.send(Topics.FRAMES, episodeId, frame);
    sent++;
    bound.sent(sent);
  }
}
