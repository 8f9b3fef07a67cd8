/**
 * Episode assembly: groups an episode's face tracks into identities, names them from the cast
 * facebank, computes screen time and writes the episode folder. Pure Java, no Kafka or Avro: the
 * service's Kafka side adapts its messages to the records in {@code episode}.
 *
 * <p>Entry points: {@link io.screenalytics.identities.EpisodeAssembler} (compute),
 * {@link io.screenalytics.output.manifest.EpisodeManifestWriter} (write),
 * {@link io.screenalytics.output.manifest.EpisodeManifestReader} (read back for rescore),
 * {@link io.screenalytics.identities.screentime.ScreenTimeTable} (console output).
 */
package io.screenalytics.identities;
