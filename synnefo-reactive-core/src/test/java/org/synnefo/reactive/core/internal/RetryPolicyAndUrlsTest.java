package org.synnefo.reactive.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.CallRejectedException;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.RetryOptions;
import org.synnefo.reactive.core.ServerErrorException;
import org.synnefo.reactive.core.SynnefoTimeoutException;
import org.synnefo.reactive.core.TooManyRequestsException;

class RetryPolicyAndUrlsTest {

    private static final RetryOptions OPTS = RetryOptions.defaults(); // 4 attempts, 200 ms .. 5 s, jitter 0.5

    @Test
    void backoffIsExponentialCappedAndJittered() {
        RetryOptions noJitter = OPTS.withJitter(0);
        assertThat(RetryPolicy.backoff(noJitter, 0, 0.7)).isEqualTo(Duration.ofMillis(200));
        assertThat(RetryPolicy.backoff(noJitter, 1, 0.7)).isEqualTo(Duration.ofMillis(400));
        assertThat(RetryPolicy.backoff(noJitter, 4, 0.7)).isEqualTo(Duration.ofMillis(3200));
        assertThat(RetryPolicy.backoff(noJitter, 5, 0.7)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryPolicy.backoff(noJitter, 1000, 0.7)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryPolicy.backoff(OPTS, 0, 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(RetryPolicy.backoff(OPTS, 0, 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(RetryPolicy.backoff(OPTS, 10, 0.999)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryPolicy.backoff(OPTS, 10, 0.0)).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void onlyTransientFailuresAreRetriedUpToMaxAttemptsHonouringRetryAfter() {
        ServerErrorException unavailable = new ServerErrorException(503, null, "busy", "", "GET", "u", null);
        assertThat(RetryPolicy.nextDelay(OPTS, 0, unavailable, 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(RetryPolicy.nextDelay(OPTS, 2, unavailable, 0.5)).isEqualTo(Duration.ofMillis(800));
        assertThat(RetryPolicy.nextDelay(OPTS, 3, unavailable, 0.5)).as("4 attempts made").isNull();
        assertThat(RetryPolicy.nextDelay(OPTS, 0,
                new ServerErrorException(500, null, "bug", "", "GET", "u", null), 0.5)).isNull();
        assertThat(RetryPolicy.nextDelay(OPTS, 0, new NotFoundException(null, "x", "", "GET", "u"), 0.5)).isNull();
        assertThat(RetryPolicy.nextDelay(OPTS, 0, new SynnefoTimeoutException("t", "GET", "u", null), 0.5))
                .isNotNull();
        assertThat(RetryPolicy.nextDelay(OPTS, 0, new CallRejectedException(CallRejectedException.Reason.CIRCUIT_OPEN,
                "s", "open", null), 0.5)).isNull();
        assertThat(RetryPolicy.nextDelay(OPTS, 0,
                new TooManyRequestsException(null, "slow", "", "GET", "u", Duration.ofSeconds(12)), 0.5))
                .isEqualTo(Duration.ofSeconds(12));
        assertThat(RetryPolicy.nextDelay(OPTS, 0,
                new TooManyRequestsException(null, "slow", "", "GET", "u", Duration.ofSeconds(31)), 0.5)).isNull();
        assertThat(RetryPolicy.nextDelay(OPTS, 0, new IllegalStateException("not ours"), 0.5)).isNull();
    }

    @Test
    void urlsAreJoinedAndRedacted() {
        assertThat(Urls.redact("https://h/v1/a?X-Auth-Token=abc&format=json"))
                .isEqualTo("https://h/v1/a?X-Auth-Token=<redacted>&format=json");
        assertThat(Urls.redact("https://h/v1/a?format=json&x-auth-token=abc"))
                .isEqualTo("https://h/v1/a?format=json&x-auth-token=<redacted>");
        assertThat(Urls.redact("https://user:pw@h/v1?a")).isEqualTo("https://<redacted>@h/v1?a");
        assertThat(Urls.redact("https://h/v1/tokens?format=json")).isEqualTo("https://h/v1/tokens?format=json");
    }
}
