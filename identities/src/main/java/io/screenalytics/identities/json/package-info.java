/** The single Jackson configuration (snake_case, deterministic bytes) shared by every file written. */
package io.screenalytics.identities.json;
