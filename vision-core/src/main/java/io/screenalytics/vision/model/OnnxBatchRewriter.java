package io.screenalytics.vision.model;

import io.screenalytics.vision.model.ProtoWire.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites an ONNX model whose batch dimension is fixed at 1 so that it accepts any batch, by editing the
 * protobuf directly (field numbers from {@code onnx/onnx.proto}; no ONNX library needed):
 * <ol>
 *   <li>graph inputs (not initialisers) and outputs whose dim 0 is {@code dim_value 1} get {@code dim_param "batch"}
 *       (ModelProto.graph=7, GraphProto.input=11/output=12, ValueInfoProto.type=2, TypeProto.tensor_type=1,
 *       Tensor.shape=2, TensorShapeProto.dim=1, Dimension.dim_value=1/dim_param=2);</li>
 *   <li>INT64 shape initialisers used only as the second input of {@code Reshape} nodes whose first value is a
 *       hard-coded 1 get 0 instead, which ONNX Reshape defines as "copy this dimension from the input"
 *       (so {@code (1, -1)} becomes {@code (0, -1)}, the usual flatten before the embedding head);</li>
 *   <li>intermediate {@code value_info} (GraphProto field 13) is dropped: it is optional and would pin batch 1.</li>
 * </ol>
 * The result is only a candidate: callers must check that batched outputs equal per-item outputs (a graph may
 * mix the batch into other dimensions in ways no static edit can see) and fall back otherwise.
 */
public final class OnnxBatchRewriter {

  /** Symbolic name given to the rewritten batch dimension. */
  public static final String BATCH_DIM = "batch";

  /**
   * What the rewrite changed.
   *
   * @param model             the rewritten ModelProto bytes
   * @param inputsRewritten   graph inputs whose dim 0 became symbolic
   * @param outputsRewritten  graph outputs whose dim 0 became symbolic
   * @param reshapesRewritten Reshape shape constants whose leading 1 became 0
   * @param valueInfoDropped  intermediate value_info entries removed
   */
  public record Result(byte[] model, int inputsRewritten, int outputsRewritten, int reshapesRewritten, int valueInfoDropped) {
    /** Whether the graph now has a symbolic batch on at least one input and one output. */
    public boolean changed() {
      return inputsRewritten > 0 && outputsRewritten > 0;
    }

    @Override public String toString() {
      return "inputs " + inputsRewritten + ", outputs " + outputsRewritten + ", reshapes " + reshapesRewritten
          + ", value_info dropped " + valueInfoDropped;
    }
  }

  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int GRAPH_INPUT = 11;
  private static final int GRAPH_OUTPUT = 12;
  private static final int GRAPH_VALUE_INFO = 13;
  private static final int NODE_INPUT = 1;
  private static final int NODE_OP_TYPE = 4;
  private static final int VALUE_INFO_NAME = 1;
  private static final int VALUE_INFO_TYPE = 2;
  private static final int TYPE_TENSOR = 1;
  private static final int TENSOR_TYPE_SHAPE = 2;
  private static final int SHAPE_DIM = 1;
  private static final int DIM_VALUE = 1;
  private static final int DIM_PARAM = 2;
  private static final int TENSOR_DIMS = 1;
  private static final int TENSOR_DATA_TYPE = 2;
  private static final int TENSOR_INT64_DATA = 7;
  private static final int TENSOR_NAME = 8;
  private static final int TENSOR_RAW_DATA = 9;
  private static final int ONNX_INT64 = 7;

  private int inputs;
  private int outputs;
  private int reshapes;
  private int valueInfo;

  private OnnxBatchRewriter() {
  }

  /**
   * Rewrites the batch dimension of a serialised ONNX ModelProto.
   *
   * @param model the bytes of an {@code .onnx} file
   * @return the rewritten bytes and what changed ({@link Result#changed()} is false when nothing was fixed at 1)
   * @throws IllegalArgumentException when the bytes are not a well-formed ModelProto
   */
  public static Result rewrite(byte[] model) {
    OnnxBatchRewriter r = new OnnxBatchRewriter();
    ProtoWire.Writer out = new ProtoWire.Writer();
    List<Field> fields = ProtoWire.parse(model, 0, model.length);
    if (ProtoWire.first(fields, MODEL_GRAPH) == null) throw new IllegalArgumentException("Not an ONNX model: no graph");
    for (Field f : fields) {
      if (f.number() == MODEL_GRAPH && f.wireType() == ProtoWire.LEN) out.bytes(MODEL_GRAPH, r.graph(model, f));
      else out.raw(model, f);
    }
    return new Result(out.toBytes(), r.inputs, r.outputs, r.reshapes, r.valueInfo);
  }

  private byte[] graph(byte[] buf, Field graph) {
    List<Field> fields = ProtoWire.parse(buf, graph.valueStart(), graph.end());
    Set<String> initializers = new HashSet<>();
    for (Field f : fields) {
      if (f.number() == GRAPH_INITIALIZER) initializers.add(nameOf(buf, f, TENSOR_NAME));
    }
    Set<String> reshapeShapes = reshapeOnlyShapes(buf, fields);
    ProtoWire.Writer out = new ProtoWire.Writer();
    for (Field f : fields) {
      switch (f.number()) {
        case GRAPH_INPUT -> {
          if (initializers.contains(nameOf(buf, f, VALUE_INFO_NAME))) out.raw(buf, f);
          else writeValueInfo(buf, f, out, true);
        }
        case GRAPH_OUTPUT -> writeValueInfo(buf, f, out, false);
        case GRAPH_VALUE_INFO -> valueInfo++;
        case GRAPH_INITIALIZER -> {
          byte[] shape = reshapeShapes.contains(nameOf(buf, f, TENSOR_NAME)) ? leadingOneToZero(buf, f) : null;
          if (shape == null) out.raw(buf, f);
          else {
            out.bytes(GRAPH_INITIALIZER, shape);
            reshapes++;
          }
        }
        default -> out.raw(buf, f);
      }
    }
    return out.toBytes();
  }

