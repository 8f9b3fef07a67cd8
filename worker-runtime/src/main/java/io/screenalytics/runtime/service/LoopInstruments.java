package io.screenalytics.runtime.service;

import io.screenalytics.runtime.cpu.CpuGovernor;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.LoopObserver;
import io.screenalytics.runtime.metrics.ServiceMetrics;
import io.screenalytics.schemas.Topic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * What one consumer loop of a service reports to the service's governor and metrics: the governor may pause the
 * loop before each poll and after each emitted record; the metrics count what flows. One per loop.
 */
final class LoopInstruments implements LoopObserver {

  private final CpuGovernor governor;
  private final ServiceMetrics metrics;
  private volatile long lag;

  LoopInstruments(CpuGovernor governor, ServiceMetrics metrics) {
    this.governor = governor;
    this.metrics = metrics;
  }

  /** This loop's consumer lag as of its last poll, records. */
  long lag() {
    return lag;
  }

  @Override
  public void pausePoint() {
    governor.checkpoint();
  }

  @Override
  public void polled(ConsumerRecords<byte[], byte[]> records, long lag) {
    this.lag = lag;
    if (records.isEmpty()) {
      return;
    }
    Map<String, Integer> byTopic = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      byTopic.merge(tp.topic(), records.records(tp).size(), Integer::sum);
    }
    byTopic.forEach(metrics::consumed);
  }

  @Override
  public void handled(List<? extends Delivery<?>> batch, long nanos) {
    metrics.handled(batch, nanos);
  }

  @Override
  public void sent(Topic<?, ?> topic, Object value) {
    metrics.produced(topic, value);
  }

  @Override
  public void deadLettered(String topic, String stage) {
    metrics.deadLettered(topic, stage);
  }
}
