package io.screenalytics.launcher;

import io.screenalytics.store.StoreLayout;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.voice.analysis.VoiceAnalysis;
import io.screenalytics.voice.analysis.VoiceAnalyzer;
import io.screenalytics.voice.analysis.WindowCache;
import io.screenalytics.voice.bank.EnrolmentException;
import io.screenalytics.voice.bank.Voice;
import io.screenalytics.voice.bank.Voicebank;
import io.screenalytics.voice.model.SileroVad;
import io.screenalytics.voice.model.SpeakerEncoder;
import io.screenalytics.voice.service.VoiceConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code screenalytics voicebank add|list}: the voicebank of the artifact store ({@value StoreLayout#VOICEBANK}),
 * enrolled through the voice service's own path (decode, VAD, windows, GE2E).
 */
@Command(name = "voicebank", mixinStandardHelpOptions = true,
    description = "Manage the voicebank in the artifact store (" + StoreLayout.VOICEBANK + ").",
    subcommands = {VoicebankCommand.Add.class, VoicebankCommand.ListVoices.class})
final class VoicebankCommand {

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Enrol the speech the VAD finds in FILE (any media FFmpeg reads, optionally a range) under a "
          + "name; under 3 s of speech is refused and nothing is written; the same name again adds to that voice.")
  static final class Add extends UserCommand {
    @Option(names = "--name", required = true, paramLabel = "PERSON", description = "The speaker's full name.")
    String name;

    @Option(names = "--from", paramLabel = "S", defaultValue = "0", description = "Start of the range, seconds.")
    double from;

    @Option(names = "--to", paramLabel = "E", description = "End of the range, seconds (default: the end).")
    Double to;

    @Parameters(index = "0", paramLabel = "FILE", description = "Audio or video with the speaker's voice.")
    Path file;

    @Mixin
    StoreOptions store;

    @Override
    protected Integer execute() throws Exception {
      if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
      Settings settings = store.settings();
      VoiceConfig voice = VoiceConfig.from(settings);
      double end = to == null ? Double.POSITIVE_INFINITY : to;
      if (!(from >= 0) || !(end > from)) {
        console().error("--from and --to must satisfy 0 <= from < to");
        return UserErrors.EXIT;
      }
      ModelLocator models = ModelLocator.resolve(voice.modelsDir());
      try (ArtifactStore artifacts = StoreOptions.open(settings);
           SpeakerEncoder encoder = SpeakerEncoder.open(models, SessionSettings.cpu(1), voice.batch());
           SileroVad vad = SileroVad.open(models)) {
        VoiceAnalysis analysis = new VoiceAnalyzer(encoder, vad, voice.detector(), voice.windowing())
            .analyse(file.toString(), from, end, null, WindowCache.NONE);
        Voicebank bank = read(artifacts);
        String clip = file.getFileName() + (from > 0 || to != null
            ? String.format(Locale.ROOT, " [%.1f-%s s]", from, to == null ? "end" : String.format(Locale.ROOT, "%.1f", to))
            : "");
        Voice added;
        try {
          added = bank.enrol(name, clip, analysis);
        } catch (EnrolmentException e) {
          console().error("%s", e.getMessage());
          return UserErrors.EXIT;
        }
        artifacts.put(StoreLayout.VOICEBANK, bank.toJson());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %s enrolled from %.1f s of speech in %s (%.1f s, %d clips in all)%n",
            StoreOptions.describe(artifacts, StoreLayout.VOICEBANK), name, analysis.speechSeconds(), clip,
            added.speechSeconds(), added.clips().size());
        out.flush();
        return 0;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the voices: names, seconds of speech, clips.")
  static final class ListVoices extends UserCommand {
    @Mixin
    StoreOptions store;

    @Override
    protected Integer execute() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (ArtifactStore artifacts = StoreOptions.open(store.settings())) {
        Voicebank bank = read(artifacts);
        out.printf(Locale.ROOT, "voicebank %s: %d voices%n", StoreOptions.describe(artifacts, StoreLayout.VOICEBANK),
            bank.voices().size());
        int width = Math.max(5, bank.voices().stream().mapToInt(v -> v.name().length()).max().orElse(0));
        out.printf(Locale.ROOT, "%-" + width + "s  %8s  %s%n", "voice", "speech s", "clips");
        for (Voice v : bank.voices()) {
          out.printf(Locale.ROOT, "%-" + width + "s  %8.1f  %s%n", v.name(), v.speechSeconds(),
              String.join("; ", v.clips()));
        }
        out.flush();
        return 0;
      }
    }
  }

  /** The store's voicebank, or an empty one. */
  static Voicebank read(ArtifactStore store) throws java.io.IOException {
    Optional<byte[]> bytes = store.get(StoreLayout.VOICEBANK);
    return bytes.isEmpty() ? new Voicebank() : Voicebank.fromJson(bytes.get());
  }
}