  /** Names used as the shape input of a Reshape and by no other node input. */
  private static Set<String> reshapeOnlyShapes(byte[] buf, List<Field> graph) {
    Set<String> shapes = new HashSet<>();
    Map<String, Integer> uses = new HashMap<>();
    Map<String, Integer> shapeUses = new HashMap<>();
    for (Field f : graph) {
      if (f.number() != GRAPH_NODE) continue;
      List<Field> node = ProtoWire.parse(buf, f.valueStart(), f.end());
      Field op = ProtoWire.first(node, NODE_OP_TYPE);
      boolean reshape = op != null && "Reshape".equals(ProtoWire.string(buf, op));
      int i = 0;
      for (Field in : node) {
        if (in.number() != NODE_INPUT) continue;
        String name = ProtoWire.string(buf, in);
        uses.merge(name, 1, Integer::sum);
        if (reshape && i == 1) shapeUses.merge(name, 1, Integer::sum);
        i++;
      }
    }
    shapeUses.forEach((name, n) -> {
      if (n.equals(uses.get(name))) shapes.add(name);
    });
    return shapes;
  }

  private void writeValueInfo(byte[] buf, Field vi, ProtoWire.Writer out, boolean input) {
    byte[] rewritten = rewriteNested(buf, vi, new int[] {VALUE_INFO_TYPE, TYPE_TENSOR, TENSOR_TYPE_SHAPE});
    if (rewritten == null) {
      out.raw(buf, vi);
      return;
    }
    out.bytes(vi.number(), rewritten);
    if (input) inputs++;
    else outputs++;
  }

  /** Follows {@code path} of LEN fields down to a TensorShapeProto and makes its dim 0 symbolic; null if unchanged. */
  private static byte[] rewriteNested(byte[] buf, Field msg, int[] path) {
    List<Field> fields = ProtoWire.parse(buf, msg.valueStart(), msg.end());
    if (path.length == 0) return symbolicFirstDim(buf, fields);
    ProtoWire.Writer out = new ProtoWire.Writer();
    boolean changed = false;
    for (Field f : fields) {
      byte[] inner = !changed && f.number() == path[0] && f.wireType() == ProtoWire.LEN
          ? rewriteNested(buf, f, Arrays.copyOfRange(path, 1, path.length)) : null;
      if (inner == null) out.raw(buf, f);
      else {
        out.bytes(f.number(), inner);
        changed = true;
      }
    }
    return changed ? out.toBytes() : null;
  }

  private static byte[] symbolicFirstDim(byte[] buf, List<Field> shape) {
    ProtoWire.Writer out = new ProtoWire.Writer();
    boolean first = true;
    boolean changed = false;
    for (Field f : shape) {
      if (first && f.number() == SHAPE_DIM) {
        first = false;
        Field value = ProtoWire.first(ProtoWire.parse(buf, f.valueStart(), f.end()), DIM_VALUE);
        if (value != null && value.varint() == 1) {
          out.bytes(SHAPE_DIM, new ProtoWire.Writer().string(DIM_PARAM, BATCH_DIM).toBytes());
          changed = true;
          continue;
        }
      }
      out.raw(buf, f);
    }
    return changed ? out.toBytes() : null;
  }

  /** A rank-1 INT64 tensor whose first value is 1, with that value set to 0; null when it does not match. */
  private static byte[] leadingOneToZero(byte[] buf, Field tensor) {
    List<Field> fields = ProtoWire.parse(buf, tensor.valueStart(), tensor.end());
    Field type = ProtoWire.first(fields, TENSOR_DATA_TYPE);
    if (type == null || type.varint() != ONNX_INT64) return null;
    int rank = 0;
    for (Field f : fields) {
      if (f.number() != TENSOR_DIMS) continue;
      rank += f.wireType() == ProtoWire.LEN ? countVarints(buf, f) : 1;
    }
    if (rank != 1) return null;
    byte[] copy = Arrays.copyOfRange(buf, tensor.valueStart(), tensor.end());
    int base = tensor.valueStart();
    Field raw = ProtoWire.first(fields, TENSOR_RAW_DATA);
    if (raw != null) {
      ByteBuffer values = ByteBuffer.wrap(copy, raw.valueStart() - base, raw.end() - raw.valueStart()).order(ByteOrder.LITTLE_ENDIAN);
      if (values.remaining() < 16 || values.getLong(values.position()) != 1L) return null;
      values.putLong(values.position(), 0L);
      return copy;
    }
    Field ints = ProtoWire.first(fields, TENSOR_INT64_DATA);
    if (ints == null) return null;
    // packed or not, the first varint is one byte (0x01) when it is 1, and 0 encodes in one byte too
    int at = ints.valueStart();
    if (at >= ints.end() || buf[at] != 1) return null;
    copy[at - base] = 0;
    return copy;
  }

  private static int countVarints(byte[] buf, Field packed) {
    int n = 0;
    for (int i = packed.valueStart(); i < packed.end(); i++) if ((buf[i] & 0x80) == 0) n++;
    return n;
  }

  private static String nameOf(byte[] buf, Field msg, int nameField) {
    Field name = ProtoWire.first(ProtoWire.parse(buf, msg.valueStart(), msg.end()), nameField);
    return name == null ? "" : ProtoWire.string(buf, name);
  }
}
