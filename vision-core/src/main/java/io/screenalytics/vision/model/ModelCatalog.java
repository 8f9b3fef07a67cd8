package io.screenalytics.vision.model;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The models bundled in the shared models directory ({@code shared/models}), with the hashes pinned in its
 * {@code SHA256SUMS} and the tensors and normalisation documented in its {@code MODELS.md}.
 * The files are never committed nor downloaded: {@link ModelLocator} finds them.
 */
public final class ModelCatalog {

  private static final float[] ZERO = {0f, 0f, 0f};
  private static final float[] ONE = {1f, 1f, 1f};
  private static final float[] MEAN_127 = {127f, 127f, 127f};
  private static final float[] STD_128 = {128f, 128f, 128f};
  private static final float[] MEAN_127_5 = {127.5f, 127.5f, 127.5f};
  private static final float[] RETINAFACE_MEAN_BGR = {104f, 117f, 123f};
  /** Licence of the InsightFace SCRFD weights (buffalo packs). */
  public static final String INSIGHTFACE_NON_COMMERCIAL = "InsightFace weights: non-commercial research only";
  /** What is known about the RetinaFace weights' licence. */
  public static final String NO_LICENCE_FILE = "no licence file: tests only";
  private static final List<String> YUNET_OUTPUTS = List.of(
      "cls_8", "cls_16", "cls_32", "obj_8", "obj_16", "obj_32",
      "bbox_8", "bbox_16", "bbox_32", "kps_8", "kps_16", "kps_32");

  /**
   * YuNet "s" with dynamic input {@code [1,3,H,W]}, raw BGR 0..255 (libfacedetection.train @ 0047ac24, Apache-2.0).
   * Default detector; the 640x640 input size is the default maximum long side, not a fixed shape.
   */
  public static final ModelSpec YUNET_S_DYNAMIC = new ModelSpec(
      "yunet_s_dynamic", "yunet/yunet_s_dynamic.onnx", "Apache-2.0",
      "daede24002cc8590f457998cc5e6c9e8b82f45f6bd969506a8913cd4ed10a2d3",
      640, 640, ZERO, ONE, ChannelOrder.BGR, "input", YUNET_OUTPUTS, 0);

  /** YuNet "n" (larger, batchable), same tensors as {@link #YUNET_S_DYNAMIC}. */
  public static final ModelSpec YUNET_N_DYNAMIC = new ModelSpec(
      "yunet_n_dynamic", "yunet/yunet_n_dynamic.onnx", "Apache-2.0",
      "104ee26c71d5c270ce79a6b3dced91c91013260d29a6bf18f9296c5b8c4c2b12",
      640, 640, ZERO, ONE, ChannelOrder.BGR, "input", YUNET_OUTPUTS, 0);

  /**
   * SCRFD-0.5GF (Guo et al. 2021; InsightFace buffalo_s {@code det_500m}): input {@code [1,3,H,W]}, RGB
   * {@code (x - 127.5) / 128}; outputs scores x3, boxes x3, landmarks x3 for strides 8/16/32 (declared for a
   * 640x640 input). {@value #INSIGHTFACE_NON_COMMERCIAL}: not the default detector.
   */
  public static final ModelSpec SCRFD_500M = new ModelSpec(
      "scrfd_500m", "scrfd/scrfd_500m.onnx", INSIGHTFACE_NON_COMMERCIAL,
      "5e4447f50245bbd7966bd6c0fa52938c61474a04ec7def48753668a9d8b4ea3a",
      640, 640, MEAN_127_5, STD_128, ChannelOrder.RGB, "input.1",
      List.of("443", "468", "493", "446", "471", "496", "449", "474", "499"), 0);

  /** SCRFD-2.5GF (InsightFace buffalo_m {@code det_2.5g}), same tensors as {@link #SCRFD_500M}. Non-commercial. */
  public static final ModelSpec SCRFD_2_5G = new ModelSpec(
      "scrfd_2.5g", "scrfd/scrfd_2.5g.onnx", INSIGHTFACE_NON_COMMERCIAL,
      "041f73f47371333d1d17a6fee6c8ab4e6aecabefe398ff32cca4e2d5eaee0af9",
      640, 640, MEAN_127_5, STD_128, ChannelOrder.RGB, "input.1",
      List.of("446", "466", "486", "449", "469", "489", "452", "472", "492"), 0);

  /**
   * RetinaFace MobileNet-0.25 (Deng et al. 2020; biubug6/Pytorch_Retinaface-style export): fixed input
   * {@code [1,3,640,640]}, BGR minus (104, 117, 123); outputs loc {@code [1,16800,4]}, conf {@code [1,16800,2]},
   * landmarks {@code [1,16800,10]}. {@value #NO_LICENCE_FILE}.
   */
  public static final ModelSpec RETINAFACE_MNET025 = new ModelSpec(
      "retinaface_mnet025", "retinaface/retinaface_mnet025.onnx", NO_LICENCE_FILE,
      "f8cce06cdfa5d2a07a8378c8cff4c4f33f0b00a3f24d9ef53042ff591a881eb7",
      640, 640, RETINAFACE_MEAN_BGR, ONE, ChannelOrder.BGR, "input0", List.of("output0", "572", "571"), 0);

  /**
   * faceplugin fr_feature: 112x112 aligned RGB crop, {@code (x - 127) / 128}, output {@code float[1][512]}
   * (npm {@code faceplugin-face-recognition-js@0.0.1}, MIT). Default embedder.
   */
  public static final ModelSpec FR_FEATURE = new ModelSpec(
      "fr_feature", "faceplugin/fr_feature.onnx", "MIT",
      "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581",
      112, 112, MEAN_127, STD_128, ChannelOrder.RGB, "input", List.of("output"), 512);

  /** MobileFaceNet: 112x112 aligned RGB crop, {@code (x - 127) / 128}, output {@code float[1][128]}. No licence file: tests only. */
  public static final ModelSpec MOBILEFACENET = new ModelSpec(
      "mobilefacenet", "mobilefacenet/mobilefacenet.onnx", "no licence file: tests only",
      "f055d9c9a4d826d198c42666590fdefa0fdc1374a75ccb6306c3d1b1bf8f74c5",
      112, 112, MEAN_127, STD_128, ChannelOrder.RGB, "input", List.of("output"), 128);

  private static final List<ModelSpec> ALL = List.of(YUNET_S_DYNAMIC, YUNET_N_DYNAMIC, SCRFD_500M, SCRFD_2_5G,
      RETINAFACE_MNET025, FR_FEATURE, MOBILEFACENET);

  private ModelCatalog() {
  }

  /** Every bundled model. */
  public static List<ModelSpec> all() {
    return ALL;
  }

  /** The default face detector, {@link #YUNET_S_DYNAMIC}. */
  public static ModelSpec defaultDetector() {
    return YUNET_S_DYNAMIC;
  }

  /** The default face embedder, {@link #FR_FEATURE} (512-d). */
  public static ModelSpec defaultEmbedder() {
    return FR_FEATURE;
  }

  /**
   * The bundled model with this name.
   *
   * @throws NoSuchElementException naming the known models when there is none
   */
  public static ModelSpec byName(String name) {
    return ALL.stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("No bundled model named '" + name + "'; known: "
            + ALL.stream().map(ModelSpec::name).toList()));
  }
}
