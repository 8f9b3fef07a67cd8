/** The episode folder ({@code episodes/<episode_id>/}): layout, writer and reader. */
package io.screenalytics.output.manifest;
