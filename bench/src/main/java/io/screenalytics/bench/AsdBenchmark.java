package io.screenalytics.bench;

import io.screenalytics.asd.frontend.CropWindow;
import io.screenalytics.asd.frontend.FaceCrops;
import io.screenalytics.asd.frontend.Mfcc;
import io.screenalytics.asd.model.LightAsd;
import io.screenalytics.asd.model.Scoring;
import io.screenalytics.bench.cpu.CpuRecorder;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelKind;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.ModelSpec;
import io.screenalytics.vision.model.SessionSettings;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code bench/run asd [rounds]}: Light-ASD's cost per face frame, both models, 1 and 2 intra-op threads, interleaved
 * in one run (default 3 rounds, medians). Inputs are the reference talking head of
 * {@code shared/models/asd/reference/} (real crops and MFCC, 199 frames), scored as tracks of 25, 100 and 199 frames
 * in one pass, and of 199 frames averaged over the repository's pieces. Per configuration: wall ms and process CPU
 * ms (all threads, ONNX Runtime's pool included) per face frame. Then the front end: MFCC ms per second of audio and
 * face-crop ms per frame (a 1920x1080 frame, a 200-pixel face).
 */
public final class AsdBenchmark {

  private static final int[] LENGTHS = {25, 100, 199};

  private AsdBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    PrintStream out = System.out;
    Path shared = Path.of(System.getProperty("screenalytics.shared", "../shared"));
    ModelLocator models = ModelLocator.at(shared.resolve("models"));
    Path ref = shared.resolve("models/asd/reference");
    float[] mfcc = floats(ref.resolve("katie_hill.mfcc.f32"));
    byte[][] faces = crops(ref.resolve("katie_hill.faces.u8"));
    out.printf("CPU: %s, %d cores; Light-ASD on %d real face frames, %d rounds (medians)%n%n", CpuRecorder.cpuModel(),
        Runtime.getRuntime().availableProcessors(), faces.length, rounds);

    Map<String, LightAsd> sessions = new LinkedHashMap<>();
    for (ModelSpec spec : ModelCatalog.of(ModelKind.ACTIVE_SPEAKER)) {
      for (int threads : new int[] {1, 2}) {
        sessions.put(spec.name() + " " + threads + "t", LightAsd.open(models, spec, SessionSettings.cpu(threads)));
      }
    }
    try {
      List<String> configs = new ArrayList<>();
      Map<String, List<double[]>> samples = new LinkedHashMap<>();
      for (String name : sessions.keySet()) {
        for (int t : LENGTHS) configs.add(name + "|" + t + "|ONE_PASS");
        configs.add(name + "|" + faces.length + "|AVERAGED");
      }
      for (String c : configs) run(sessions, c, mfcc, faces); // warm-up: every shape once
      for (int r = 0; r < rounds; r++) {
        for (String c : configs) samples.computeIfAbsent(c, k -> new ArrayList<>()).add(run(sessions, c, mfcc, faces));
      }
      out.printf("%-24s %7s %10s %14s %14s%n", "model threads", "frames", "scoring", "wall ms/frame", "CPU ms/frame");
      for (String c : configs) {
        String[] p = c.split("\\|");
        out.printf("%-24s %7s %10s %14.2f %14.2f%n", p[0], p[1], p[2], median(samples.get(c), 0), median(samples.get(c), 1));
      }
    } finally {
      sessions.values().forEach(LightAsd::close);
    }

    double[] audio = new double[16_000 * 60];
    Random random = new Random(0);
    for (int i = 0; i < audio.length; i++) audio[i] = Math.round(random.nextGaussian() * 3000);
    Mfcc front = new Mfcc();
    front.compute(audio);
    long t0 = System.nanoTime();
    for (int r = 0; r < rounds; r++) front.compute(audio);
    double mfccMs = (System.nanoTime() - t0) / 1e6 / rounds / 60;
    BgrImage frame = new BgrImage(1920, 1080, new byte[1920 * 1080 * 3]);
    CropWindow window = new CropWindow(960, 540, 100);
    for (int i = 0; i < 50; i++) FaceCrops.crop(frame, window);
    t0 = System.nanoTime();
    int crops = 200 * rounds;
    for (int i = 0; i < crops; i++) FaceCrops.crop(frame, window);
    double cropMs = (System.nanoTime() - t0) / 1e6 / crops;
    out.printf("%nfront end: MFCC %.2f ms per second of audio; face crop %.3f ms per frame (1080p frame, 200 px face)%n",
        mfccMs, cropMs);
  }

  /** One scoring; returns {wall ms, process CPU ms} per face frame. */
  private static double[] run(Map<String, LightAsd> sessions, String config, float[] mfcc, byte[][] faces) {
    String[] p = config.split("\\|");
    int t = Integer.parseInt(p[1]);
    byte[][] track = Arrays.copyOf(faces, t);
    float[] audio = Arrays.copyOf(mfcc, t * LightAsd.MFCC_PER_FRAME * Mfcc.COEFFICIENTS);
    long cpu0 = processCpuNanos();
    long wall0 = System.nanoTime();
    int scored = sessions.get(p[0]).score(audio, track, Scoring.valueOf(p[2])).frames();
    double wall = (System.nanoTime() - wall0) / 1e6 / scored;
    double cpu = (processCpuNanos() - cpu0) / 1e6 / scored;
    return new double[] {wall, cpu};
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double median(List<double[]> values, int index) {
    double[] v = values.stream().mapToDouble(a -> a[index]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static float[] floats(Path file) throws java.io.IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / 4];
    b.asFloatBuffer().get(out);
    return out;
  }

  private static byte[][] crops(Path file) throws java.io.IOException {
    byte[] all = Files.readAllBytes(file);
    int size = FaceCrops.SIZE * FaceCrops.SIZE;
    byte[][] out = new byte[all.length / size][];
    for (int i = 0; i < out.length; i++) out[i] = Arrays.copyOfRange(all, i * size, (i + 1) * size);
    return out;
  }
}
