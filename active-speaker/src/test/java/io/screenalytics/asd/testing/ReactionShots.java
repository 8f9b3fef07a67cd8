package io.screenalytics.asd.testing;

import io.screenalytics.voice.testing.VoiceData;
import java.nio.file.Path;
import java.util.List;

/**
 * A composed reaction shot, made with the {@code ffmpeg} command from the shared talking heads by
 * {@link TwoShots}' recipe ({@value TwoShots#SIDE} pixels square, 25 fps, H.264 and 16 kHz PCM in Matroska): Katie
 * Hill speaks on screen, the picture cuts to a still of Bob Menendez (a silent listener: his first frame looped) while
 * her voice goes on, and cuts back to her. Her 8.06 s clip is played twice over (her voice runs 16.1 s), so each of
 * the three shots lasts about 5 s: Katie {@code [0, }{@value #CUT_S}{@code )} (her seconds 0-6), Bob
 * {@code [}{@value #CUT_S}{@code , }{@value #BACK_S}{@code )} (her audio from 6 s to the clip's end, then from 0 s),
 * Katie {@code [}{@value #BACK_S}{@code , end)} (her seconds 2.94-8.06, in sync). Used by the launcher's
 * {@code VoiceEpisodeIT}.
 */
public final class ReactionShots {

  /** Seconds: the cut from Katie to Bob's still. */
  public static final double CUT_S = 6.0;
  /** Seconds: the cut back to Katie. */
  public static final double BACK_S = 11.0;
  /** Length of Katie's clip (its audio stream's), seconds. */
  private static final double CLIP_S = 8.064;

  private ReactionShots() {
  }

  /** Composes the reaction shot in {@code dir} ({@code reaction.mkv}). */
  public static Path compose(Path dir) throws Exception {
    Path katie = VoiceData.file(TwoShots.KATIE);
    Path bobStill = TwoShots.still(VoiceData.file(TwoShots.BOB), dir.resolve("bob.png"));
    String one = "[0:v]" + TwoShots.SCALE + ",format=yuv420p[v]";
    Path speaks = TwoShots.part(dir.resolve("reaction0.mkv"), CUT_S, one, "0:a",
        "-t", String.valueOf(CUT_S), "-i", katie.toString());
    double reaction = BACK_S - CUT_S;
    double rest = CLIP_S - CUT_S;
    Path listens = TwoShots.part(dir.resolve("reaction1.mkv"), reaction,
        "[0:v]" + TwoShots.SCALE + ",format=yuv420p[v];[1:a][2:a]concat=n=2:v=0:a=1[a]", "[a]",
        "-loop", "1", "-framerate", "25", "-t", String.valueOf(reaction), "-i", bobStill.toString(),
        "-ss", String.valueOf(CUT_S), "-i", katie.toString(),
        "-t", String.valueOf(reaction - rest), "-i", katie.toString());
    double from = reaction - rest;
    Path back = TwoShots.part(dir.resolve("reaction2.mkv"), CLIP_S - from, one, "0:a",
        "-ss", String.valueOf(from), "-i", katie.toString());
    return TwoShots.concat(List.of(speaks, listens, back), dir.resolve("reaction.mkv"));
  }
}
