package io.screenalytics.video.decode;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real footage from the shared media directory (system property {@code screenalytics.shared}, set by the
 * parent pom, else {@code ../shared}). Missing media fails the test: it is part of the test suite.
 */
public final class TestMedia {

  public static final String HAMILTON = "short_hamilton_clip.mp4";
  public static final String FACENET_1080P = "facenet_pytorch_video.mp4";
  public static final String SADTALKER_KATIE_HILL = "sadtalker_WDA_KatieHill_000.mp4";
  public static final String SADTALKER_BOB_MENENDEZ = "sadtalker_WDA_BobMenendez_000.mp4";
  public static final String RADIO_WAV = "sadtalker_RD_Radio31_000.wav";

  // short_hamilton_clip.mp4 as ffprobe shows it: video pts = 10214 + 400 k in time base 1/11988,
  // 275 frames, I/P only; container start_time 0.008005 s (the audio starts first)
  public static final int HAMILTON_FRAMES = 275;
  public static final long HAMILTON_FIRST_PTS = 10214;
  public static final long HAMILTON_PTS_STEP = 400;
  public static final double HAMILTON_TIME_BASE = 1.0 / 11988;
  public static final double HAMILTON_CONTAINER_START = 0.008005;
  /** First frames of new shots, found by looking at every frame around the candidates. */
  public static final long[] HAMILTON_CUTS = {20, 82, 211};

  private TestMedia() {
  }

  public static Path sharedDir() {
    String configured = System.getProperty("screenalytics.shared");
    Path dir = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("../shared");
    if (!Files.isDirectory(dir.resolve("media"))) {
      fail("shared media not found at " + dir.toAbsolutePath()
          + " (set -Dscreenalytics.shared=<dir holding media/ and faces/>)");
    }
    return dir;
  }

  public static Path video(String name) {
    return existing(sharedDir().resolve("media/video").resolve(name));
  }

  /** A PySceneDetect truth video from {@code media/scenecuts/} (see its TRUTH.md). */
  public static Path sceneCutVideo(String name) {
    return existing(sharedDir().resolve("media/scenecuts").resolve(name));
  }

  public static Path audio(String name) {
    return existing(sharedDir().resolve("media/audio").resolve(name));
  }

  public static Path face(String relative) {
    return existing(sharedDir().resolve("faces").resolve(relative));
  }

  /** Timestamp of Hamilton frame {@code idx} on the file's timeline, from the pts ffprobe reports. */
  public static double hamiltonTs(long idx) {
    return (HAMILTON_FIRST_PTS + HAMILTON_PTS_STEP * idx) * HAMILTON_TIME_BASE - HAMILTON_CONTAINER_START;
  }

  private static Path existing(Path path) {
    if (!Files.isRegularFile(path)) {
      fail("shared media file missing: " + path.toAbsolutePath());
    }
    return path;
  }
}
