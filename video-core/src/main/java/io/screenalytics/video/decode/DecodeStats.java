package io.screenalytics.video.decode;

/**
 * Frame counts for one decoding run, all in frames. A snapshot: later decoding does not change it.
 *
 * @param framesDecoded frames the decoder produced (with {@link SamplingPolicy#FAST_STRIDE}, non-reference
 *     frames are never decoded and not counted)
 * @param framesConverted frames converted to BGR: the sampled ones (and any converted but not yet taken);
 *     frames in between are decoded but never converted
 * @param framesSampled frames handed to the caller
 * @param framesLost frames missing from the stream's timeline (see {@link DecodeWarning.Kind#FRAMES_LOST})
 * @param framesDamaged frames decoded with concealed errors (still used)
 * @param framesFailed decoded frames that could not be read or converted (skipped)
 */
public record DecodeStats(
    long framesDecoded,
    long framesConverted,
    long framesSampled,
    long framesLost,
    long framesDamaged,
    long framesFailed) {
}
