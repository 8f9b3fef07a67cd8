package io.screenalytics.voice.eval;

import io.screenalytics.algorithms.cluster.AverageLinkage;
import io.screenalytics.algorithms.roc.Roc;
import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.voice.analysis.MemoryWindowCache;
import io.screenalytics.voice.analysis.VoiceAnalysis;
import io.screenalytics.voice.analysis.VoiceAnalyzer;
import io.screenalytics.voice.analysis.WindowCache;
import io.screenalytics.voice.audio.AudioClip;
import io.screenalytics.voice.audio.AudioDecodeException;
import io.screenalytics.voice.audio.AudioDecoder;
import io.screenalytics.voice.bank.EnrolmentException;
import io.screenalytics.voice.bank.VoiceMatch;
import io.screenalytics.voice.bank.Voicebank;
import io.screenalytics.voice.diarize.Diarizer;
import io.screenalytics.voice.frontend.Partials;
import io.screenalytics.voice.model.Vectors;
import io.screenalytics.voice.rttm.DerComponents;
import io.screenalytics.voice.rttm.DiarizationError;
import io.screenalytics.voice.rttm.Intervals;
import io.screenalytics.voice.rttm.Rttm;
import io.screenalytics.voice.rttm.SpeakerTurn;
import io.screenalytics.voice.speech.SpeechDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The voice figures of {@code screenalytics eval} on the shared speech ({@code media/audio/SPEECH.md}):
 * speaker verification on the LibriSpeech pairs, identification across AMI files, DER on the AMI files, and the DER of
 * a grid of settings ({@link #amiGrid}) from which {@link DerSplit} tunes on one {@link AmiHalf} and reports on the
 * other ({@code docs/voice-der-split.md}).
 * Not thread-safe (uses one analyzer).
 */
public final class VoiceEvaluation {

  /** Collar 0.25 s, overlapped reference speech scored. */
  private static final DiarizationError SCORED = new DiarizationError(0.25, false);
  /** Collar 0.25 s, overlapped reference speech skipped. */
  private static final DiarizationError SKIPPED = new DiarizationError(0.25, true);

  private final VoiceAnalyzer analyzer;

  /** @param analyzer models and settings to evaluate */
  public VoiceEvaluation(VoiceAnalyzer analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * Verification on every pair of utterances of {@code librispeech/<speaker>/*.flac}: utterance embeddings
   * (Resemblyzer's partials), cosine similarity.
   *
   * @throws IOException when the folder cannot be listed
   * @throws AudioDecodeException when a file cannot be decoded
   */
  public Roc librispeech(Path dir) throws IOException, AudioDecodeException {
    return librispeech(dir, false);
  }

  /**
   * Verification as the voicebank names: each utterance's VAD windows (1.6 s every 0.4 s) averaged into a centroid,
   * as enrolment and cluster naming do; the EER threshold calibrates {@link Voicebank#DEFAULT_THRESHOLD}.
   */
  public Roc librispeechCentroids(Path dir) throws IOException, AudioDecodeException {
    return librispeech(dir, true);
  }

  private Roc librispeech(Path dir, boolean centroids) throws IOException, AudioDecodeException {
    List<String> speakers = new ArrayList<>();
    List<float[]> embeddings = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".flac")).sorted().toList()) {
        AudioClip clip = AudioDecoder.decode(f.toString());
        speakers.add(f.getParent().getFileName().toString());
        embeddings.add(centroids
            ? Vectors.meanNormalised(analyzer.analyse(clip.samples(), null, WindowCache.NONE).embeddings())
            : analyzer.encoder().utterance(Partials.of(clip.samples())));
      }
    }
    List<Roc.Scored> pairs = new ArrayList<>();
    for (int i = 0; i < embeddings.size(); i++) {
      for (int j = i + 1; j < embeddings.size(); j++) {
        pairs.add(new Roc.Scored(Embeddings.cosine(embeddings.get(i), embeddings.get(j)),
            speakers.get(i).equals(speakers.get(j))));
      }
    }
    return Roc.of(pairs);
  }

  /** DER of one AMI file, both ways. */
  public record FileDer(String file, DerComponents overlapScored, DerComponents overlapSkipped, int clusters,
                        List<SpeakerTurn> turns) {
  }

  /**
   * Diarizes every file of the AMI folder that has reference turns and scores it against the RTTM within the UEM,
   * collar 0.25 s, overlap scored and skipped.
   */
  public List<FileDer> amiDiarization(Path amiDir, Diarizer diarizer) throws IOException, AudioDecodeException {
    Map<String, List<SpeakerTurn>> reference = amiReference(amiDir);
    Map<String, List<double[]>> uem = amiUem(amiDir);
    List<FileDer> out = new ArrayList<>();
    for (Map.Entry<String, List<SpeakerTurn>> e : reference.entrySet()) {
      Path wav = amiDir.resolve(e.getKey() + ".wav");
      if (!Files.exists(wav)) continue;
      List<SpeakerTurn> hyp = diarize(e.getKey(), wav.toString(), diarizer);
      out.add(new FileDer(e.getKey(), SCORED.score(e.getValue(), hyp, uem.get(e.getKey())),
          SKIPPED.score(e.getValue(), hyp, uem.get(e.getKey())), (int) hyp.stream().map(SpeakerTurn::speaker)
          .distinct().count(), hyp));
    }
    return out;
  }

  /**
   * Scores every setting of {@code grid}, and {@link DerSetting#DEFAULT}, on each of {@code files} of the AMI
   * folder, as {@link #amiDiarization} scores one setting: each file is decoded and run through the VAD once, each
   * speech detection's windows are embedded once (windows at the same times are shared between detections through
   * an in-memory cache) and clustered at every distance. {@link DerGrid#DEFAULT} on the 12 files: 62-82 s here.
   *
   * @param files file ids with reference turns ({@link AmiHalf#files()})
   * @throws IOException when a truth file cannot be read or a file has no {@code <id>.wav} or no reference turns
   * @throws AudioDecodeException when a file cannot be decoded
   */
  public DerTable amiGrid(Path amiDir, DerGrid grid, Collection<String> files)
      throws IOException, AudioDecodeException {
    Map<String, List<SpeakerTurn>> reference = amiReference(amiDir);
    Map<String, List<double[]>> uem = amiUem(amiDir);
    Map<SpeechDetector, List<Double>> settings = new LinkedHashMap<>();
    for (SpeechDetector d : grid.detectors()) settings.put(d, new ArrayList<>(grid.distances()));
    List<Double> defaults = settings.computeIfAbsent(DerSetting.DEFAULT.detector(), k -> new ArrayList<>());
    if (!defaults.contains(DerSetting.DEFAULT.clusterDistance())) defaults.add(DerSetting.DEFAULT.clusterDistance());
    DerTable table = new DerTable();
    for (String file : files) {
      Path wav = amiDir.resolve(file + ".wav");
      if (!Files.exists(wav) || !reference.containsKey(file)) {
        throw new NoSuchFileException(wav.toString(), null, "no AMI audio with reference turns");
      }
      VoiceAnalyzer.Decoded decoded = analyzer.decode(wav.toString(), 0, Double.POSITIVE_INFINITY, s -> { });
      WindowCache cache = new MemoryWindowCache();
      for (Map.Entry<SpeechDetector, List<Double>> e : settings.entrySet()) {
        VoiceAnalysis a = analyzer.analyse(decoded, e.getKey(), file, cache);
        for (double distance : e.getValue()) {
          int[] labels = new Diarizer(new AverageLinkage(distance)).labels(a);
          List<SpeakerTurn> hyp = Diarizer.turns(file, a.windows(), labels,
              Diarizer.defaultNames(Diarizer.clusterCount(labels)), 0);
          table.put(new DerSetting(e.getKey(), distance), file, SCORED.score(reference.get(file), hyp, uem.get(file)),
              SKIPPED.score(reference.get(file), hyp, uem.get(file)));
        }
      }
    }
    return table;
  }

  /** The hypothesis turns of one audio file. */
  public List<SpeakerTurn> diarize(String file, String input, Diarizer diarizer) throws AudioDecodeException {
    VoiceAnalysis a = analyzer.analyse(input, 0, Double.POSITIVE_INFINITY, null, WindowCache.NONE);
    int[] labels = diarizer.labels(a);
    return Diarizer.turns(file, a.windows(), labels, Diarizer.defaultNames(Diarizer.clusterCount(labels)), 0);
  }

  /**
   * Identification result across two files.
   *
   * @param enrolled  speakers enrolled from the first file
   * @param tooShort  speakers of the first file refused (under 3 s of speech)
   * @param correct   segments of the second file named right
   * @param scored    segments scored (non-overlapped turns of 1 s or more of enrolled speakers)
   */
  public record Identification(List<String> enrolled, List<String> tooShort, int correct, int scored) {
  }

  /**
   * Enrols every speaker of {@code enrolFile} from all their non-overlapped speech, then names each non-overlapped
   * turn of at least {@code minSegmentS} of {@code testFile} spoken by an enrolled speaker (best voice, no threshold).
   */
  public Identification amiIdentification(Path amiDir, String enrolFile, String testFile, double minSegmentS)
      throws IOException, AudioDecodeException {
    Map<String, List<SpeakerTurn>> reference = amiReference(amiDir);
    Voicebank bank = new Voicebank();
    List<String> tooShort = new ArrayList<>();
    float[] enrolAudio = AudioDecoder.decode(amiDir.resolve(enrolFile + ".wav").toString()).samples();
    for (Map.Entry<String, List<double[]>> e : soloSpeech(reference.get(enrolFile)).entrySet()) {
      float[] samples = concat(enrolAudio, e.getValue());
      VoiceAnalysis a = analyzer.analyse(samples, null, WindowCache.NONE);
      try {
        bank.enrol(e.getKey(), enrolFile, a);
      } catch (EnrolmentException ex) {
        tooShort.add(e.getKey());
      }
    }
    List<String> enrolled = bank.voices().stream().map(v -> v.name()).toList();
    float[] testAudio = AudioDecoder.decode(amiDir.resolve(testFile + ".wav").toString()).samples();
    int correct = 0;
    int scored = 0;
    for (Map.Entry<String, List<double[]>> e : soloSpeech(reference.get(testFile)).entrySet()) {
      if (!enrolled.contains(e.getKey())) continue;
      for (double[] segment : e.getValue()) {
        if (segment[1] - segment[0] < minSegmentS) continue;
        float[] samples = concat(testAudio, List.of(segment));
        float[] embedding = analyzer.encoder().utterance(Partials.of(samples));
        VoiceMatch match = bank.best(embedding, -1);
        scored++;
        if (match != null && match.name().equals(e.getKey())) correct++;
      }
    }
    return new Identification(enrolled, tooShort, correct, scored);
  }

  private static Map<String, List<double[]>> amiUem(Path amiDir) throws IOException {
    Map<String, List<double[]>> uem = new LinkedHashMap<>();
    for (String u : List.of("debug.train.uem", "debug.development.uem")) uem.putAll(Rttm.readUem(amiDir.resolve(u)));
    return uem;
  }

  private static Map<String, List<SpeakerTurn>> amiReference(Path amiDir) throws IOException {
    Map<String, List<SpeakerTurn>> reference = new LinkedHashMap<>();
    reference.putAll(Rttm.read(amiDir.resolve("debug.train.rttm")));
    reference.putAll(Rttm.read(amiDir.resolve("debug.development.rttm")));
    return reference;
  }

  /** Each speaker's turns minus where another speaker talks, as intervals. */
  private static Map<String, List<double[]>> soloSpeech(List<SpeakerTurn> turns) {
    Map<String, List<double[]>> out = new LinkedHashMap<>();
    for (SpeakerTurn t : turns) {
      List<double[]> others = new ArrayList<>();
      for (SpeakerTurn o : turns) if (!o.speaker().equals(t.speaker())) others.add(new double[] {o.start(), o.end()});
      List<double[]> solo = Intervals.subtract(List.of(new double[] {t.start(), t.end()}), Intervals.union(others));
      out.computeIfAbsent(t.speaker(), k -> new ArrayList<>()).addAll(solo);
    }
    out.replaceAll((k, v) -> Intervals.union(v));
    return out;
  }

  private static float[] concat(float[] audio, List<double[]> intervals) {
    int total = 0;
    for (double[] i : intervals) total += Math.max(0, index(audio, i[1]) - index(audio, i[0]));
    float[] out = new float[total];
    int at = 0;
    for (double[] i : intervals) {
      int a = index(audio, i[0]);
      int n = Math.max(0, index(audio, i[1]) - a);
      System.arraycopy(audio, a, out, at, n);
      at += n;
    }
    return out;
  }

  private static int index(float[] audio, double seconds) {
    return (int) Math.max(0, Math.min(audio.length, Math.round(seconds * AudioDecoder.SAMPLE_RATE)));
  }
}
