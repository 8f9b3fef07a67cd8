package io.screenalytics.voice.audio;

import java.util.Arrays;

/**
 * A growable {@code float} array. As an {@link AudioSink} it collects every sample it is given. Not thread-safe.
 */
public final class FloatList implements AudioSink {

  private float[] data;
  private int size;

  /** An empty list. */
  public FloatList() {
    this(1 << 12);
  }

  /** An empty list with room for {@code capacity} values before it grows. */
  public FloatList(int capacity) {
    data = new float[Math.max(1, capacity)];
  }

  @Override public void accept(float[] samples, int offset, int length) {
    ensure(length);
    System.arraycopy(samples, offset, data, size, length);
    size += length;
  }

  /** Appends one value. */
  public void add(float value) {
    ensure(1);
    data[size++] = value;
  }

  private void ensure(int more) {
    if (size + more > data.length) {
      data = Arrays.copyOf(data, Math.max(size + more, data.length * 2));
    }
  }

  /** Value at {@code i}, {@code 0 <= i < size()}. */
  public float get(int i) {
    if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i + " of " + size);
    return data[i];
  }

  /** Removes every value, keeping the capacity. */
  public void clear() {
    size = 0;
  }

  /** Number of values. */
  public int size() {
    return size;
  }

  /** The backing array (valid up to {@link #size()}; replaced when the list grows): read-only access. */
  public float[] array() {
    return data;
  }

  /** A copy of the values, {@code float[size()]}. */
  public float[] toArray() {
    return Arrays.copyOf(data, size);
  }
}
