package io.screenalytics.vision.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal protobuf wire-format reader and writer, enough to edit ONNX {@code ModelProto} files without a
 * generated schema (https://protobuf.dev/programming-guides/encoding/). Not for general use.
 */
final class ProtoWire {

  static final int VARINT = 0;
  static final int I64 = 1;
  static final int LEN = 2;
  static final int I32 = 5;

  /**
   * One field of a message.
   *
   * @param number     field number
   * @param wireType   0 varint, 1 fixed64, 2 length-delimited, 5 fixed32
   * @param start      offset of the tag in the buffer
   * @param end        offset just past the field
   * @param valueStart offset of the payload (after the length for LEN fields)
   * @param varint     value of a varint field
   */
  record Field(int number, int wireType, int start, int end, int valueStart, long varint) {
  }

  private ProtoWire() {
  }

  /** Splits {@code buf[from, to)} into fields; throws {@link IllegalArgumentException} on malformed input. */
  static List<Field> parse(byte[] buf, int from, int to) {
    List<Field> fields = new ArrayList<>();
    int[] pos = {from};
    while (pos[0] < to) {
      int start = pos[0];
      long tag = readVarint(buf, pos, to);
      int number = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      long value = 0;
      int valueStart;
      switch (wire) {
        case VARINT -> {
          valueStart = pos[0];
          value = readVarint(buf, pos, to);
        }
        case I64 -> {
          valueStart = pos[0];
          pos[0] += 8;
        }
        case I32 -> {
          valueStart = pos[0];
          pos[0] += 4;
        }
        case LEN -> {
          long len = readVarint(buf, pos, to);
          valueStart = pos[0];
          if (len < 0 || len > to - valueStart) throw new IllegalArgumentException("Bad length " + len + " at " + start);
          pos[0] += (int) len;
        }
        default -> throw new IllegalArgumentException("Unsupported wire type " + wire + " at offset " + start);
      }
      if (number <= 0 || pos[0] > to) throw new IllegalArgumentException("Malformed field at offset " + start);
      fields.add(new Field(number, wire, start, pos[0], valueStart, value));
    }
    return fields;
  }

  static long readVarint(byte[] buf, int[] pos, int limit) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= limit) throw new IllegalArgumentException("Truncated varint at offset " + pos[0]);
      byte b = buf[pos[0]++];
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) return result;
    }
    throw new IllegalArgumentException("Varint too long at offset " + pos[0]);
  }

  /** The UTF-8 text of a LEN field. */
  static String string(byte[] buf, Field f) {
    return new String(buf, f.valueStart(), f.end() - f.valueStart(), StandardCharsets.UTF_8);
  }

  /** The first field with this number, or {@code null}. */
  static Field first(List<Field> fields, int number) {
    for (Field f : fields) if (f.number() == number) return f;
    return null;
  }

  /** Growing output buffer with protobuf encoders. */
  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Writer raw(byte[] buf, Field f) {
      out.write(buf, f.start(), f.end() - f.start());
      return this;
    }

    Writer varint(long v) {
      while ((v & ~0x7fL) != 0) {
        out.write((int) ((v & 0x7f) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
      return this;
    }

    Writer tag(int number, int wireType) {
      return varint(((long) number << 3) | wireType);
    }

    Writer bytes(int number, byte[] payload) {
      tag(number, LEN).varint(payload.length);
      out.write(payload, 0, payload.length);
      return this;
    }

    Writer string(int number, String s) {
      return bytes(number, s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toBytes() {
      return out.toByteArray();
    }
  }
}
