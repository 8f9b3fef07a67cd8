package io.screenalytics.vision.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one ONNX Runtime session is configured. Fixed choices, measured in {@code shared/notes/PLATFORM.md}:
 * {@code ALL_OPT} graph optimisation, {@code SEQUENTIAL} execution, one inter-op thread and
 * {@code session.intra_op.allow_spinning=0}; what varies is here.
 *
 * @param intraOpThreads    intra-op threads of the session: the worker's core quota (at least 1)
 * @param executionProvider where to run; {@link ExecutionProvider#CPU} unless a GPU provider is explicitly wanted
 */
public record SessionSettings(int intraOpThreads, ExecutionProvider executionProvider) {

  /** Validates; throws {@link IllegalArgumentException} listing every problem. */
  public SessionSettings {
    List<String> problems = new ArrayList<>();
    if (intraOpThreads < 1) problems.add("intraOpThreads must be >= 1, was " + intraOpThreads);
    if (executionProvider == null) problems.add("executionProvider is required");
    if (!problems.isEmpty()) throw new IllegalArgumentException("Invalid session settings: " + String.join("; ", problems));
  }

  /** CPU with the given intra-op thread count (the core quota of the worker). */
  public static SessionSettings cpu(int intraOpThreads) {
    return new SessionSettings(intraOpThreads, ExecutionProvider.CPU);
  }

  /** The same settings with another provider. */
  public SessionSettings withProvider(ExecutionProvider provider) {
    return new SessionSettings(intraOpThreads, Objects.requireNonNull(provider, "provider"));
  }
}
