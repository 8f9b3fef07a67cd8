/**
 * Decoding of one episode video into sampled BGR frames, with scene cuts marked. Pure decoding logic: no
 * Kafka, and the only package of the service that touches JavaCV/FFmpeg.
 *
 * <ul>
 *   <li>{@link io.screenalytics.video.decode.FrameSampler}: open a local file with
 *       {@link io.screenalytics.video.decode.DecodeSettings} (stride, {@link
 *       io.screenalytics.video.decode.SamplingPolicy}, decoder threads, long-side cap: kept frames are
 *       scaled down while they are converted to BGR) and iterate the sampled
 *       {@link io.screenalytics.video.decode.DecodedFrame}s; read {@link
 *       io.screenalytics.video.decode.DecodeStats} and {@link io.screenalytics.video.decode.DecodeWarning}s
 *       at the end.</li>
 *   <li>{@link io.screenalytics.video.decode.VideoSource}: the file itself (every decoded frame, and
 *       {@link io.screenalytics.video.decode.VideoInfo}).</li>
 *   <li>{@link io.screenalytics.video.decode.SceneCutDetector}: scene cuts (each on the first frame of the new
 *       shot) and fades, from a thumbnail of every decoded frame ({@link
 *       io.screenalytics.video.decode.FrameSampler#detectCuts}).</li>
 *   <li>{@link io.screenalytics.video.decode.VideoDecodeException}: bad input, with a reason.</li>
 * </ul>
 *
 * <p>Units: times in seconds on the file's timeline, sizes in pixels, indices and strides in source frames.
 */
package io.screenalytics.video.decode;
