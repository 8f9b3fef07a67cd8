package io.screenalytics.decoder.service;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Keys of chunk tasks ({@code Topics.DECODE_CHUNKS}) that spread an episode's chunks round-robin over the topic's
 * partitions, so the decoder group's members (each owning some partitions) share them evenly instead of as the
 * keys' hashes fall: the key of chunk {@code k} is {@code <episode_id>:<k>}, with a {@code #<n>} suffix when needed,
 * {@code n} the smallest that puts it on partition {@code (p0 + k) mod partitions}, {@code p0} the partition of
 * chunk 0's plain key. Kafka's producer sends a keyed record to {@code toPositive(murmur2(key bytes)) mod
 * partitions} (its built-in partitioner, {@code BuiltInPartitioner.partitionForKey}); keys are UTF-8 strings.
 * Stateless.
 */
final class ChunkKeys {

  private ChunkKeys() {}

  /**
   * @param episodeId  the episode
   * @param chunkIdx   the chunk, 0-based
   * @param partitions the topic's partition count, at least 1
   * @return the key, deterministic in its arguments
   * @throws IllegalArgumentException if {@code partitions} is below 1
   */
  static String key(String episodeId, int chunkIdx, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
    }
    int target = Math.floorMod(partition(episodeId + ":0", partitions) + chunkIdx, partitions);
    String plain = episodeId + ":" + chunkIdx;
    if (partition(plain, partitions) == target) {
      return plain;
    }
    for (int n = 1; ; n++) {
      String key = plain + "#" + n;
      if (partition(key, partitions) == target) {
        return key;
      }
    }
  }

  /** The partition Kafka's built-in partitioner gives a string key. */
  static int partition(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
