package io.screenalytics.decoder.service;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Back-pressure for one episode: bounds the frames in flight, those the decoder has sent but assembly has not yet
 * reported as embedded. Before each send the decoder calls {@link #awaitRoom}, which blocks while
 * {@code sent - framesEmbedded >= maxInFlight}, polling the downstream {@link Progress} meanwhile; after each send
 * it calls {@link #sent} so that the peak is kept. Since assembly's count may lag the truth (it reports every 16
 * frames), the frames truly in flight never exceed the bound while it holds.
 *
 * <p>It never deadlocks: a wait during which the count does not advance for {@code stall} gives up (a
 * {@code backpressure_stall}, logged and returned by {@link #note()}), and the bound is then lifted until the count
 * advances again, so a missing assembly costs one stall per episode, not one per frame (a stuck one that comes
 * back costs one more stall each time it stops again). When the service is stopping, or the progress cannot be
 * read any more (a {@code backpressure_off} note), waiting ends for the rest of the episode, which is finished
 * without the bound, as before back-pressure existed; the episode itself never fails for back-pressure.
 *
 * <p>One per episode, on the decoder's worker thread; not thread-safe.
 */
final class InFlightBound {

  /** How far downstream has got with the episode: assembly's {@code frames_embedded} count. */
  interface Progress extends AutoCloseable {

    /** The largest count of distinct frames reported embedded so far; 0 before any report. */
    long framesEmbedded();

    /**
     * Reads newly published reports, waiting up to {@code timeout} for some ({@link Duration#ZERO}: only what has
     * arrived).
     *
     * @return whether {@link #framesEmbedded()} advanced
     */
    boolean poll(Duration timeout);

    /** Releases what it holds (a consumer); no exception. */
    @Override
    void close();
  }

  /** How long one poll of the progress waits while blocked, so that a stop or a stall is noticed quickly. */
  static final Duration POLL_WHILE_WAITING = Duration.ofMillis(200);

  private static final Logger LOG = LoggerFactory.getLogger(InFlightBound.class);

  private static final Progress NO_PROGRESS = new Progress() {
    @Override
    public long framesEmbedded() {
      return 0;
    }

    @Override
    public boolean poll(Duration timeout) {
      return false;
    }

    @Override
    public void close() {}
  };

  private final String episodeId;
  private final int maxInFlight;
  private final long stallNanos;
  private final Progress progress;
  private final BooleanSupplier stopping;
  private final Runnable checkpoint;
  private final LongSupplier nanoClock;
  private long waitNanos;
  private long peakInFlight;
  private int stalls;
  private boolean lifted;
  private boolean stopped;
  private String lastStall;
  private String failure;

  /**
   * @param episodeId   for log lines and the stall note
   * @param maxInFlight most frames in flight, frames; 0 or less disables the bound (nothing is read, nothing waits)
   * @param stall       how long a wait may see no progress before it gives up
   * @param progress    the episode's downstream progress; polled on this thread, not closed here
   * @param stopping    true once the service is stopping: waiting ends for the rest of the episode
   * @param checkpoint  called once per poll while waiting (the CPU governor's checkpoint), may do nothing
   * @param nanoClock   monotonic nanoseconds ({@code System::nanoTime})
   */
  InFlightBound(String episodeId, int maxInFlight, Duration stall, Progress progress, BooleanSupplier stopping,
      Runnable checkpoint, LongSupplier nanoClock) {
    this.episodeId = episodeId;
    this.maxInFlight = maxInFlight;
    this.stallNanos = stall.toNanos();
    this.progress = progress;
    this.stopping = stopping;
    this.checkpoint = checkpoint;
    this.nanoClock = nanoClock;
  }

  /** No bound: never waits, reads nothing, reports no peak. */
  static InFlightBound unbounded(String episodeId) {
    return new InFlightBound(episodeId, 0, Duration.ofMillis(1), NO_PROGRESS, () -> false, () -> { }, System::nanoTime);
  }

  /** Whether the bound is on (a positive maximum). */
  boolean isBounded() {
    return maxInFlight > 0;
  }

  /**
   * Blocks until one more frame may be sent: while {@code sent - framesEmbedded >= maxInFlight}, unless the bound
   * is off, lifted after a stall (until progress advances) or the service is stopping. Reads the progress that
   * has arrived even when it does not wait, so the count stays current.
   *
   * @param sent frames of the episode sent so far
   */
  void awaitRoom(long sent) {
    if (maxInFlight <= 0 || stopped) {
      return;
    }
    if (poll(Duration.ZERO) && lifted) {
      lifted = false; // assembly is reporting again: the bound is back
      LOG.info("episode {}: assembly reports progress again ({} frames embedded): the in-flight bound is back",
          episodeId, progress.framesEmbedded());
    }
    if (lifted || sent - progress.framesEmbedded() < maxInFlight) {
      return;
    }
    long t0 = nanoClock.getAsLong();
    long lastAdvance = t0;
    try {
      while (sent - progress.framesEmbedded() >= maxInFlight) {
        if (stopped) {
          return; // the progress could not be read
        }
        if (stopping.getAsBoolean()) {
          stopped = true;
          LOG.info("episode {}: the service is stopping: no longer waiting for assembly ({} frames in flight)",
              episodeId, sent - progress.framesEmbedded());
          return;
        }
        checkpoint.run();
        long now;
        if (poll(POLL_WHILE_WAITING)) {
          now = nanoClock.getAsLong();
          lastAdvance = now;
        } else {
          now = nanoClock.getAsLong();
        }
        if (now - lastAdvance >= stallNanos) {
          stalls++;
          lifted = true;
          lastStall = String.format(Locale.ROOT, "no progress from assembly for %.0f s with %d frames in flight"
              + " (%d sent, %d reported embedded)", (now - lastAdvance) / 1e9, sent - progress.framesEmbedded(),
              sent, progress.framesEmbedded());
          LOG.warn("episode {}: backpressure_stall: {}; publishing without the bound of {} until assembly reports"
              + " again", episodeId, lastStall, maxInFlight);
          return;
        }
      }
    } finally {
      waitNanos += nanoClock.getAsLong() - t0;
    }
  }

  /** Polls the progress; a failure to read it ends waiting for the rest of the episode (never the episode). */
  private boolean poll(Duration timeout) {
    try {
      return progress.poll(timeout);
    } catch (RuntimeException e) {
      stopped = true;
      failure = e.toString();
      LOG.warn("episode {}: backpressure_off: cannot read assembly's progress ({}); publishing without the bound",
          episodeId, failure);
      return false;
    }
  }

  /**
   * Notes that a frame was sent, for the peak.
   *
   * @param sent frames of the episode sent so far, this one included
   */
  void sent(long sent) {
    if (maxInFlight > 0) {
      peakInFlight = Math.max(peakInFlight, sent - progress.framesEmbedded());
    }
  }

  /** Time spent waiting for room, seconds. */
  double waitSeconds() {
    return waitNanos / 1e9;
  }

  /**
   * The largest number of frames in flight right after a send, as the decoder saw it (sent minus the count last
   * read): at most the bound unless a stall lifted it; 0 when the bound is off.
   */
  long peakInFlight() {
    return peakInFlight;
  }

  /** Waits that gave up for lack of progress. */
  int stalls() {
    return stalls;
  }

  /**
   * The note for the episode's reason, when the bound did not hold throughout: {@code backpressure_stall: ...} when
   * a wait gave up, {@code backpressure_off: ...} when the progress could no longer be read.
   */
  Optional<String> note() {
    String stall = stalls == 0 ? null : "backpressure_stall: " + lastStall + (stalls > 1 ? " (" + stalls
        + " stalls)" : "") + "; the bound of " + maxInFlight + " frames in flight was lifted until assembly"
        + " reported again";
    String off = failure == null ? null : "backpressure_off: cannot read assembly's progress (" + failure
        + "); the rest of the episode was published without the bound";
    if (stall != null && off != null) {
      return Optional.of(stall + "; " + off);
    }
    return Optional.ofNullable(stall != null ? stall : off);
  }
}
