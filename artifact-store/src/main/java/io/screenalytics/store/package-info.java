/** S3-shaped artifact storage (keys with {@code /}) and its local-directory implementation. */
package io.screenalytics.store;
