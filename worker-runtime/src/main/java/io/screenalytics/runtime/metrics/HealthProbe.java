package io.screenalytics.runtime.metrics;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How the health endpoints ask one service about its lifecycle.
 *
 * @param service service name
 * @param ready   true while it takes work ({@code /ready} answers 200 when every service of the endpoint is ready)
 * @param live    false once it has failed ({@code /live} answers 503 then, so an orchestrator restarts it)
 * @param state   its lifecycle state's name, for the response body
 */
public record HealthProbe(String service, BooleanSupplier ready, BooleanSupplier live, Supplier<String> state) {}
