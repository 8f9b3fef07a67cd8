package io.screenalytics.voice.testing;

import io.screenalytics.vision.model.ModelLocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the shared models, reference vectors and speech live in tests ({@code screenalytics.shared}). */
public final class VoiceData {

  private VoiceData() {
  }

  /** The shared directory. */
  public static Path shared() {
    String p = System.getProperty(ModelLocator.SHARED_PROPERTY);
    return p == null ? Paths.get("../shared").toAbsolutePath().normalize() : Paths.get(p);
  }

  /** A file under {@code shared/}. */
  public static Path file(String relative) {
    return shared().resolve(relative);
  }

  /** The models locator. */
  public static ModelLocator models() {
    return ModelLocator.at(shared().resolve("models"));
  }

  /** A raw little-endian float32 file of {@code models/voice/reference/}. */
  public static float[] reference(String name) throws IOException {
    byte[] bytes = Files.readAllBytes(file("models/voice/reference/" + name));
    float[] out = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /** A LibriSpeech utterance of the shared speech: speaker folder and file name. */
  public static String libri(String speaker, String file) {
    return file("media/audio/librispeech/" + speaker + "/" + file).toString();
  }
}
