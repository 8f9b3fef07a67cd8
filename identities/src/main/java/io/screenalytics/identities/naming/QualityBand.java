package io.screenalytics.identities.naming;

/**
 * Face-quality bands and the cosine similarity a track of each band needs to take a name.
 *
 * <p>Quality is {@link io.screenalytics.identities.identity.FaceScore}: detector score times sharpness (Laplacian
 * variance {@code b} of the aligned 112x112 crop as {@code b / (b + 100)}), 0..1; a track's or unit's quality is the
 * mean over its embedded faces. A low-quality face has a lower cosine to its true identity: quality-aware recognition
 * learns this into the embedding (MagFace: Meng et al., "MagFace: A Universal Representation for Face Recognition and
 * Quality Assessment", CVPR 2021; AdaFace: Kim et al., "AdaFace: Quality Adaptive Margin for Face Recognition", CVPR
 * 2022); with a fixed embedder the same knowledge enters as a threshold per band.
 *
 * <p>Calibration ({@code screenalytics eval --quality}, {@code launcher/.../eval/QualityCalibration}): the 25 photos
 * of the 9 deepface identities, each as it is and with its face shrunk to 60, 50, 40, 30, 24 and 18 px and scaled
 * back up (175 probes, fr_feature, YuNet), every probe against every other photo as it is (the reference: a seed
 * photo, or a sharp named track):
 *
 * <pre>
 *   band    quality     probes  same pairs  diff pairs  same mean  same p10  diff p99  diff max  thr at FAR 1 %  TAR
 *   HIGH    &gt;= 0.5          51         157        1067      0.712     0.590     0.241     0.326           0.256  1.00
 *   MEDIUM  0.2 - 0.5       84         273        1743      0.578     0.372     0.238     0.381           0.239  0.99
 *   LOW     0.05 - 0.2      40         102         858      0.256     0.087     0.194     0.280           0.202  0.65
 * </pre>
 *
 * <p>Same-person similarity falls with quality (mean 0.71, 0.58, 0.26) and so does different-person similarity (the
 * threshold keeping 1 % of impostor pairs falls by 0.017 from HIGH to MEDIUM and by 0.054 from HIGH to LOW), so the
 * threshold is the setting {@code assembly.facebank.min.similarity} (0.28, measured on broadcast centroids against
 * seed photos) for HIGH, 0.02 lower for MEDIUM and 0.05 lower for LOW. No probe fell under quality 0.05 even with its
 * face shrunk to 18 px: faces below that (blurred background people, dark or flat crops) are {@link #UNUSABLE} and
 * never named. The same threshold holds for a seed photo and for a sharp track of the episode named before, both
 * being a good-quality reference face of the person.
 */
public enum QualityBand {
  /** quality &gt;= 0.5: sharp, frontal enough */
  HIGH(0.5, 0.0),
  /** 0.2 &lt;= quality &lt; 0.5 */
  MEDIUM(0.2, 0.02),
  /** 0.05 &lt;= quality &lt; 0.2: small, blurred or dark faces */
  LOW(0.05, 0.05),
  /** quality &lt; 0.05, or near-black crops: never named */
  UNUSABLE(Double.NEGATIVE_INFINITY, Double.NaN);

  private final double minQuality;
  private final double belowSetting;

  QualityBand(double minQuality, double belowSetting) {
    this.minQuality = minQuality;
    this.belowSetting = belowSetting;
  }

  /** The band of a quality 0..1; NaN is {@link #UNUSABLE}. */
  public static QualityBand of(double quality) {
    for (QualityBand b : values()) {
      if (quality >= b.minQuality) {
        return b;
      }
    }
    return UNUSABLE;
  }

  /** Lowest quality of the band, inclusive ({@code -Infinity} for {@link #UNUSABLE}). */
  public double minQuality() {
    return minQuality;
  }

  /**
   * The cosine a unit of this band needs to its evidence (a facebank seed or a named track of the episode).
   *
   * @param setting the threshold of high-quality faces, {@code assembly.facebank.min.similarity}
   * @return {@code setting} lowered by the band's calibrated offset; NaN for {@link #UNUSABLE}
   */
  public double threshold(double setting) {
    return Double.isNaN(belowSetting) ? Double.NaN : Math.round((setting - belowSetting) * 1e6) / 1e6;
  }
}
