package org.synnefo.reactive.core;

import java.time.Duration;

/**
 * An optional bulkhead (Resilience4j semaphore bulkhead) limiting concurrent calls per service, off by
 * default (the connection pool already bounds concurrency).
 *
 * @param maxConcurrentCalls calls allowed at once
 * @param maxWaitDuration how long a call may wait for a slot before failing
 */
public record BulkheadOptions(int maxConcurrentCalls, Duration maxWaitDuration) {
}
