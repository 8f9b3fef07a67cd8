package io.screenalytics.runtime.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screenalytics.runtime.metrics.StageTimer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StageCpuTest {

  @Test
  void shouldCountTheCpuAStepBurnsOnItsThreadInTheLedger() {
    StageTimer timer = StageTimer.of("stagecputest", "burn");
    long before = StageCpu.snapshot().getOrDefault("stagecputest/burn", 0L);
    long c0 = StageCpu.threadNanos();
    CpuBurner.burn(50_000_000L);
    long used = StageCpu.threadNanos() - c0;
    timer.record(used, used);
    long counted = StageCpu.snapshot().get("stagecputest/burn") - before;
    assertEquals(used, counted);
    assertTrue(counted >= 50_000_000L, "burned 50 ms of CPU, counted " + counted + " ns");
  }

  @Test
  void shouldAddCpuThatOtherThreadsSpentForTheCaller() {
    AtomicLong delegated = new AtomicLong();
    StageCpu.countDelegated("stagecputest-helper", delegated::get);
    long c0 = StageCpu.threadNanos();
    delegated.addAndGet(1_000_000_000L); // a helper thread spent 1 s for the caller
    long used = StageCpu.threadNanos() - c0;
    StageCpu.countDelegated("stagecputest-helper", () -> 0L);
    assertTrue(used >= 1_000_000_000L && used < 1_500_000_000L, "counted " + used + " ns");
  }
}
