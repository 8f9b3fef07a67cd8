/** On-demand benchmarks: one class per benchmark, named {@code <Name>Benchmark}, each with a {@code main}. */
package io.screenalytics.bench;
