package io.screenalytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.cluster.ProgressWait;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code screenalytics run} killed with SIGKILL mid-episode leaves no process behind: the schema registry child
 * (and anything else it started) dies with it, although no shutdown hook of the launcher runs.
 */
class OrphanIT {

  private static final Path CLIP = Path.of("..", "..", "shared", "media", "video", "short_hamilton_clip.mp4");
  private static final long DEATH_BOUND_MILLIS = 5_000;

  @TempDir
  Path dir;

  @Test
  void shouldLeaveNoChildProcessRunningWhenRunIsKilledMidEpisode() throws Exception {
    // Given the packaged launcher running an episode, its registry child up and the episode pushed
    Path log = Path.of("target", "orphan-it-run.log");
    Files.deleteIfExists(log);
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-jar", ServiceProcess.LAUNCHER_JAR.toString(), "run", "--video", CLIP.toString(),
        "--out", dir.resolve("store").toString());
    builder.environment().put("SCREENALYTICS_LOG_LEVEL", "INFO");
    Process run = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    try {
      ProgressWait.await("the episode pushed", () -> output(log).contains("pushed onto") || !run.isAlive(),
          () -> size(log), () -> tail(log));
      assertThat(run.isAlive()).as("run still running mid-episode; its output: %s", tail(log)).isTrue();
      List<ProcessHandle> started = run.descendants().toList();
      assertThat(started).as("processes run started").anySatisfy(p ->
          assertThat(p.info().commandLine().orElse("")).contains("ParentWatchdog"));

      // When it is killed with SIGKILL
      long killed = System.nanoTime();
      run.destroyForcibly();
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();

      // Then within 5 s none of the processes it started is running
      while (started.stream().anyMatch(OrphanIT::isRunning)
          && System.nanoTime() - killed < TimeUnit.MILLISECONDS.toNanos(DEATH_BOUND_MILLIS)) {
        Thread.sleep(20);
      }
      long millis = (System.nanoTime() - killed) / 1_000_000;
      List<String> running = started.stream().filter(OrphanIT::isRunning)
          .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
      System.out.printf("OrphanIT: %d processes started by run (%s) not running %d ms after its SIGKILL%n",
          started.size(), started.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(",")),
          millis);
      assertThat(running).as("processes still running %d ms after run's SIGKILL", millis).isEmpty();
    } finally {
      run.destroyForcibly();
    }
  }

  /**
   * Alive and not a zombie: a process whose parent died is reparented to init, which reaps it a moment after it
   * exits; until then {@link ProcessHandle#isAlive()} still says true although it runs nothing and holds no memory.
   */
  private static boolean isRunning(ProcessHandle p) {
    if (!p.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"), StandardCharsets.US_ASCII);
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return p.isAlive();
    }
  }

  private static String output(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static long size(Path log) {
    return output(log).length();
  }

  private static String tail(Path log) {
    String all = output(log);
    return all.substring(Math.max(0, all.length() - 3000));
  }
}
