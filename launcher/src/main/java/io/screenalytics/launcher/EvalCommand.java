package io.screenalytics.launcher;

import io.screenalytics.identities.AssemblyConfig;
import io.screenalytics.launcher.eval.FaceEvaluation;
import io.screenalytics.launcher.eval.QualityCalibration;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.vision.pipeline.FacePipeline;
import io.screenalytics.voice.analysis.VoiceAnalyzer;
import io.screenalytics.voice.diarize.Diarizer;
import io.screenalytics.voice.eval.AmiHalf;
import io.screenalytics.voice.eval.DerGrid;
import io.screenalytics.voice.eval.VoiceEvaluation;
import io.screenalytics.voice.eval.VoiceReport;
import io.screenalytics.voice.model.SileroVad;
import io.screenalytics.voice.model.SpeakerEncoder;
import io.screenalytics.voice.service.VoiceConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code screenalytics eval}: the built-in checks of the face path on the labelled photos of
 * {@code shared/faces} ({@link FaceEvaluation}): verification AUC, EER and best-accuracy threshold on
 * deepface's pairs and face_recognition's k-NN pairs, and facebank identification accuracy on the k-NN test
 * photos at the episode matching threshold ({@code assembly.facebank.min.similarity}); then the voice figures
 * ({@link VoiceReport}) and, with {@code --tune-on}, the held-out DER ({@link VoiceReport#split}).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate the face path on labelled photos: verification AUC/EER on the deepface pairs, "
        + "facebank identification accuracy on the face_recognition k-NN examples; and voices on labelled speech: "
        + "LibriSpeech verification EER/AUC, AMI identification across files, AMI DER (collar 0.25 s, overlap "
        + "scored and skipped; with --tune-on, tuned on one half of the AMI files and reported on the other).")
final class EvalCommand extends UserCommand {

  @Option(names = "--faces", paramLabel = "DIR",
      description = "The labelled photos (default: shared/faces found upward from the working directory, or "
          + "<screenalytics.shared>/faces).")
  Path faces;

  @Option(names = "--speech", paramLabel = "DIR",
      description = "The labelled speech, librispeech/ and ami/ (default: shared/media/audio beside the faces); "
          + "voices are evaluated when it exists.")
  Path speech;

  @Option(names = "--quality",
      description = "Also measure same- and different-person cosine by face-quality band on degraded copies of the "
          + "deepface photos (the calibration of the naming thresholds, QualityCalibration; about 30 s more).")
  boolean quality;

  @Option(names = "--tune-on", paramLabel = "HALF", split = ",",
      description = "Also tune the VAD and clustering settings (72 of them) on one half of the AMI files, "
          + "A (trn00-trn05) or B (trn06-trn09, dev00, dev01), and report the DER on the other half; A,B does both "
          + "ways round and adds the DER of all 12 files each scored with the settings tuned on the other half "
          + "(about 2 minutes more; docs/voice-der-split.md).")
  List<AmiHalf> tuneOn = List.of();

  @Mixin
  SettingsOptions settingsOptions;

  @Override
  protected Integer execute() throws Exception {
    Settings settings = settingsOptions.load(Map.of());
    Path dir = faces != null ? faces : findFaces(Path.of("").toAbsolutePath());
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no such folder");
    }
    Path audio = speech != null ? speech : dir.resolveSibling("media").resolve("audio");
    if (!tuneOn.isEmpty() && !Files.isDirectory(audio.resolve("ami"))) {
      throw new NoSuchFileException(audio.resolve("ami").toString(), null, "--tune-on needs the labelled AMI speech");
    }
    double threshold = AssemblyConfig.fromProperties(
        RescoreCommand.assemblyOverrides(settings)).matching().minSimilarity();
    PrintWriter out = spec.commandLine().getOut();
    try (FacePipeline pipeline = FacePipelines.open(settings)) {
      out.print(FaceEvaluation.run(dir, pipeline, threshold).format());
      if (quality) {
        out.print(QualityCalibration.run(dir, pipeline).format());
      }
    }
    out.flush();
    if (Files.isDirectory(audio)) {
      VoiceConfig voice = VoiceConfig.from(settings);
      ModelLocator models = ModelLocator.resolve(voice.modelsDir());
      try (SpeakerEncoder encoder = SpeakerEncoder.open(models, SessionSettings.cpu(1), voice.batch());
           SileroVad vad = SileroVad.open(models)) {
        VoiceEvaluation eval = new VoiceEvaluation(new VoiceAnalyzer(encoder, vad, voice.detector(),
            voice.windowing()));
        out.print(VoiceReport.run(audio, eval, Diarizer.DEFAULT_MAX_DISTANCE));
        if (!tuneOn.isEmpty()) {
          out.flush();
          long t0 = System.nanoTime();
          out.print(VoiceReport.split(eval.amiGrid(audio.resolve("ami"), DerGrid.DEFAULT, AmiHalf.all()), tuneOn));
          out.printf(Locale.ROOT, "voices: tuning grid evaluated in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        }
      }
      out.flush();
    }
    return 0;
  }

  /**
   * {@code <screenalytics.shared>/faces} when that system property is set, else the first {@code shared/faces}
   * found in {@code start} or one of its parents.
   *
   * @throws IllegalStateException when there is none
   */
  static Path findFaces(Path start) {
    String shared = System.getProperty("screenalytics.shared");
    if (shared != null && Files.isDirectory(Path.of(shared, "faces"))) {
      return Path.of(shared, "faces");
    }
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("shared/faces"))) {
        return p.resolve("shared/faces");
      }
    }
    throw new IllegalStateException("no shared/faces above " + start + "; give --faces DIR");
  }
}
