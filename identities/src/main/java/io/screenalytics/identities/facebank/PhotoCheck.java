package io.screenalytics.identities.facebank;

import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.vision.pipeline.FaceEmbedding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Checks one person's enrolment photos against each other before any becomes a seed: web galleries hold group
 * photos (a co-star's face larger than the person's) and photos decades apart, and a seed taken from the wrong face
 * names the wrong people in every episode.
 *
 * <p>For each photo with several faces the face chosen is the one that the person's other photos resemble most: its
 * <i>support</i> is the median, over the other photos (and the person's seeds already enrolled from photos), of its
 * best cosine similarity to that photo's faces. A photo with one face keeps it. Then each chosen face's
 * <i>agreement</i> is the median cosine similarity to the other photos' chosen faces (and the enrolled seeds). A
 * photo is:
 * <ul>
 *   <li>{@link Verdict#ENROLLED} when its agreement reaches {@code minAgreement}, or when there is nothing to compare
 *       it with and it holds one face;
 *   <li>{@link Verdict#DISAGREES} when its chosen face's agreement is under {@code minAgreement} (a different person,
 *       or the person decades apart); left out unless the caller insists;
 *   <li>{@link Verdict#AMBIGUOUS} when it holds several faces and either no other photo can tell which is the
 *       person's, or none of them reaches {@code minAgreement}; left out unless the caller insists (then its largest
 *       face is taken, as enrolment did before the check);
 *   <li>{@link Verdict#NO_FACE} when no face with landmarks was found.
 * </ul>
 * With two photos that disagree both are left out: nothing says which is right.
 *
 * <p>{@link #DEFAULT_MIN_AGREEMENT} is the naming threshold for identities
 * ({@link MatchingConfig#DEFAULT_MIN_SIMILARITY}, 0.28): a photo that would not name an identity of its own person
 * from the person's other photos is not a seed of that person either. Measured on the web galleries of
 * {@code shared/media/real/galleries} with the default embedder (see the facebank docs).
 */
public final class PhotoCheck {

  /** Default least agreement, cosine similarity (see the class comment). */
  public static final double DEFAULT_MIN_AGREEMENT = MatchingConfig.DEFAULT_MIN_SIMILARITY;

  /** What the check says of a photo. */
  public enum Verdict { ENROLLED, DISAGREES, AMBIGUOUS, NO_FACE }

  /**
   * One photo with the faces found in it.
   *
   * @param photo the photo's path, for messages
   * @param faces every face with landmarks, embedded ({@code FacePipeline.embedAll})
   */
  public record Photo(Path photo, List<FaceEmbedding> faces) {
    public Photo {
      faces = List.copyOf(faces);
    }
  }

  /**
   * The check of one photo.
   *
   * @param photo    the photo
   * @param verdict  what the check says
   * @param face     the face taken (null for {@code NO_FACE}, and for {@code AMBIGUOUS} unless insisted)
   * @param where    the face's box, the photo's face count and its agreement (null without a face)
   * @param enrolled whether it becomes a seed (its verdict is {@code ENROLLED}, or the caller insisted)
   * @param reason   one line for people: why it was left out, or taken only because the caller insisted; null
   *                 for a plain {@code ENROLLED}
   */
  public record Checked(Photo photo, Verdict verdict, FaceEmbedding face, PhotoFace where, boolean enrolled,
      String reason) {}

  private PhotoCheck() {}

  /**
   * Checks one person's photos.
   *
   * @param person       the person's name, for messages
   * @param photos       the photos to enrol
   * @param enrolled     embeddings of the person's seeds already enrolled from photos ({@code float[D]} each), which
   *                     count as further photos with one face
   * @param minAgreement least agreement, cosine similarity
   * @param insist       enrol doubtful photos anyway (the largest face of an ambiguous one)
   * @return one check per photo, in the order given
   */
  public static List<Checked> check(String person, List<Photo> photos, List<float[]> enrolled, double minAgreement,
      boolean insist) {
    int n = photos.size();
    FaceEmbedding[] chosen = new FaceEmbedding[n];
    double[] support = new double[n];
    Arrays.fill(support, Double.NaN);
    for (int i = 0; i < n; i++) {
      List<FaceEmbedding> faces = photos.get(i).faces();
      if (faces.size() == 1) {
        chosen[i] = faces.get(0);
      } else if (faces.size() > 1) {
        for (FaceEmbedding f : faces) {
          double s = support(f.embedding(), photos, i, enrolled);
          if (!Double.isNaN(s) && (chosen[i] == null || s > support[i])) {
            chosen[i] = f;
            support[i] = s;
          }
        }
      }
    }
    List<Checked> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Photo p = photos.get(i);
      List<FaceEmbedding> faces = p.faces();
      if (faces.isEmpty()) {
        out.add(new Checked(p, Verdict.NO_FACE, null, null, false, "no face found"));
        continue;
      }
      if (faces.size() > 1 && (chosen[i] == null || support[i] < minAgreement)) {
        String why = String.format(Locale.ROOT, "%d faces found (%s)%s", faces.size(), sizes(faces),
            chosen[i] == null ? ", and no other photo of " + person + " to tell which is theirs"
                : String.format(Locale.ROOT, ", none like %s's other photos (best cosine %.2f < %.2f)", person,
                    support[i], minAgreement));
        FaceEmbedding largest = faces.stream().max(Comparator.comparingDouble(PhotoCheck::area)).orElseThrow();
        out.add(insist
            ? new Checked(p, Verdict.AMBIGUOUS, largest, where(largest, faces.size(), Double.NaN), true,
                why + "; its largest face taken as insisted")
            : new Checked(p, Verdict.AMBIGUOUS, null, null, false, why));
        continue;
      }
      double agreement = agreement(chosen[i].embedding(), chosen, i, enrolled);
      PhotoFace where = where(chosen[i], faces.size(), agreement);
      if (Double.isNaN(agreement) || agreement >= minAgreement) {
        out.add(new Checked(p, Verdict.ENROLLED, chosen[i], where, true, null));
      } else {
        String why = String.format(Locale.ROOT, "its face (%s px) is unlike %s's other photos (median cosine %.2f "
            + "< %.2f)", where.size(), person, agreement, minAgreement);
        out.add(new Checked(p, Verdict.DISAGREES, chosen[i], where, insist, insist ? why + "; taken as insisted"
            : why));
      }
    }
    return out;
  }

  /** Median over the other photos (and enrolled seeds) of the best cosine to that photo's faces; NaN if none. */
  private static double support(float[] e, List<Photo> photos, int self, List<float[]> enrolled) {
    List<Double> best = new ArrayList<>();
    for (int j = 0; j < photos.size(); j++) {
      if (j != self && !photos.get(j).faces().isEmpty()) {
        best.add(photos.get(j).faces().stream().mapToDouble(f -> cosine(e, f.embedding())).max().orElseThrow());
      }
    }
    enrolled.forEach(s -> best.add(cosine(e, s)));
    return median(best);
  }

  /** Median cosine to the other photos' chosen faces (and enrolled seeds); NaN if none. */
  private static double agreement(float[] e, FaceEmbedding[] chosen, int self, List<float[]> enrolled) {
    List<Double> sims = new ArrayList<>();
    for (int j = 0; j < chosen.length; j++) {
      if (j != self && chosen[j] != null) {
        sims.add(cosine(e, chosen[j].embedding()));
      }
    }
    enrolled.forEach(s -> sims.add(cosine(e, s)));
    return median(sims);
  }

  private static PhotoFace where(FaceEmbedding f, int faces, double agreement) {
    return new PhotoFace(f.detection().bboxXyxy().clone(), faces, agreement);
  }

  private static String sizes(List<FaceEmbedding> faces) {
    return faces.stream().sorted(Comparator.comparingDouble(PhotoCheck::area).reversed())
        .map(f -> where(f, 0, Double.NaN).size()).collect(Collectors.joining(", ")) + " px";
  }

  private static double area(FaceEmbedding f) {
    float[] b = f.detection().bboxXyxy();
    return (double) (b[2] - b[0]) * (b[3] - b[1]);
  }

  private static double median(List<Double> v) {
    if (v.isEmpty()) {
      return Double.NaN;
    }
    double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double cosine(float[] a, float[] b) {
    return Embeddings.cosine(a, b);
  }
}
