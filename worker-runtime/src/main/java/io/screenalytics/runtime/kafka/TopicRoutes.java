package io.screenalytics.runtime.kafka;

import io.screenalytics.schemas.Topic;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed dispatch for a handler that consumes several topics: each topic of the catalogue is routed once to a
 * method taking that topic's value type, and every record goes to the route of its value's type (each topic has
 * its own value type, so this is the record's topic; records built in memory, without a source position, route the
 * same way). Replaces an {@code instanceof} chain over {@code Object} values.
 *
 * <p>Built once per handler, then read only; used from the handler's loop thread.
 */
public final class TopicRoutes {

  /** What to do with one record of a topic whose values are {@code V}. */
  @FunctionalInterface
  public interface Route<V> {
    /**
     * @throws Exception any failure; the loop retries with backoff and then dead-letters
     */
    void accept(Delivery<V> record, Emitter out) throws Exception;
  }

  private record Entry<V>(Topic<String, V> topic, Route<V> route) {
    void accept(Delivery<Object> d, Emitter out) throws Exception {
      route.accept(new Delivery<>(d.key(), topic.valueType().cast(d.value()), d.source()), out);
    }
  }

  private final Map<Class<?>, Entry<?>> byValueType = new LinkedHashMap<>();

  /**
   * Routes the records of {@code topic} to {@code route}.
   *
   * @return this
   * @throws IllegalArgumentException when a topic with the same value type is routed already
   */
  public <V> TopicRoutes on(Topic<String, V> topic, Route<V> route) {
    if (byValueType.putIfAbsent(topic.valueType(), new Entry<>(topic, route)) != null) {
      throw new IllegalArgumentException("a route for " + topic.valueType().getSimpleName() + " values exists");
    }
    return this;
  }

  /**
   * Hands one record to its topic's route.
   *
   * @return false when no route takes the record's value type (the record is then left alone)
   * @throws Exception what the route throws
   */
  public boolean dispatch(Delivery<Object> record, Emitter out) throws Exception {
    Entry<?> entry = byValueType.get(record.value().getClass());
    if (entry == null) {
      return false;
    }
    entry.accept(record, out);
    return true;
  }
}
