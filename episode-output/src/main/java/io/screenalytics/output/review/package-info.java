/**
 * The review loop: a reviewer's decisions on an episode's identities (name, merge, split, reject), kept per episode
 * as a log in the artifact store ({@code episodes/<id>/decisions.json}, {@link DecisionLog}) and applied to every
 * assembly of the episode ({@link DecisionEdits}, through {@code IdentityEdits}); naming and rejecting also teach
 * the episode's facebank (seeds and rejections with their provenance), so later episodes matched against it
 * respect them. {@code io.screenalytics.output.EpisodeReview} is the one implementation of each decision, shared by the
 * command line and the review web application.
 */
package io.screenalytics.output.review;
