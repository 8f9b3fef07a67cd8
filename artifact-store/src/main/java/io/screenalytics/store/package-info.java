/**
 * S3-shaped artifact storage (keys with {@code /}): {@link io.screenalytics.store.ArtifactStore}, its local-directory
 * and S3 implementations, {@link io.screenalytics.store.StoreConfig} ({@code store.*} settings) and
 * {@link io.screenalytics.store.ArtifactStores} (open from settings, object URIs, fetching {@code s3://} inputs).
 */
package io.screenalytics.store;
