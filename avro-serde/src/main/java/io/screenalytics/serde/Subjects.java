package io.screenalytics.serde;

/**
 * Confluent's topic-name strategy: the subject of a topic's values is {@code <topic>-value}, of its keys
 * {@code <topic>-key}. Stateless.
 */
public final class Subjects {

  private Subjects() {
  }

  /** The subject under which the schemas of {@code topic}'s keys ({@code isKey}) or values are registered. */
  public static String topicName(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}
