package org.synnefo.reactive.core;

import java.time.Duration;

/**
 * An optional client-side rate limiter (Resilience4j), off by default.
 *
 * @param limitForPeriod calls allowed per period
 * @param limitRefreshPeriod the period
 * @param timeout how long a call may wait for permission before failing
 */
public record RateLimiterOptions(int limitForPeriod, Duration limitRefreshPeriod, Duration timeout) {
}
