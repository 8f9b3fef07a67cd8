package io.screenalytics.launcher.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The two naming cases of issue 14, built from the shared media, with their truth for {@link NamingScore}.
 *
 * <p><b>Composed episode</b> (1280x720, 25 fps, 30 s, H.264): six talking heads of {@code shared/media/video}
 * (Alexandria Ocasio-Cortez, Katie Hill, Bob Menendez, Ed Markey, and the two unnamed radio speakers, who are not in
 * the cast and must stay unknown), each shown once large (the clip's first 2.5 s scaled to 720x720, pillarboxed; the
 * face about 540 px high) and, after all six, once degraded (2.5 s from 4.0 s into the clip, shrunk to
 * {@link #DEGRADED_PX} px square, which leaves a face of about 0.75 of that, scaled back up to 720x720 with bicubic
 * interpolation, darker, flatter and less saturated as another shot's lighting would be), in the order Menendez,
 * Ocasio-Cortez, radio B, Markey, Hill, radio A. Each segment is 62.5 source frames. The facebank: one frame of each
 * cast member's large appearance (1.2 s into it).
 *
 * <p><b>Hamilton clip</b> ({@code short_hamilton_clip.mp4}, 640x360, 29.97 fps, 300 frames; shots end at frames
 * 19, 81, 210, looked at frame by frame): Lin-Manuel Miranda sings in the wide first shot (right half; Alex
 * Lacamoire at the piano on the left, a face about 33 px high), is seen in profile from behind in the second (right
 * half), frontal in the third; the fourth shows the audience: Barack Obama in profile at 48-61 % of the width, Michelle
 * Obama and others beside him, who are not in the cast. Cast photos: {@code lin-manuel-miranda.png},
 * {@code alex-lacamoire.png} and {@code knn_examples/train/alex_lacamoire/img1.jpg}, {@code obama.jpg},
 * {@code obama2.jpg}, {@code obama-720p.jpg} of {@code shared/faces/face_recognition/examples}.
 *
 * <p><b>Real film footage</b> ({@code shared/media/real}, issue 29; no truth came with it, so it was labelled here by
 * looking at frames, 2026-12-07; the face centre's horizontal position bounds each person):
 * <ul>
 *   <li>{@code avengers_15s.mp4} (854x480, 29.97 fps, 450 frames; shots end at frames 79, 140, 174): frames 0-79 the
 *       three walk abreast, Steve (Chris Evans) at 20-30 % of the width, Thor (Chris Hemsworth) at 50-58 %, Tony
 *       (Robert Downey Jr.) at 70-80 % (looked at frames 0, 60); 80-140 a close-up of Steve (frame 100); 141-174 a
 *       close-up of Tony (frame 160); 175-449 Thor left of centre (frames 210, 270, 350, 440), with Tony's face at the
 *       right edge, more than half of it in frame, at 195-225 and 255-290 (frames 192, 198, 228, 234, 252, 258, 288 and
 *       294 looked at; between them only his ear or cheek shows).
 *   <li>{@code hera_pheri_14s.mp4} (640x360, 25 fps, 350 frames; shots end at frames 311, 342): frames 0-311 and
 *       343-349 the three in a room, Shyam (Suniel Shetty, dark glasses) with his face centre left of 38 % of the
 *       width, Babu Bhaiya (Paresh Rawal, thick glasses) in the middle (his face hidden, bent under Raju's arm, until
 *       frame 36; at 38-56 % until frame 167 as the three lean together, 38-50 % after), Raju (Akshay Kumar) right of
 *       him (a small face far right in the wide shot from about frame 200); 312-342 a close-up of a woman who is not
 *       in the cast gallery and must stay unknown (frames 0, 15, 30, 36, 60, 120, 180, 200, 215, 225, 232, 240, 250,
 *       280, 290, 300, 310, 320 and 345 looked at).
 * </ul>
 * Cast photos: the web galleries that came with the clips ({@code shared/media/real/galleries/<film>/<name>/}).
 */
public final class NamingCases {

  /** The six clips of the composed episode, in the order of their large appearances. */
  public static final List<String> CLIPS = List.of("sadtalker_WDA_AlexandriaOcasioCortez_000.mp4",
      "sadtalker_WDA_KatieHill_000.mp4", "sadtalker_WDA_BobMenendez_000.mp4", "sadtalker_WDA_EdMarkey0_000.mp4",
      "sadtalker_RD_Radio2_000.mp4", "sadtalker_RD_Radio34_000.mp4");
  /** Who each clip shows: a cast name, or a label of someone outside the cast. */
  public static final List<String> PEOPLE = List.of("Alexandria Ocasio-Cortez", "Katie Hill", "Bob Menendez",
      "Ed Markey", "radio speaker A", "radio speaker B");
  /** Side of the square each clip is shrunk to in its degraded appearance, pixels (face about 0.75 of it). */
  public static final int[] DEGRADED_PX = {40, 32, 24, 20, 32, 24};
  /** Order of the degraded appearances (indices into {@link #CLIPS}). */
  public static final int[] DEGRADED_ORDER = {2, 0, 5, 3, 1, 4};
  /** Seconds of each appearance. */
  public static final double SEGMENT_S = 2.5;
  /** Frame rate of the composed episode. */
  public static final double COMPOSED_FPS = 25;
  /** Width of the composed episode, pixels. */
  public static final int COMPOSED_WIDTH = 1280;
  /** The composed episode's cast: the first four people. */
  public static final Set<String> COMPOSED_CAST = Set.copyOf(PEOPLE.subList(0, 4));

  /** Hamilton clip frame rate. */
  public static final double HAMILTON_FPS = 30000.0 / 1001;
  /** Hamilton clip width, pixels. */
  public static final int HAMILTON_WIDTH = 640;
  /** The Hamilton cast. */
  public static final Set<String> HAMILTON_CAST = Set.of("Lin-Manuel Miranda", "Alex Lacamoire", "Barack Obama");

  /** {@code avengers_15s.mp4} frame rate. */
  public static final double AVENGERS_FPS = 30000.0 / 1001;
  /** {@code avengers_15s.mp4} width, pixels. */
  public static final int AVENGERS_WIDTH = 854;
  /** The {@code avengers_15s.mp4} cast: the gallery's folder names. */
  public static final Set<String> AVENGERS_CAST = Set.of("Steve", "Thor", "Tony");
  /** {@code hera_pheri_14s.mp4} frame rate. */
  public static final double HERA_PHERI_FPS = 25;
  /** {@code hera_pheri_14s.mp4} width, pixels. */
  public static final int HERA_PHERI_WIDTH = 640;
  /** The {@code hera_pheri_14s.mp4} cast: the gallery's folder names. */
  public static final Set<String> HERA_PHERI_CAST = Set.of("Babu Bhaiya", "Raju", "Shyam");

  private NamingCases() {}

  /**
   * The {@code ffmpeg} arguments composing the episode: inputs, filter and encoder, to be followed by the output
   * file ({@code ffmpeg -y <these> composed.mp4}).
   *
   * @param videos the {@code shared/media/video} folder
   */
  public static List<String> composeArgs(Path videos) {
    List<String> args = new ArrayList<>();
    StringBuilder filter = new StringBuilder();
    for (int i = 0; i < CLIPS.size(); i++) {
      args.addAll(List.of("-i", videos.resolve(CLIPS.get(i)).toString()));
      filter.append(String.format(Locale.ROOT, "[%d:v]trim=0:%s,setpts=PTS-STARTPTS,fps=25,scale=720:720,"
          + "pad=1280:720:280:0,setsar=1[L%d];", i, SEGMENT_S, i));
      filter.append(String.format(Locale.ROOT, "[%d:v]trim=4:%s,setpts=PTS-STARTPTS,fps=25,scale=%d:%d,"
          + "scale=720:720:flags=bicubic,eq=brightness=-0.12:contrast=0.75:saturation=0.6,pad=1280:720:280:0,"
          + "setsar=1[D%d];", i, 4 + SEGMENT_S, DEGRADED_PX[i], DEGRADED_PX[i], i));
    }
    for (int i = 0; i < CLIPS.size(); i++) {
      filter.append("[L").append(i).append(']');
    }
    for (int i : DEGRADED_ORDER) {
      filter.append("[D").append(i).append(']');
    }
    filter.append("concat=n=").append(2 * CLIPS.size()).append(":v=1:a=0[v]");
    args.addAll(List.of("-filter_complex", filter.toString(), "-map", "[v]", "-c:v", "libx264", "-preset",
        "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"));
    return args;
  }

  /** Second of the composed episode whose frame is cast member {@code i}'s facebank photo (1.2 s into it). */
  public static double seedSecond(int i) {
    return i * SEGMENT_S + 1.2;
  }

  /** Truth of the composed episode: each segment's person, whole width. */
  public static List<NamingScore.Region> composedTruth() {
    List<NamingScore.Region> truth = new ArrayList<>();
    double frames = SEGMENT_S * COMPOSED_FPS;
    for (int s = 0; s < 2 * CLIPS.size(); s++) {
      int clip = s < CLIPS.size() ? s : DEGRADED_ORDER[s - CLIPS.size()];
      truth.add(new NamingScore.Region(PEOPLE.get(clip), Math.round(s * frames),
          Math.round((s + 1) * frames) - 1));
    }
    return truth;
  }

  /** Truth of the Hamilton clip (see the class comment). */
  public static List<NamingScore.Region> hamiltonTruth() {
    return List.of(
        new NamingScore.Region("Lin-Manuel Miranda", 0, 19, 0.5, 1),
        new NamingScore.Region("Alex Lacamoire", 0, 19, 0, 0.25),
        new NamingScore.Region("Lin-Manuel Miranda", 20, 81, 0.5, 1),
        new NamingScore.Region("Lin-Manuel Miranda", 82, 210),
        new NamingScore.Region("Barack Obama", 211, 299, 0.48, 0.61));
  }

  /** The Hamilton cast CSV's rows ({@code name,photo}), photos under {@code shared/faces}. */
  public static List<String[]> hamiltonCast(Path faces) {
    Path ex = faces.resolve("face_recognition/examples");
    return List.of(new String[] {"Lin-Manuel Miranda", ex.resolve("lin-manuel-miranda.png").toString()},
        new String[] {"Alex Lacamoire", ex.resolve("alex-lacamoire.png").toString()},
        new String[] {"Alex Lacamoire", ex.resolve("knn_examples/train/alex_lacamoire/img1.jpg").toString()},
        new String[] {"Barack Obama", ex.resolve("obama.jpg").toString()},
        new String[] {"Barack Obama", ex.resolve("obama2.jpg").toString()},
        new String[] {"Barack Obama", ex.resolve("obama-720p.jpg").toString()});
  }

  /** Truth of {@code avengers_15s.mp4} (see the class comment). */
  public static List<NamingScore.Region> avengersTruth() {
    return List.of(
        new NamingScore.Region("Steve", 0, 79, 0, 0.40),
        new NamingScore.Region("Thor", 0, 79, 0.40, 0.65),
        new NamingScore.Region("Tony", 0, 79, 0.65, 1),
        new NamingScore.Region("Steve", 80, 140),
        new NamingScore.Region("Tony", 141, 174),
        new NamingScore.Region("Thor", 175, 449, 0, 0.80),
        new NamingScore.Region("Tony", 195, 225, 0.80, 1),
        new NamingScore.Region("Tony", 255, 290, 0.80, 1));
  }

  /** Truth of {@code hera_pheri_14s.mp4} (see the class comment). */
  public static List<NamingScore.Region> heraPheriTruth() {
    return List.of(
        new NamingScore.Region("Shyam", 0, 311, 0, 0.38),
        new NamingScore.Region("Raju", 0, 35, 0.38, 1),
        new NamingScore.Region("Babu Bhaiya", 36, 167, 0.38, 0.56),
        new NamingScore.Region("Raju", 36, 167, 0.56, 1),
        new NamingScore.Region("Babu Bhaiya", 168, 311, 0.38, 0.50),
        new NamingScore.Region("Raju", 168, 311, 0.50, 1),
        new NamingScore.Region("a woman outside the cast", 312, 342),
        new NamingScore.Region("Shyam", 343, 349, 0, 0.38),
        new NamingScore.Region("Babu Bhaiya", 343, 349, 0.38, 0.50),
        new NamingScore.Region("Raju", 343, 349, 0.50, 1));
  }

  /**
   * A real clip's cast CSV rows ({@code name,photo}): every photo of every person's gallery folder, in name order.
   *
   * @param gallery {@code shared/media/real/galleries/<film>}
   * @throws IOException when the gallery cannot be listed
   */
  public static List<String[]> galleryCast(Path gallery) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (var people = Files.list(gallery)) {
      for (Path person : people.filter(Files::isDirectory).sorted().toList()) {
        try (var photos = Files.list(person)) {
          photos.sorted().forEach(p -> rows.add(new String[] {person.getFileName().toString(), p.toString()}));
        }
      }
    }
    return rows;
  }
}
