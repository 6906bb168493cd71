package org.synnefo.reactive.core.internal;

import static org.synnefo.reactive.core.SynnefoObservations.*;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.TimeUnit;
import org.synnefo.reactive.core.CallRejectedException;
import org.synnefo.reactive.core.SynnefoHttpException;
import org.synnefo.reactive.core.SynnefoObservations;
import org.synnefo.reactive.core.SynnefoTimeoutException;
import org.synnefo.reactive.core.SynnefoTransportException;
import org.synnefo.reactive.core.http.SynnefoRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;

/**
 * Observations and meters of operations and attempts; names and tag keys come from
 * {@link SynnefoObservations}. Costs nothing when both registries are off.
 */
final class Instrumentation {

    /** The Reactor context key Micrometer and Spring use for the current observation. */
    static final String CONTEXT_KEY = "micrometer.observation";

    /** Mutable status of one operation or attempt, written by the exchange. */
    static final class State {
        volatile int status = -1;
    }

    private final String service;
    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final boolean observing;

    Instrumentation(String service, ObservationRegistry observations, MeterRegistry meters) {
        this.service = service;
        this.observations = observations == null ? ObservationRegistry.NOOP : observations;
        this.meters = meters;
        this.observing = !this.observations.isNoop();
    }

    boolean enabled() {
        return observing || meters != null;
    }

    <T> Flux<T> operation(Flux<T> source, SynnefoRequest request, State state) {
        return observe(source, OPERATION, OPERATION_DURATION, request, state);
    }

    <T> Flux<T> attempt(Flux<T> source, SynnefoRequest request, State state) {
        return observe(source, ATTEMPT, ATTEMPT_DURATION, request, state);
    }

    void retry(SynnefoRequest request, Throwable failure) {
        if (meters != null) {
            Counter.builder(RETRIES)
                    .description("Retries scheduled after a transient failure")
                    .tags(Tags.of(SERVICE, service, OPERATION_NAME, request.operation(), METHOD,
                            request.method().name(), EXCEPTION, exceptionName(failure)))
                    .register(meters)
                    .increment();
        }
    }

    private <T> Flux<T> observe(Flux<T> source, String observationName, String timerName, SynnefoRequest request,
            State state) {
        if (!enabled()) {
            return source;
        }
        return Flux.deferContextual(ctx -> {
            long start = System.nanoTime();
            Observation obs = null;
            if (observing) {
                Observation parent = ctx.getOrDefault(CONTEXT_KEY, null);
                obs = Observation.createNotStarted(observationName, observations)
                        .contextualName(service + " " + request.operation())
                        .lowCardinalityKeyValue(SERVICE, service)
                        .lowCardinalityKeyValue(OPERATION_NAME, request.operation())
                        .lowCardinalityKeyValue(METHOD, request.method().name());
                if (parent != null) {
                    obs.parentObservation(parent);
                }
                obs.start();
            }
            Observation o = obs;
            Throwable[] error = new Throwable[1];
            Flux<T> f = source
                    .doOnError(e -> error[0] = BodyPhaseFailure.unwrap(e))
                    .doFinally(signal -> finish(o, timerName, request, state, error[0], signal, start));
            return o == null ? f : f.contextWrite(c -> c.put(CONTEXT_KEY, o));
        });
    }

    private void finish(Observation obs, String timerName, SynnefoRequest request, State state, Throwable error,
            SignalType signal, long start) {
        String status = statusOf(state, error);
        String outcome = signal == SignalType.CANCEL ? OUTCOME_CANCELLED : outcomeOf(error);
        String exception = exceptionName(error);
        if (obs != null) {
            obs.lowCardinalityKeyValues(KeyValues.of(STATUS, status, OUTCOME, outcome, EXCEPTION, exception));
            if (error != null) {
                obs.error(error);
            }
            obs.stop();
        }
        if (meters != null) {
            Timer.builder(timerName)
                    .tags(Tags.of(SERVICE, service, OPERATION_NAME, request.operation(), METHOD,
                            request.method().name(), STATUS, status, OUTCOME, outcome, EXCEPTION, exception))
                    .register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    static String statusOf(State state, Throwable error) {
        if (error instanceof SynnefoHttpException http) {
            return Integer.toString(http.status());
        }
        int s = state.status;
        return s < 0 ? NONE : Integer.toString(s);
    }

    static String outcomeOf(Throwable error) {
        if (error == null) {
            return OUTCOME_SUCCESS;
        }
        if (error instanceof SynnefoHttpException http) {
            return http.status() >= 500 ? OUTCOME_SERVER_ERROR : OUTCOME_CLIENT_ERROR;
        }
        if (error instanceof SynnefoTimeoutException) {
            return OUTCOME_TIMEOUT;
        }
        if (error instanceof SynnefoTransportException) {
            return OUTCOME_TRANSPORT_ERROR;
        }
        if (error instanceof CallRejectedException) {
            return OUTCOME_REJECTED;
        }
        return OUTCOME_UNKNOWN;
    }

    static String exceptionName(Throwable error) {
        return error == null ? NONE : BodyPhaseFailure.unwrap(error).getClass().getSimpleName();
    }
}
