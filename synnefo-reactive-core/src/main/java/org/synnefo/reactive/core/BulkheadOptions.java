package org.synnefo.reactive.core;

import java.time.Duration;

/**
 * An optional bulkhead (Resilience4j semaphore bulkhead) limiting concurrent calls per service, off by
 * default (the connection pool already bounds concurrency).
 *
 * @param maxConcurrentCalls calls allowed at once
 * @param maxWaitDuration how long a call may wait for a slot before failing with a
 *        {@link CallRejectedException} ({@code BULKHEAD_FULL}); the wait re-checks every 10 ms on a Reactor
 *        timer and never blocks a thread ({@link java.time.Duration#ZERO} fails at once)
 */
public record BulkheadOptions(int maxConcurrentCalls, Duration maxWaitDuration) {
}
