package io.screenalytics.vision.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session for one model: open one per worker, close it when the worker stops.
 *
 * <p>Lifetimes follow {@code shared/STYLE.md}: the {@link OrtEnvironment} is per process (ONNX Runtime's
 * singleton, never closed here), the session is per instance, tensors live for one {@link #run} call inside
 * try-with-resources. Session options per {@code shared/notes/PLATFORM.md}: {@code ALL_OPT}, {@code SEQUENTIAL},
 * inter-op 1, intra-op threads from {@link SessionSettings}, {@code session.intra_op.allow_spinning=0}.
 *
 * <p>Denormals are flushed for every model, whatever its role or origin: denormal weights are set to zero when
 * the model is loaded ({@link DenormalWeights}; the file's sha256 is checked on the bytes read from disk before),
 * and every computing thread runs with flush-to-zero and denormals-are-zero: ONNX Runtime's intra-op pool through
 * {@code session.set_denormal_as_zero}, and the thread that calls into the session (which computes too) through
 * {@link DenormalMode}. That flag must not leak onto threads running Java arithmetic, so each model owns one runner
 * thread that sets it, creates the session and executes every {@link #run} (the caller waits for it). The runner is
 * named {@code <creating thread>-onnx}, so a service's CPU accounting by thread name ({@code ThreadOwnership})
 * still counts it and the pool it starts.
 *
 * <p>Thread-safe: {@link #run} may be called from any thread; calls execute one at a time on the runner.
 * {@link #close()} waits for a running call.
 */
public final class OnnxModel implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OnnxModel.class);

  private final ModelSpec spec;
  private final OrtSession session;
  private final SessionSettings settings;
  private final ExecutorService runner;
  private final int flushedWeights;

  private OnnxModel(ModelSpec spec, OrtSession session, SessionSettings settings, ExecutorService runner,
            int flushedWeights) {
    this.spec = spec;
    this.session = session;
    this.settings = settings;
    this.runner = runner;
    this.flushedWeights = flushedWeights;
  }

  /** The process-wide ONNX Runtime environment (created on first use, logging at WARNING). */
  public static OrtEnvironment environment() {
    return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "screenalytics");
  }

  /**
   * Loads a model through the locator (which checks its SHA-256) and opens a session.
   *
   * @throws ModelNotFoundException  when the file is missing
   * @throws ModelIntegrityException when its hash differs from the spec's
   * @throws ModelException          when the provider is unavailable or the session cannot be created
   */
  public static OnnxModel open(ModelLocator locator, ModelSpec spec, SessionSettings settings) {
    return fromBytes(spec, locator.load(spec), settings);
  }

  /**
   * Opens a session on model bytes already read and verified (e.g. rewritten for batching).
   *
   * @throws ModelException when the provider is unavailable or ONNX Runtime rejects the graph
   */
  public static OnnxModel fromBytes(ModelSpec spec, byte[] modelBytes, SessionSettings settings) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(modelBytes, "modelBytes");
    Objects.requireNonNull(settings, "settings");
    DenormalWeights.Result flushed;
    try {
      flushed = DenormalWeights.flush(modelBytes);
    } catch (IllegalArgumentException e) {
      throw new ModelException("Model '" + spec.name() + "' (" + spec.relativePath() + ") is not a readable ONNX file: "
          + e.getMessage(), e);
    }
    if (flushed.flushed() > 0) {
      LOG.info("Model '{}': {} denormal weights flushed to zero", spec.name(), flushed.flushed());
    }
    String runnerName = Thread.currentThread().getName() + "-onnx";
    ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
      Thread t = new Thread(() -> {
        DenormalMode.flushOnThisThread();
        task.run();
      }, runnerName);
      t.setDaemon(true);
      return t;
    });
    try {
      OrtSession session = call(runner, () -> createSession(spec, flushed.model(), settings), spec);
      return new OnnxModel(spec, session, settings, runner, flushed.flushed());
    } catch (RuntimeException e) {
      runner.shutdownNow();
      throw e;
    }
  }

  /** Runs on the runner thread: ONNX Runtime sets flush-to-zero on it because it creates the session. */
  private static OrtSession createSession(ModelSpec spec, byte[] modelBytes, SessionSettings settings) {
    OrtEnvironment env = environment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setInterOpNumThreads(1);
      options.setIntraOpNumThreads(settings.intraOpThreads());
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.addConfigEntry("session.set_denormal_as_zero", "1");
      addProvider(spec, options, settings.executionProvider());
      OrtSession session = env.createSession(modelBytes, options);
      LOG.debug("Opened model '{}' ({}, {} intra-op threads)", spec.name(), settings.executionProvider(),
          settings.intraOpThreads());
      return session;
    } catch (OrtException e) {
      throw new ModelException("Cannot open model '" + spec.name() + "' (" + spec.relativePath() + ") on "
          + settings.executionProvider() + ": " + e.getMessage(), e);
    }
  }

  /** CPU of model calls made by each thread, nanoseconds, spent on the runner threads on its behalf. */
  private static final ThreadLocal<long[]> CALLER_CPU = ThreadLocal.withInitial(() -> new long[1]);
  private static final java.lang.management.ThreadMXBean THREAD_MX =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * The CPU time that model calls made by the calling thread have spent so far on the runner threads that execute
   * them (ONNX Runtime computes there, with one intra-op thread; more threads of its pool are not counted),
   * nanoseconds; the caller's own CPU excludes it. A step's CPU is the caller's thread CPU plus the change of this.
   */
  public static long callerModelCpuNanos() {
    return CALLER_CPU.get()[0];
  }

  private static long threadCpuNanos() {
    long n = THREAD_MX.getCurrentThreadCpuTime();
    return n < 0 ? 0 : n;
  }

  /** Executes {@code task} on the runner and waits; its runtime exceptions are rethrown as they are. */
  private static <T> T call(ExecutorService runner, Callable<T> work, ModelSpec spec) {
    Future<T> future;
    long[] charged = CALLER_CPU.get();
    Callable<T> task = () -> {
      long c0 = threadCpuNanos();
      try {
        return work.call();
      } finally {
        long used = threadCpuNanos() - c0;
        synchronized (charged) {
          charged[0] += used;
        }
      }
    };
    try {
      future = runner.submit(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      throw new InferenceException("Model '" + spec.name() + "' is closed", e);
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          // the native call cannot be abandoned half-way: wait for it, then restore the interrupt
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) throw re;
          if (e.getCause() instanceof Error err) throw err;
          throw new InferenceException("Model '" + spec.name() + "' failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  private static void addProvider(ModelSpec spec, OrtSession.SessionOptions options, ExecutionProvider provider)
      throws OrtException {
    if (provider == ExecutionProvider.CPU) return;
    OrtProvider wanted = provider == ExecutionProvider.CUDA ? OrtProvider.CUDA : OrtProvider.CORE_ML;
    EnumSet<OrtProvider> available = OrtEnvironment.getAvailableProviders();
    if (!available.contains(wanted)) {
      throw new ModelException("Execution provider " + provider + " was requested for model '" + spec.name()
          + "' but this ONNX Runtime build offers only " + available
          + (provider == ExecutionProvider.CUDA ? " (CUDA needs com.microsoft.onnxruntime:onnxruntime_gpu and CUDA 12)"
          : " (CoreML needs a macOS build)") + "; use CPU or install the provider");
    }
    if (provider == ExecutionProvider.CUDA) options.addCUDA(0);
    else options.addCoreML();
  }

  /** The spec this session was opened from. */
  public ModelSpec spec() {
    return spec;
  }

  /** The settings this session was opened with. */
  public SessionSettings settings() {
    return settings;
  }

  /** Number of denormal weights set to zero when this model was loaded ({@link DenormalWeights}). */
  public int flushedWeights() {
    return flushedWeights;
  }

  /** Names of the graph's inputs, in graph order. */
  public Set<String> inputNames() {
    return session.getInputNames();
  }

  /** Names of the graph's outputs, in graph order. */
  public Set<String> outputNames() {
    return session.getOutputNames();
  }

  /**
   * Declared shape of a graph input; {@code -1} marks a symbolic dimension (e.g. {@code [-1, 3, -1, -1]}).
   *
   * @throws InferenceException when the input does not exist
   */
  public long[] inputShape(String name) {
    try {
      NodeInfo info = session.getInputInfo().get(name);
      if (info == null || !(info.getInfo() instanceof TensorInfo t)) {
        throw new InferenceException("Model '" + spec.name() + "' has no tensor input '" + name + "'; inputs: "
            + session.getInputNames());
      }
      return t.getShape();
    } catch (OrtException e) {
      throw new InferenceException("Cannot read the inputs of model '" + spec.name() + "': " + e.getMessage(), e);
    }
  }

  /** Runs the model on its single input {@link ModelSpec#inputName()}; see {@link #run(Map)}. */
  public Map<String, FloatTensor> run(FloatTensor input) {
    return run(Map.of(spec.inputName(), input));
  }

  /**
   * Runs the model and copies every float output onto the Java heap; all native tensors are closed before
   * returning.
   *
   * @param inputs tensors by graph input name
   * @return outputs by name, in graph order
   * @throws InferenceException wrapping ONNX Runtime's error with the model name and input shapes
   */
  public Map<String, FloatTensor> run(Map<String, FloatTensor> inputs) {
    return run(inputs, Map.of());
  }

  /**
   * {@link #run(Map)} for graphs that also take int64 scalars (e.g. Silero VAD's sample rate {@code sr}): each is
   * fed as a scalar, or as {@code [1]} when the graph declares a rank-1 input.
   *
   * @param inputs       float tensors by graph input name
   * @param int64Scalars int64 values by graph input name
   * @throws InferenceException wrapping ONNX Runtime's error with the model name and input shapes
   */
  public Map<String, FloatTensor> run(Map<String, FloatTensor> inputs, Map<String, Long> int64Scalars) {
    return call(runner, () -> runHere(inputs, int64Scalars), spec);
  }

  private Map<String, FloatTensor> runHere(Map<String, FloatTensor> inputs, Map<String, Long> int64Scalars) {
    OrtEnvironment env = environment();
    Map<String, OnnxTensor> native_ = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, FloatTensor> in : inputs.entrySet()) {
        FloatTensor t = in.getValue();
        native_.put(in.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(t.data()), t.shape()));
      }
      for (Map.Entry<String, Long> in : int64Scalars.entrySet()) {
        native_.put(in.getKey(), inputShape(in.getKey()).length == 0
            ? OnnxTensor.createTensor(env, in.getValue().longValue())
            : OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {in.getValue()}), new long[] {1}));
      }
      try (OrtSession.Result result = session.run(native_)) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxValue> e : result) {
          if (!(e.getValue() instanceof OnnxTensor t)) {
            throw new InferenceException("Model '" + spec.name() + "' output '" + e.getKey() + "' is not a tensor");
          }
          FloatBuffer fb = t.getFloatBuffer();
          if (fb == null) {
            throw new InferenceException("Model '" + spec.name() + "' output '" + e.getKey() + "' is not float");
          }
          float[] data = new float[fb.remaining()];
          fb.get(data);
          out.put(e.getKey(), new FloatTensor(data, t.getInfo().getShape()));
        }
        return out;
      }
    } catch (OrtException | RuntimeException e) {
      if (e instanceof InferenceException ie) throw ie;
      throw new InferenceException("Inference failed in model '" + spec.name() + "' (" + spec.relativePath()
          + ") for input " + describe(inputs) + ": " + e.getMessage(), e);
    } finally {
      native_.values().forEach(OnnxTensor::close);
    }
  }

  private static String describe(Map<String, FloatTensor> inputs) {
    return inputs.entrySet().stream().map(e -> "'" + e.getKey() + "' shape " + Arrays.toString(e.getValue().shape()))
        .collect(Collectors.joining(", "));
  }

  /** Releases the session's native memory and stops the runner, after a call in progress. Idempotent. */
  @Override public void close() {
    synchronized (runner) {
      if (runner.isShutdown()) return;
      try {
        call(runner, () -> {
          session.close();
          return null;
        }, spec);
      } catch (RuntimeException e) {
        LOG.warn("Closing the session of model '{}' failed: {}", spec.name(), e.getMessage());
      } finally {
        runner.shutdown();
      }
    }
  }

  @Override public String toString() {
    return "OnnxModel[" + spec.name() + ", " + settings + "]";
  }
}
