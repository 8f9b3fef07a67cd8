package io.screenalytics.schemas;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversions between the Java types the pipeline computes with and the types Avro's generated classes carry:
 * {@code bytes} fields are {@link ByteBuffer}s and {@code array<float>} fields are {@code List<Float>}.
 */
public final class AvroValues {

  private AvroValues() {}

  /** The remaining bytes of an Avro {@code bytes} value, copied; the buffer's position is left as it was. */
  public static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  /** An Avro {@code array<float>} as a {@code float[N]} (an embedding, a box {@code bbox_xyxy}, landmarks). */
  public static float[] floats(List<Float> xs) {
    float[] out = new float[xs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = xs.get(i);
    }
    return out;
  }

  /** A {@code float[N]} as an Avro {@code array<float>}. */
  public static List<Float> floatList(float[] xs) {
    List<Float> out = new ArrayList<>(xs.length);
    for (float x : xs) {
      out.add(x);
    }
    return out;
  }
}
