/**
 * Track embeddings (quality-weighted means), average-linkage clustering with the same-frame
 * cannot-link rule, and thumbnail choice.
 */
package io.screenalytics.identities.identity;
