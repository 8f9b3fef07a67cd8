package io.screenalytics.decoder.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** The in-flight bound against a scripted downstream on a fake clock: waits, stalls, stops, failures. */
class InFlightBoundTest {

  private static final Duration STALL = Duration.ofSeconds(120);

  /** Downstream whose count, as a function of the fake time in ms, arrives at polls; a poll advances the clock. */
  private static final class ScriptedProgress implements InFlightBound.Progress {
    final long[] nanos = {0};
    final LongUnaryOperator countAtMs;
    final List<Duration> polls = new ArrayList<>();
    long embedded;
    RuntimeException failure;

    ScriptedProgress(LongUnaryOperator countAtMs) {
      this.countAtMs = countAtMs;
    }

    @Override
    public long framesEmbedded() {
      return embedded;
    }

    @Override
    public boolean poll(Duration timeout) {
      if (failure != null) {
        throw failure;
      }
      polls.add(timeout);
      nanos[0] += timeout.toNanos();
      long before = embedded;
      embedded = Math.max(embedded, countAtMs.applyAsLong(nanos[0] / 1_000_000));
      return embedded > before;
    }

    @Override
    public void close() {}
  }

  private static InFlightBound bound(int max, ScriptedProgress p, AtomicBoolean stopping, AtomicInteger checkpoints) {
    return new InFlightBound("ep", max, STALL, p, stopping::get, checkpoints::incrementAndGet, () -> p.nanos[0]);
  }

  /** Sends {@code frames} frames through the bound as FrameStream does. */
  private static void send(InFlightBound b, long from, long frames) {
    for (long sent = from; sent < from + frames; sent++) {
      b.awaitRoom(sent);
      b.sent(sent + 1);
    }
  }

  @Test
  void shouldWaitWhileTheBoundIsInFlightAndKeepThePeakAtTheBound() {
    // Given assembly embedding 10 frames a second, reporting every 16
    ScriptedProgress p = new ScriptedProgress(ms -> ms / 100 / 16 * 16);
    AtomicInteger checkpoints = new AtomicInteger();
    InFlightBound b = bound(20, p, new AtomicBoolean(), checkpoints);

    // When 100 frames are sent
    send(b, 0, 100);

    // Then at most 20 were ever in flight, and the decoder waited about the time 80 frames take downstream
    assertThat(b.peakInFlight()).isEqualTo(20);
    assertThat(b.stalls()).isZero();
    assertThat(b.note()).isEmpty();
    assertThat(b.waitSeconds()).isBetween(8.0, 9.8);
    assertThat(checkpoints.get()).isPositive();
    assertThat(p.polls).contains(InFlightBound.POLL_WHILE_WAITING);
  }

  @Test
  void shouldNotWaitBelowTheBound() {
    ScriptedProgress p = new ScriptedProgress(ms -> 0);
    InFlightBound b = bound(20, p, new AtomicBoolean(), new AtomicInteger());

    send(b, 0, 20);

    assertThat(b.waitSeconds()).isZero();
    assertThat(b.peakInFlight()).isEqualTo(20);
    assertThat(p.polls).containsOnly(Duration.ZERO);
  }

  @Test
  void shouldGiveUpAfterTheStallTimeoutOnceAndCarryOnWithoutTheBound() {
    // Given no assembly at all
    ScriptedProgress p = new ScriptedProgress(ms -> 0);
    InFlightBound b = bound(20, p, new AtomicBoolean(), new AtomicInteger());

    // When 100 frames are sent
    send(b, 0, 100);

    // Then the decoder waited one stall timeout, then published the rest, and says so
    assertThat(b.stalls()).isEqualTo(1);
    assertThat(b.waitSeconds()).isBetween(120.0, 120.3);
    assertThat(b.peakInFlight()).isEqualTo(100);
    assertThat(b.note()).hasValueSatisfying(n -> assertThat(n)
        .startsWith("backpressure_stall: no progress from assembly for 120 s with 20 frames in flight")
        .contains("the bound of 20 frames in flight was lifted"));
  }

  @Test
  void shouldRestoreTheBoundWhenAssemblyReportsAgainAfterAStall() {
    // Given assembly silent for 200 s, then embedding everything at once (a restart that caught up)
    ScriptedProgress p = new ScriptedProgress(ms -> ms < 200_000 ? 0 : 64);
    InFlightBound b = bound(20, p, new AtomicBoolean(), new AtomicInteger());
    send(b, 0, 40); // stalls at 20, then sends 20 more unbounded
    assertThat(b.stalls()).isEqualTo(1);
    p.nanos[0] = 200_000_000_000L;

    // When more frames are sent
    send(b, 40, 60);

    // Then the bound holds again from the report on: 64 embedded, at most 20 more
    assertThat(p.framesEmbedded()).isEqualTo(64);
    assertThat(b.stalls()).isEqualTo(2); // and assembly went silent again after 84 frames
    assertThat(b.note()).hasValueSatisfying(n -> assertThat(n).contains("(2 stalls)"));
  }

  @Test
  void shouldStopWaitingForGoodWhenTheServiceStops() {
    ScriptedProgress p = new ScriptedProgress(ms -> 0);
    AtomicBoolean stopping = new AtomicBoolean();
    InFlightBound b = bound(20, p, stopping, new AtomicInteger());
    send(b, 0, 20);
    stopping.set(true);

    send(b, 20, 50);

    assertThat(b.waitSeconds()).isZero();
    assertThat(b.stalls()).isZero();
    assertThat(b.note()).isEmpty();
  }

  @Test
  void shouldPublishWithoutTheBoundWhenTheProgressCannotBeRead() {
    ScriptedProgress p = new ScriptedProgress(ms -> 0);
    InFlightBound b = bound(20, p, new AtomicBoolean(), new AtomicInteger());
    send(b, 0, 10);
    p.failure = new IllegalStateException("broken");

    send(b, 10, 50);

    assertThat(b.waitSeconds()).isZero();
    assertThat(b.note()).hasValueSatisfying(n -> assertThat(n).startsWith("backpressure_off: ")
        .contains("broken"));
  }

  @Test
  void shouldDoNothingWhenOff() {
    InFlightBound b = InFlightBound.unbounded("ep");

    send(b, 0, 1000);

    assertThat(b.isBounded()).isFalse();
    assertThat(b.waitSeconds()).isZero();
    assertThat(b.peakInFlight()).isZero();
    assertThat(b.note()).isEmpty();
  }
}
