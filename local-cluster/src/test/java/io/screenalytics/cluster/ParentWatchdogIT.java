package io.screenalytics.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar run through {@link ParentWatchdog} stops when its parent is gone, by either of the two signs. */
class ParentWatchdogIT {

  private static final String SLEEPER = """
      public class Sleeper {
        public static void main(String[] args) throws Exception {
          System.out.println("started " + String.join(" ", args));
          System.out.flush();
          Thread.sleep(Long.MAX_VALUE);
        }
      }
      """;

  @TempDir
  static Path dir;

  private static Path jar;

  @BeforeAll
  static void sleeperJar() throws IOException {
    Path source = Files.writeString(dir.resolve("Sleeper.java"), SLEEPER);
    assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), source.toString()))
        .isZero();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Sleeper");
    jar = dir.resolve("sleeper.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.putNextEntry(new JarEntry("Sleeper.class"));
      out.write(Files.readAllBytes(dir.resolve("Sleeper.class")));
      out.closeEntry();
    }
  }

  @Test
  void shouldHaltTheChildWhenItsStandardInputFromTheParentCloses() throws Exception {
    // Given a jar's main running through the watchdog, with its arguments
    Path log = dir.resolve("stdin.log");
    Process child = start(ParentWatchdog.javaCommand(List.of("-Xmx32m"), jar, List.of("a", "b")), log);
    awaitOutput(child, log, "started a b");

    // When the parent's end of the pipe closes (as when the parent dies, however it dies)
    long t0 = System.nanoTime();
    child.getOutputStream().close();

    // Then the child halts at once
    assertThat(child.waitFor(5, TimeUnit.SECONDS)).as("child still running; output: %s", read(log)).isTrue();
    System.out.printf("ParentWatchdogIT: halted %d ms after its stdin closed%n", (System.nanoTime() - t0) / 1_000_000);
    assertThat(child.exitValue()).isEqualTo(ParentWatchdog.ORPHAN_EXIT);
    assertThat(read(log)).contains("standard input closed");
  }

  @Test
  void shouldHaltTheChildWhenTheParentPidIsGoneEvenIfItsInputStaysOpen() throws Exception {
    // Given a child watching a "parent" (a sleep process) while its standard input stays open to this JVM
    Process parent = new ProcessBuilder("sleep", "600").start();
    List<String> command = new ArrayList<>(ParentWatchdog.javaCommand(List.of("-Xmx32m"), jar, List.of()));
    int pidArg = command.indexOf(ParentWatchdog.class.getName()) + 1;
    command.set(pidArg, Long.toString(parent.pid()));
    Path log = dir.resolve("poll.log");
    Process child = start(command, log);
    try (OutputStream keptOpen = child.getOutputStream()) {
      awaitOutput(child, log, "started");

      // When that parent dies
      long t0 = System.nanoTime();
      parent.destroyForcibly().waitFor();

      // Then the child halts within a few polls
      assertThat(child.waitFor(5, TimeUnit.SECONDS)).as("child still running; output: %s", read(log)).isTrue();
      System.out.printf("ParentWatchdogIT: halted %d ms after its parent pid died%n",
          (System.nanoTime() - t0) / 1_000_000);
      assertThat(child.exitValue()).isEqualTo(ParentWatchdog.ORPHAN_EXIT);
      assertThat(read(log)).contains("parent pid " + parent.pid() + " is gone");
    } finally {
      child.destroyForcibly();
    }
  }

  private static Process start(List<String> command, Path log) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
  }

  private static void awaitOutput(Process child, Path log, String text) throws InterruptedException {
    ProgressWait.await("the child's output " + text, () -> read(log).contains(text) || !child.isAlive(),
        () -> read(log).length(), () -> read(log));
    assertThat(child.isAlive()).as("child exited early; output: %s", read(log)).isTrue();
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
