/** The cast facebank (seed embeddings per person), its JSON form, and matching of identities to it. */
package io.screenalytics.identities.facebank;
