package io.screenalytics.vision.model;

import io.screenalytics.vision.model.ProtoWire.Field;
import java.util.List;

/**
 * Flushes denormal (subnormal) floating-point weights of a serialised ONNX ModelProto to signed zero, in place.
 *
 * <p>Why: arithmetic on denormals takes microcode assists on many x86 CPUs. {@code faceplugin/fr_feature.onnx}
 * holds 8,938 float32 weights below 1.18e-38 ({@code shared/models/MODELS.md}); on this project's Intel Xeon
 * (AVX-512) it ran at 68-75 ms per face on one thread against 18-21 ms with those weights flushed (outputs
 * identical) and 10-11 ms with flush-to-zero on the computing thread as well ({@link OnnxModel} does both).
 *
 * <p>What is visited (field numbers from {@code onnx/onnx.proto}): {@code ModelProto.graph} (7);
 * {@code GraphProto.initializer} (5) and {@code node} (1); {@code NodeProto.attribute} (5);
 * {@code AttributeProto.t} (5), {@code tensors} (8), {@code g} (6) and {@code graphs} (11), recursively (Constant
 * nodes and If/Loop bodies). In each {@code TensorProto} of {@code data_type} FLOAT (1) or DOUBLE (11), values in
 * {@code raw_data} (9, little-endian), {@code float_data} (4) and {@code double_data} (10), packed or not, whose
 * exponent bits are all zero and mantissa non-zero become zero of the same sign. Only value bytes change, never a
 * length, so the edit is done on a copy of the bytes without re-encoding any message. Tensors in external data
 * files are not visited.
 */
public final class DenormalWeights {

  /**
   * The flushed model and what changed.
   *
   * @param model   the bytes to load: the input array itself when nothing was flushed, else a modified copy
   * @param flushed number of denormal values set to zero
   * @param tensors number of float or double tensors inspected
   */
  public record Result(byte[] model, int flushed, int tensors) {
  }

  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int NODE_ATTRIBUTE = 5;
  private static final int ATTRIBUTE_T = 5;
  private static final int ATTRIBUTE_G = 6;
  private static final int ATTRIBUTE_TENSORS = 8;
  private static final int ATTRIBUTE_GRAPHS = 11;
  private static final int TENSOR_DATA_TYPE = 2;
  private static final int TENSOR_FLOAT_DATA = 4;
  private static final int TENSOR_RAW_DATA = 9;
  private static final int TENSOR_DOUBLE_DATA = 10;
  private static final int ONNX_FLOAT = 1;
  private static final int ONNX_DOUBLE = 11;

  private byte[] copy;
  private int flushed;
  private int tensors;

  private DenormalWeights() {
  }

  /**
   * Flushes every denormal float32/float64 weight of a model to zero.
   *
   * @param model the bytes of an {@code .onnx} file; never modified
   * @return the bytes to load (the same array when nothing was denormal) with counts
   * @throws IllegalArgumentException when the bytes are not a well-formed ModelProto
   */
  public static Result flush(byte[] model) {
    DenormalWeights w = new DenormalWeights();
    List<Field> fields = ProtoWire.parse(model, 0, model.length);
    Field graph = ProtoWire.first(fields, MODEL_GRAPH);
    if (graph == null || graph.wireType() != ProtoWire.LEN) throw new IllegalArgumentException("Not an ONNX model: no graph");
    w.graph(model, graph);
    return new Result(w.copy == null ? model : w.copy, w.flushed, w.tensors);
  }

  /** True for a float32 bit pattern that is subnormal (exponent 0, mantissa not 0). */
  public static boolean isDenormal(int floatBits) {
    return (floatBits & 0x7f800000) == 0 && (floatBits & 0x007fffff) != 0;
  }

  /** True for a float64 bit pattern that is subnormal. */
  public static boolean isDenormal(long doubleBits) {
    return (doubleBits & 0x7ff0000000000000L) == 0 && (doubleBits & 0x000fffffffffffffL) != 0;
  }

  private void graph(byte[] buf, Field graph) {
    for (Field f : ProtoWire.parse(buf, graph.valueStart(), graph.end())) {
      if (f.wireType() != ProtoWire.LEN) continue;
      if (f.number() == GRAPH_INITIALIZER) tensor(buf, f);
      else if (f.number() == GRAPH_NODE) node(buf, f);
    }
  }

  private void node(byte[] buf, Field node) {
    for (Field f : ProtoWire.parse(buf, node.valueStart(), node.end())) {
      if (f.number() == NODE_ATTRIBUTE && f.wireType() == ProtoWire.LEN) attribute(buf, f);
    }
  }

  private void attribute(byte[] buf, Field attribute) {
    for (Field f : ProtoWire.parse(buf, attribute.valueStart(), attribute.end())) {
      if (f.wireType() != ProtoWire.LEN) continue;
      switch (f.number()) {
        case ATTRIBUTE_T, ATTRIBUTE_TENSORS -> tensor(buf, f);
        case ATTRIBUTE_G, ATTRIBUTE_GRAPHS -> graph(buf, f);
        default -> { }
      }
    }
  }

  private void tensor(byte[] buf, Field tensor) {
    List<Field> fields = ProtoWire.parse(buf, tensor.valueStart(), tensor.end());
    Field type = ProtoWire.first(fields, TENSOR_DATA_TYPE);
    long dataType = type == null ? 0 : type.varint();
    if (dataType != ONNX_FLOAT && dataType != ONNX_DOUBLE) return;
    tensors++;
    for (Field f : fields) {
      boolean raw = f.number() == TENSOR_RAW_DATA && f.wireType() == ProtoWire.LEN;
      if (dataType == ONNX_FLOAT && (raw || f.number() == TENSOR_FLOAT_DATA)) floats(buf, f);
      else if (dataType == ONNX_DOUBLE && (raw || f.number() == TENSOR_DOUBLE_DATA)) doubles(buf, f);
    }
  }

  /** A packed run (LEN) or one unpacked value (I32) of little-endian float32. */
  private void floats(byte[] buf, Field f) {
    if (f.wireType() != ProtoWire.LEN && f.wireType() != ProtoWire.I32) return;
    for (int at = f.valueStart(); at + 4 <= f.end(); at += 4) {
      int bits = (buf[at] & 0xff) | (buf[at + 1] & 0xff) << 8 | (buf[at + 2] & 0xff) << 16 | (buf[at + 3] & 0xff) << 24;
      if (isDenormal(bits)) zero(buf, at, 4);
    }
  }

  /** A packed run (LEN) or one unpacked value (I64) of little-endian float64. */
  private void doubles(byte[] buf, Field f) {
    if (f.wireType() != ProtoWire.LEN && f.wireType() != ProtoWire.I64) return;
    for (int at = f.valueStart(); at + 8 <= f.end(); at += 8) {
      long bits = 0;
      for (int k = 7; k >= 0; k--) bits = bits << 8 | (buf[at + k] & 0xff);
      if (isDenormal(bits)) zero(buf, at, 8);
    }
  }

  /** Clears every bit but the sign of the little-endian value at {@code at} in the copy. */
  private void zero(byte[] original, int at, int width) {
    if (copy == null) copy = original.clone();
    for (int k = 0; k < width - 1; k++) copy[at + k] = 0;
    copy[at + width - 1] &= (byte) 0x80;
    flushed++;
  }
}
