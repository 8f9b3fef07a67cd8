package io.screenalytics.bench;

import io.screenalytics.bench.cpu.CpuRecorder;
import io.screenalytics.bench.scale.ScaleOutRun;
import java.nio.file.Path;

/**
 * {@code bench/run scale-out [--episodes N] [--stride K]}: many workers as processes against 3 brokers. A Kafka
 * cluster of 3 broker processes (a controller quorum of 3, topics replicated 3 times, {@code min.insync.replicas=2})
 * and the registry; decoder x2, detect-track x2, embed x3 and assembly x2, each its own OS process
 * ({@code screenalytics service <name>}). Every shared clip is run alone first, one after the other; then N
 * episodes (20: the shared clips over and over, and two bad inputs, a text file named {@code .mp4} and a truncated
 * MP4) are pushed at once; after the third episode ends, one embed process is killed with SIGKILL and a fourth is
 * started. Prints per episode its end state, seconds from push, and whether its faces, tracks and screen time equal
 * its clip's run alone (and no face id twice); per process the peak and last resident memory; per consumer group the
 * peak and last lag; the series, sampled every 2 s, go to {@code samples.csv}. See {@link ScaleOutRun}.
 */
public final class ScaleOutBenchmark {

  private ScaleOutBenchmark() {}

  public static void main(String[] args) throws Exception {
    CpuQuotaBenchmark.quietLogging();
    int episodes = 20;
    int stride = 6;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--episodes" -> episodes = Integer.parseInt(args[++i]);
        case "--stride" -> stride = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (usage: bench/run scale-out [--episodes N] [--stride K])");
      }
    }
    Path shared = Path.of(System.getProperty("screenalytics.shared", "../shared"));
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "screenalytics-bench", "scale-out-" + ProcessHandle.current().pid());
    System.out.printf("scale-out: %d episodes, stride %d; CPU %s, %d cores; work %s%n", episodes, stride,
        CpuRecorder.cpuModel(), Runtime.getRuntime().availableProcessors(), work);
    boolean ok = new ScaleOutRun(shared.resolve("media/video"), work, stride).run(episodes);
    System.exit(ok ? 0 : 1);
  }
}
