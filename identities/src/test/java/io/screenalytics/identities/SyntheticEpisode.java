package io.screenalytics.identities;

import io.screenalytics.identities.episode.EpisodeInfo;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.ModelInfo;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.episode.TrackSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A constructed episode for tests: people are seeded random unit vectors in 512 dimensions, and each
 * face embedding is {@code normalise(person + s * u)} with {@code u} a random unit vector, which gives
 * a same-person cosine of about {@code 1 / (1 + s^2)} (0.76 at the default s = 0.56, the mean
 * measured for the project's embedders) and a different-person cosine near 0.
 */
public final class SyntheticEpisode {

  public static final int DIMS = 512;
  public static final double SAME_PERSON_NOISE = 0.56;
  public static final List<ModelInfo> MODELS = List.of(
      new ModelInfo(ModelInfo.DETECTOR, "yunet_s", "yunet/yunet_s_dynamic.onnx", "Apache-2.0", "aa11"),
      new ModelInfo(ModelInfo.EMBEDDER, "fr_feature", "faceplugin/fr_feature.onnx", "MIT", "bb22"));

  private final String episodeId;
  private final double fps;
  private final int stride;
  private final double durationS;
  private final Random random;
  private final Map<String, float[]> people = new HashMap<>();
  private final Map<Long, Integer> facesInFrame = new HashMap<>();
  private final List<FaceRecord> faces = new ArrayList<>();
  private final List<TrackRecord> tracks = new ArrayList<>();
  private double noise = SAME_PERSON_NOISE;

  public SyntheticEpisode(String episodeId, double fps, int stride, double durationS, long seed) {
    this.episodeId = episodeId;
    this.fps = fps;
    this.stride = stride;
    this.durationS = durationS;
    this.random = new Random(seed);
  }

  /** Noise scale for subsequent faces. */
  public SyntheticEpisode noise(double s) {
    this.noise = s;
    return this;
  }

  /** The base vector of {@code name}, created on first use. */
  public float[] person(String name) {
    return people.computeIfAbsent(name, k -> unit(gaussian()));
  }

  /** A track of {@code person} with faces at consecutive sampled frames {@code first..first+count-1}. */
  public SyntheticEpisode track(int trackId, String person, long firstSampled, int count) {
    long[] sampled = new long[count];
    for (int i = 0; i < count; i++) {
      sampled[i] = firstSampled + i;
    }
    return track(trackId, person, sampled);
  }

  /** A track of {@code person} (null: faces without embeddings) at the given sampled-frame numbers. */
  public SyntheticEpisode track(int trackId, String person, long... sampledFrames) {
    List<TrackSample> samples = new ArrayList<>();
    for (long s : sampledFrames) {
      long frame = s * stride;
      double ts = frame / fps;
      float[] box = {100f + trackId, 50f, 180f + trackId, 150f};
      float det = 0.6f + 0.3f * random.nextFloat();
      int inFrame = facesInFrame.merge(frame, 1, Integer::sum) - 1;
      float[] embedding = person == null ? null : noisy(person(person), noise);
      byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) trackId, (byte) s, (byte) 0xFF, (byte) 0xD9};
      faces.add(new FaceRecord(episodeId + ":" + frame + ":" + inFrame, frame, ts, trackId, box, det,
          40f, 50f + 200f * random.nextFloat(), embedding, person == null ? "too_small" : null, jpeg));
      samples.add(new TrackSample(frame, ts, box, det));
    }
    TrackSample first = samples.get(0);
    TrackSample last = samples.get(samples.size() - 1);
    float mean = (float) samples.stream().mapToDouble(TrackSample::detScore).average().orElse(0);
    tracks.add(new TrackRecord(trackId, first.frameIdx(), last.frameIdx(), first.ts(), last.ts(),
        samples, mean, "lost"));
    return this;
  }

  public EpisodeInfo info() {
    return new EpisodeInfo(episodeId, fps, stride, durationS, Math.round(durationS * fps / stride),
        List.of(12.5), "file:///videos/" + episodeId + ".mp4");
  }

  public List<FaceRecord> faces() {
    return List.copyOf(faces);
  }

  public List<TrackRecord> tracks() {
    return List.copyOf(tracks);
  }

  /** The episode's faces assembled without a facebank, at the default settings. */
  public AssemblyResult assemble() {
    return new EpisodeAssembler().assemble(info(), faces(), tracks(), Facebank.empty(), AssemblyConfig.defaults(),
        MODELS);
  }

  /** {@code normalise(base + s * u)}, u a random unit vector. */
  public float[] noisy(float[] base, double s) {
    float[] u = unit(gaussian());
    double[] v = new double[base.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = base[i] + s * u[i];
    }
    return unit(v);
  }

  /** A unit vector at exactly cosine {@code cos} from unit vector {@code base}. */
  public float[] atCosine(float[] base, double cos) {
    double[] g = gaussian();
    double proj = 0;
    for (int i = 0; i < g.length; i++) {
      proj += g[i] * base[i];
    }
    for (int i = 0; i < g.length; i++) {
      g[i] -= proj * base[i];
    }
    float[] orth = unit(g);
    double[] v = new double[base.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = cos * base[i] + Math.sqrt(1 - cos * cos) * orth[i];
    }
    return unit(v);
  }

  private double[] gaussian() {
    double[] g = new double[DIMS];
    for (int i = 0; i < DIMS; i++) {
      g[i] = random.nextGaussian();
    }
    return g;
  }

  private static float[] unit(double[] v) {
    double n = 0;
    for (double x : v) {
      n += x * x;
    }
    n = Math.sqrt(n);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / n);
    }
    return out;
  }
}
