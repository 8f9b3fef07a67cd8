/**
 * Decoding of one episode video into sampled BGR frames, with scene cuts marked. Pure decoding logic: no
 * Kafka, and the only package of the service that touches JavaCV/FFmpeg.
 *
 * <ul>
 *   <li>{@link io.screenalytics.decoder.decode.FrameSampler}: open a local file with
 *       {@link io.screenalytics.decoder.decode.DecodeSettings} (stride, {@link
 *       io.screenalytics.decoder.decode.SamplingPolicy}, decoder threads, long-side cap: kept frames are
 *       scaled down while they are converted to BGR) and iterate the sampled
 *       {@link io.screenalytics.decoder.decode.DecodedFrame}s; read {@link
 *       io.screenalytics.decoder.decode.DecodeStats} and {@link io.screenalytics.decoder.decode.DecodeWarning}s
 *       at the end.</li>
 *   <li>{@link io.screenalytics.decoder.decode.VideoSource}: the file itself (every decoded frame, and
 *       {@link io.screenalytics.decoder.decode.VideoInfo}).</li>
 *   <li>{@link io.screenalytics.decoder.decode.SceneCutDetector}: scene cuts (each on the first frame of the new
 *       shot) and fades, from a thumbnail of every decoded frame ({@link
 *       io.screenalytics.decoder.decode.FrameSampler#detectCuts}).</li>
 *   <li>{@link io.screenalytics.decoder.decode.VideoDecodeException}: bad input, with a reason.</li>
 * </ul>
 *
 * <p>Units: times in seconds on the file's timeline, sizes in pixels, indices and strides in source frames.
 */
package io.screenalytics.decoder.decode;
