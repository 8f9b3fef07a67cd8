/**
 * Plain input records of assembly (faces, tracks, episode and model information), the episode id
 * validator, and {@link io.screenalytics.identities.episode.EpisodeIndex}, which de-duplicates and
 * indexes them.
 */
package io.screenalytics.identities.episode;
