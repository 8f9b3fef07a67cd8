package io.screenalytics.vision.model;

import io.screenalytics.vision.model.ProtoWire.Field;
import java.util.List;

/** Test-only ONNX edits (OpenCV's DNN importer cannot read YuNet's dynamic input, so the reference gets a fixed one). */
public final class OnnxTestGraphs {

  private OnnxTestGraphs() {
  }

  /** The model with the shape of its first graph input replaced by the given fixed dimensions. */
  public static byte[] withFixedInputShape(byte[] model, long... dims) {
    ProtoWire.Writer out = new ProtoWire.Writer();
    for (Field f : ProtoWire.parse(model, 0, model.length)) {
      if (f.number() == 7) out.bytes(7, graph(model, f, dims));
      else out.raw(model, f);
    }
    return out.toBytes();
  }

  private static byte[] graph(byte[] buf, Field graph, long[] dims) {
    ProtoWire.Writer out = new ProtoWire.Writer();
    boolean done = false;
    for (Field f : ProtoWire.parse(buf, graph.valueStart(), graph.end())) {
      if (!done && f.number() == 11) {
        out.bytes(11, valueInfo(buf, f, dims));
        done = true;
      } else {
        out.raw(buf, f);
      }
    }
    return out.toBytes();
  }

  private static byte[] valueInfo(byte[] buf, Field vi, long[] dims) {
    List<Field> fields = ProtoWire.parse(buf, vi.valueStart(), vi.end());
    Field name = ProtoWire.first(fields, 1);
    Field type = ProtoWire.first(fields, 2);
    Field tensor = ProtoWire.first(ProtoWire.parse(buf, type.valueStart(), type.end()), 1);
    Field elem = ProtoWire.first(ProtoWire.parse(buf, tensor.valueStart(), tensor.end()), 1);
    ProtoWire.Writer shape = new ProtoWire.Writer();
    for (long d : dims) {
      byte[] dim = new ProtoWire.Writer().tag(1, ProtoWire.VARINT).varint(d).toBytes();
      shape.bytes(1, dim);
    }
    byte[] tensorType = new ProtoWire.Writer().tag(1, ProtoWire.VARINT).varint(elem.varint()).bytes(2, shape.toBytes()).toBytes();
    byte[] typeProto = new ProtoWire.Writer().bytes(1, tensorType).toBytes();
    return new ProtoWire.Writer().string(1, ProtoWire.string(buf, name)).bytes(2, typeProto).toBytes();
  }
}
