package io.screenalytics.runtime.metrics;

/**
 * Every metric a service publishes, in one place: its Micrometer name, kind, unit and meaning, and the name it
 * has on the Prometheus scrape ({@code /metrics}). Every meter carries the tag {@code service} (decoder,
 * detect-track, embed, assembly). Rates are the scraper's job: frames/s is {@code rate(screenalytics_frames_total[1m])}.
 *
 * <p>The runtime records all of them for every service except {@link #STAGE_LATENCY}, which a service's handlers
 * record for their own steps through {@link ServiceMetrics#stage(String)}. The process-wide JVM meters
 * ({@code jvm_*}, {@code process_cpu_usage}, {@code system_cpu_count}) are served beside them.
 */
public enum Metric {

  CONSUMED("screenalytics.consumed.records", Kind.COUNTER, "records", "screenalytics_consumed_records_total",
      "Records polled from the service's input topics; tag topic."),
  PRODUCED("screenalytics.produced.records", Kind.COUNTER, "records", "screenalytics_produced_records_total",
      "Records the service sent to its output topics (status events included); tag topic."),
  DEAD_LETTERED("screenalytics.deadlettered.records", Kind.COUNTER, "records",
      "screenalytics_deadlettered_records_total",
      "Records sent to the dead-letter topic; tags topic (where they came from) and stage (deserialize or handle)."),
  BATCH_SIZE("screenalytics.batch.records", Kind.DISTRIBUTION, "records", "screenalytics_batch_records",
      "Records per batch handed to the service's handler (count, sum and max)."),
  HANDLER_LATENCY("screenalytics.handler.latency", Kind.TIMER, "seconds", "screenalytics_handler_latency_seconds",
      "Time the handler took per batch that succeeded: the service's stage latency (count, sum and max)."),
  CONSUMER_LAG("screenalytics.consumer.lag.records", Kind.GAUGE, "records", "screenalytics_consumer_lag_records",
      "Records between the service's position and the end of its assigned partitions, summed; as of the last poll."),
  FRAMES("screenalytics.frames", Kind.COUNTER, "frames", "screenalytics_frames_total",
      "Video frames the service finished: Frame records the decoder published, or detect-track handled."),
  FACES("screenalytics.faces", Kind.COUNTER, "faces", "screenalytics_faces_total",
      "Faces in the records the service published: detected (FaceBatch) or embedded (FaceEmbeddings, skipped excluded)."),
  STAGE_LATENCY("screenalytics.stage.latency", Kind.TIMER, "seconds", "screenalytics_stage_latency_seconds",
      "Time of one step inside a service per item (tag step: decode, detect, track, align, embed, cluster, ...)."),
  CPU_USAGE("screenalytics.cpu.usage", Kind.GAUGE, "percent", "screenalytics_cpu_usage_percent",
      "CPU of the service's own threads (Java and native) over the governor's 10 s window; 100 = one core."),
  CPU_QUOTA("screenalytics.cpu.quota", Kind.GAUGE, "cores", "screenalytics_cpu_quota_cores",
      "The service's core quota (setting <service>.cpu.quota)."),
  CPU_THROTTLED("screenalytics.cpu.throttled", Kind.COUNTER, "seconds", "screenalytics_cpu_throttled_seconds_total",
      "Time the CPU governor paused the service's threads to hold its quota, summed over threads."),
  THREADS("screenalytics.threads", Kind.GAUGE, "threads", "screenalytics_threads",
      "Threads the service owns now: its named Java threads, the native threads they started, its Kafka client threads."),
  READY("screenalytics.service.ready", Kind.GAUGE, "boolean", "screenalytics_service_ready",
      "1 while the service is RUNNING (what /ready answers 200 for), else 0.");

  /** How a metric is recorded. */
  public enum Kind { COUNTER, GAUGE, TIMER, DISTRIBUTION }

  private final String meterName;
  private final Kind kind;
  private final String unit;
  private final String prometheusName;
  private final String description;

  Metric(String meterName, Kind kind, String unit, String prometheusName, String description) {
    this.meterName = meterName;
    this.kind = kind;
    this.unit = unit;
    this.prometheusName = prometheusName;
    this.description = description;
  }

  /** The Micrometer meter name, dot-separated. */
  public String meterName() {
    return meterName;
  }

  /** How it is recorded. */
  public Kind kind() {
    return kind;
  }

  /** The unit of its values. */
  public String unit() {
    return unit;
  }

  /** Its name on the Prometheus scrape (for a timer or distribution, the stem of _count, _sum and _max). */
  public String prometheusName() {
    return prometheusName;
  }

  /** What it measures. */
  public String description() {
    return description;
  }
}
