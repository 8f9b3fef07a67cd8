package io.screenalytics.vision.model;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flush-to-zero (FTZ) and denormals-are-zero (DAZ) for the calling thread, on Linux x86-64.
 *
 * <p>Why not ONNX Runtime's {@code session.set_denormal_as_zero}: ONNX Runtime applies it to the creating thread
 * only for the first session of the process ({@code std::call_once} in {@code InferenceSession::Initialize}) and
 * otherwise to its own pool threads; the thread that calls {@code run} also computes (it is one of the intra-op
 * threads). Measured here (Intel Xeon, AVX-512, fr_feature, one intra-op thread): 74.5 ms per face with or without
 * the entry once another session came first, 20.7 ms with the denormal weights flushed, and with this flag set on
 * the computing thread about half of that again (issue 20's closing note has the figures).
 *
 * <p>How: glibc's {@code fegetenv} / {@code fesetenv} through JNA, setting MXCSR bits 15 (FZ) and 6 (DAZ) in
 * {@code fenv_t.__mxcsr} (byte offset 28 of the x86-64 {@code fenv_t}; glibc's {@code fesetenv} loads it with
 * {@code ldmxcsr}). HotSpot does not restore MXCSR after native calls unless {@code -XX:+RestoreMXCSROnJNICalls},
 * so the flags stay on the thread. Java arithmetic on that thread would flush denormals too, so only threads that
 * do nothing but run models (the runner of {@link OnnxModel}) may call it.
 *
 * <p>On other platforms it does nothing and says so once; weights are flushed at load everywhere
 * ({@link DenormalWeights}).
 */
public final class DenormalMode {

  /** MXCSR flush-to-zero bit (Intel SDM vol. 1, 10.2.3). */
  static final int MXCSR_FTZ = 1 << 15;
  /** MXCSR denormals-are-zero bit (Intel SDM vol. 1, 10.2.3). */
  static final int MXCSR_DAZ = 1 << 6;
  /** Byte offset of {@code __mxcsr} in glibc's x86-64 {@code fenv_t} (28-byte x87 environment first). */
  private static final int FENV_MXCSR_OFFSET = 28;
  /** Size of glibc's x86-64 {@code fenv_t}. */
  private static final int FENV_SIZE = 32;

  private static final Logger LOG = LoggerFactory.getLogger(DenormalMode.class);
  private static final LibM LIBM = load();

  /** The two glibc functions used. */
  interface LibM extends Library {
    int fegetenv(byte[] env);

    int fesetenv(byte[] env);
  }

  private DenormalMode() {
  }

  private static LibM load() {
    if (!Platform.isLinux() || !Platform.isIntel() || !Platform.is64Bit()) {
      LOG.info("Flush-to-zero for model threads is set only on Linux x86-64; here denormal weights are flushed at "
          + "load only");
      return null;
    }
    try {
      return Native.load(Platform.MATH_LIBRARY_NAME, LibM.class);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      LOG.warn("Cannot load {} for flush-to-zero ({}); denormal weights are flushed at load only",
          Platform.MATH_LIBRARY_NAME, e.getMessage());
      return null;
    }
  }

  /** Whether this platform supports {@link #flushOnThisThread()}. */
  public static boolean supported() {
    return LIBM != null;
  }

  /**
   * Sets FTZ and DAZ on the calling thread. Call only on a thread that runs native model code and no Java
   * floating-point arithmetic that needs denormals.
   *
   * @return true when both flags are now set, false where unsupported or when glibc refused
   */
  public static boolean flushOnThisThread() {
    if (LIBM == null) return false;
    byte[] env = new byte[FENV_SIZE];
    if (LIBM.fegetenv(env) != 0) return false;
    int mxcsr = mxcsrOf(env) | MXCSR_FTZ | MXCSR_DAZ;
    for (int k = 0; k < 4; k++) env[FENV_MXCSR_OFFSET + k] = (byte) (mxcsr >>> (8 * k));
    return LIBM.fesetenv(env) == 0 && onThisThread();
  }

  /** Whether FTZ and DAZ are both set on the calling thread (false where unsupported). */
  public static boolean onThisThread() {
    if (LIBM == null) return false;
    byte[] env = new byte[FENV_SIZE];
    if (LIBM.fegetenv(env) != 0) return false;
    int mxcsr = mxcsrOf(env);
    return (mxcsr & MXCSR_FTZ) != 0 && (mxcsr & MXCSR_DAZ) != 0;
  }

  private static int mxcsrOf(byte[] env) {
    int v = 0;
    for (int k = 3; k >= 0; k--) v = v << 8 | (env[FENV_MXCSR_OFFSET + k] & 0xff);
    return v;
  }
}
