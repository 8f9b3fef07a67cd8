package io.screenalytics.output.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real headless Chromium (Debian package {@code chromium}) for tests: dumps a page's DOM after parsing and
 * layout, and takes screenshots. The binary is the system property {@code screenalytics.chromium}, the
 * environment variable {@code CHROMIUM}, or the first of {@code chromium}, {@code chromium-browser},
 * {@code google-chrome} on the {@code PATH}. Each call runs a fresh browser with its own profile directory and
 * no network features (no sync, no component updates, no QUIC).
 */
final class HeadlessChromium {

  private static final long TIMEOUT_S = 60;

  private final Path binary;
  private final Path workDir;

  private HeadlessChromium(Path binary, Path workDir) {
    this.binary = binary;
    this.workDir = workDir;
  }

  /**
   * Finds the browser.
   *
   * @throws IllegalStateException when there is none, saying how to install it
   */
  static HeadlessChromium find(Path workDir) {
    List<String> candidates = new ArrayList<>();
    String explicit = System.getProperty("screenalytics.chromium", System.getenv("CHROMIUM"));
    if (explicit != null && !explicit.isBlank()) {
      candidates.add(explicit);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        candidates.add(Path.of(dir, name).toString());
      }
    }
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return new HeadlessChromium(Path.of(c), workDir);
      }
    }
    throw new IllegalStateException("no Chromium found (tried screenalytics.chromium, $CHROMIUM and chromium on "
        + "the PATH); install it with: apt-get install -y chromium");
  }

  /** The serialized DOM of {@code page} after load. */
  String dumpDom(Path page) throws IOException, InterruptedException {
    return new String(run(page, "--dump-dom"), StandardCharsets.UTF_8);
  }

  /** A PNG screenshot of {@code page} in a {@code width x height} window. */
  Path screenshot(Path page, int width, int height) throws IOException, InterruptedException {
    Path png = Files.createTempFile(workDir, "shot-", ".png");
    Files.delete(png);
    run(page, "--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars");
    if (!Files.isRegularFile(png)) {
      throw new IOException("chromium wrote no screenshot " + png);
    }
    return png;
  }

  private byte[] run(Path page, String... args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
    Path stderr = Files.createTempFile(workDir, "chromium-", ".log");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    command.add(page.toAbsolutePath().toUri().toString());
    Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish within " + TIMEOUT_S + " s");
    }
    if (p.exitValue() != 0) {
      throw new IOException("chromium exited with " + p.exitValue() + ": " + Files.readString(stderr));
    }
    return out;
  }
}
