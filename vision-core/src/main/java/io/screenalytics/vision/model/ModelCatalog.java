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

    private static final List<ModelSpec> ALL = List.of(YUNET_S_DYNAMIC, YUNET_N_DYNAMIC, FR_FEATURE, MOBILEFACENET);

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
