package io.screenalytics.runtime.cpu;

import java.time.Duration;

/**
 * What a service used of its core quota over the governor's sliding window, as reported in status events
 * ({@code cpu_percent}, {@code threads}) and metrics.
 *
 * @param cpuPercent CPU of the service's threads over {@code window}, percent of one core (150 = 1.5 cores)
 * @param threads    threads the service owns now (Java and native)
 * @param quotaCores the service's core quota
 * @param window     the span {@code cpuPercent} was measured over (shorter just after start-up)
 * @param throttled  total time the governor has paused the service's consumption
 */
public record CpuUsage(double cpuPercent, int threads, double quotaCores, Duration window, Duration throttled) {}
