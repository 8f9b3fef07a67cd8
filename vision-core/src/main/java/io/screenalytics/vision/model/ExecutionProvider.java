package io.screenalytics.vision.model;

/**
 * Where ONNX Runtime runs a model. CPU is the default and the only provider of the {@code onnxruntime} jar on
 * Linux; the others are attempted only when asked for and fail with a clear {@link ModelException} when the
 * runtime on the class path lacks them (CUDA needs {@code com.microsoft.onnxruntime:onnxruntime_gpu}, CoreML a
 * macOS build).
 */
public enum ExecutionProvider {
  /** The default CPU provider. */
  CPU,
  /** NVIDIA CUDA, device 0. */
  CUDA,
  /** Apple CoreML (macOS). */
  COREML
}
