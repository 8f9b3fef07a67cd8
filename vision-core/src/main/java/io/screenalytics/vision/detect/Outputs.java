package io.screenalytics.vision.detect;

import io.screenalytics.vision.model.FloatTensor;
import io.screenalytics.vision.model.InferenceException;
import java.util.Arrays;
import java.util.Map;

/** Checked access to a detector's raw outputs by name. Stateless and thread-safe. */
final class Outputs {

  private Outputs() {
  }

  /**
   * The values of output {@code name}, checked to hold {@code rows * width} floats.
   *
   * @param family model family, for the message
   * @throws InferenceException naming the output, its shape and the expected one, when missing or mis-sized
   */
  static float[] require(Map<String, FloatTensor> outputs, String name, int rows, int width, String family) {
    FloatTensor t = outputs.get(name);
    if (t == null) throw new InferenceException(family + " output '" + name + "' is missing; got " + outputs.keySet());
    if (t.data().length != (long) rows * width) {
      throw new InferenceException(family + " output '" + name + "' has shape " + Arrays.toString(t.shape())
          + ", expected " + rows + " x " + width + " values for this input size");
    }
    return t.data();
  }
}
