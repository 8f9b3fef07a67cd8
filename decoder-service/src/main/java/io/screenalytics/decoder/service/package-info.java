/**
 * The decoder as a Kafka service: {@link io.screenalytics.decoder.service.DecoderConfig} (settings, validated
 * at start-up) and {@link io.screenalytics.decoder.service.DecoderHandlers} (one handler per worker; each
 * episode request becomes its frames on {@code screenalytics.frames} and status events on {@code
 * screenalytics.episodes.status}). Inputs may be local paths, {@code file:} URIs or {@code s3://} objects.
 */
package io.screenalytics.decoder.service;
