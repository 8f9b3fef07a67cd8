/** Screen time per identity from sampled frames, and its console table. */
package io.screenalytics.identities.screentime;
