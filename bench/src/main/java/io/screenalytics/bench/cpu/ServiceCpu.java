package io.screenalytics.bench.cpu;

/**
 * What one service used of its quota during one run.
 *
 * @param service     service name
 * @param quota       its core quota, cores
 * @param mean        CPU of its threads from the push to the episode's end, cores
 * @param busyMean    CPU of its threads from its first to its last busy second (over a tenth of its quota), cores
 * @param peak1s      the highest 1 s average, cores
 * @param peak5s      the highest 5 s average, cores
 * @param maxThreads  the most threads it owned at once
 * @param pausedSecs  time the governor paused its threads, seconds (summed over threads)
 */
public record ServiceCpu(String service, double quota, double mean, double busyMean, double peak1s, double peak5s, int maxThreads,
    double pausedSecs) {}
