/**
 * Built-in checks of the face path on labelled photos: pair verification (ROC AUC, equal error rate,
 * best-accuracy threshold) and facebank identification accuracy, through the same detect-align-embed
 * path ({@code FacePipeline}) and cast matching ({@code FacebankMatcher}) as episodes.
 */
package io.screenalytics.launcher.eval;
