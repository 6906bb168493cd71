package org.synnefo.reactive.emulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One way of making the emulator misbehave on purpose: which requests it applies to (method, a regular
 * expression matched against the whole raw path, an occurrence window and a probability) and what
 * happens to them (optional latency, then an {@link Action}, or the normal answer when there is none).
 *
 * <p>The occurrence window counts the requests the rule matches, from 0: the first {@code skip}
 * matches are left alone, the next {@code times} are affected ({@code times < 0}: all of them). Within
 * the window each match is affected with probability {@code probability}, drawn from a
 * {@link java.util.Random} seeded with {@code seed}, so a run is reproducible for a given request
 * order. "Reset 5% of connections in the middle of the body" is
 * {@code FaultRule.builder().probability(0.05, 42).closeAfterBytes(1024).build()}.
 *
 * <p>Rules are checked in the order they were added; the first whose match fires wins. Requests under
 * the emulator's own admin prefix ({@code /_emulator}) are never affected.
 *
 * @param id the rule's id (assigned by the emulator when {@code null})
 * @param method the HTTP method to match (upper case), or {@code null} for any
 * @param path the pattern the whole raw path (without the query) must match, or {@code null} for any
 * @param skip how many matching requests to leave alone first
 * @param times how many matching requests after the skipped ones to affect; negative means unlimited
 * @param probability the chance, in [0, 1], that a match inside the window is affected
 * @param seed the seed of the random draws
 * @param latency a delay before the request is handled (or the action applied); {@link Duration#ZERO} for none
 * @param action what to do instead of (or to) the normal answer, or {@code null} to only add latency
 */
public record FaultRule(String id, String method, Pattern path, int skip, int times, double probability,
        long seed, Duration latency, Action action) {

    /** Validates the parameters. */
    public FaultRule {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative");
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1]");
        }
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        if (action == null && latency.isZero()) {
            throw new IllegalArgumentException("a rule needs an action or a latency");
        }
        method = method == null ? null : method.toUpperCase(java.util.Locale.ROOT);
    }

    /** A builder matching every request, always, with no action yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy with another id. */
    public FaultRule withId(String newId) {
        return new FaultRule(newId, method, path, skip, times, probability, seed, latency, action);
    }

    /** The action, if the rule has one. */
    public Optional<Action> actionIfAny() {
        return Optional.ofNullable(action);
    }

    /** True when the request's method and raw path match (the occurrence window is not considered). */
    public boolean matches(String requestMethod, String rawPath) {
        return (method == null || method.equalsIgnoreCase(requestMethod))
                && (path == null || path.matcher(rawPath).matches());
    }

    /** What a rule does to the requests it affects. */
    public sealed interface Action permits Respond, CloseConnection, CloseAfterBytes, TruncateBody {
    }

    /**
     * Answers with this status, headers and body instead of the real answer (for example 503 with
     * {@code Retry-After}). The body is sent as is, with a {@code Content-Length}.
     *
     * @param status the HTTP status
     * @param headers the response headers
     * @param body the response body, possibly empty
     */
    public record Respond(int status, Map<String, String> headers, String body) implements Action {
        /** Validates and copies. */
        public Respond {
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("bad status " + status);
            }
            headers = Map.copyOf(headers);
            body = body == null ? "" : body;
        }
    }

    /** Closes the connection without answering at all. */
    public record CloseConnection() implements Action {
    }

    /**
     * Handles the request normally but closes the connection after {@code bytes} bytes of the response
     * body (a connection reset in the middle of a download). A shorter body is sent whole, then the
     * connection is closed.
     *
     * @param bytes how many body bytes to send before closing
     */
    public record CloseAfterBytes(long bytes) implements Action {
        /** Validates. */
        public CloseAfterBytes {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must not be negative");
            }
        }
    }

    /**
     * Handles the request normally, keeps the real {@code Content-Length}, but sends {@code missingBytes}
     * fewer body bytes and then closes the connection (a truncated body).
     *
     * @param missingBytes how many bytes short of {@code Content-Length} the body is (at least 1)
     */
    public record TruncateBody(long missingBytes) implements Action {
        /** Validates. */
        public TruncateBody {
            if (missingBytes < 1) {
                throw new IllegalArgumentException("missingBytes must be at least 1");
            }
        }
    }

    /** Builds a {@link FaultRule}; every setter is optional except the action or latency. */
    public static final class Builder {
        private String id;
        private String method;
        private Pattern path;
        private int skip;
        private int times = -1;
        private double probability = 1.0;
        private long seed = 1L;
        private Duration latency = Duration.ZERO;
        private Action action;

        private Builder() {
        }

        /** The rule's id; by default the emulator assigns one. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Only requests with this method. */
        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /** Only requests whose whole raw path (no query) matches this regular expression. */
        public Builder path(String regex) {
            this.path = Pattern.compile(regex);
            return this;
        }

        /** Leave the first {@code n} matching requests alone. */
        public Builder skip(int n) {
            this.skip = n;
            return this;
        }

        /** Affect {@code n} matching requests (after the skipped ones), then stop; default unlimited. */
        public Builder times(int n) {
            this.times = n;
            return this;
        }

        /** Affect only the first matching request. */
        public Builder once() {
            return times(1);
        }

        /** Affect each match in the window with this probability, drawn from a Random seeded with {@code seed}. */
        public Builder probability(double p, long seed) {
            this.probability = p;
            this.seed = seed;
            return this;
        }

        /** Delay matching requests by this much before handling them (or applying the action). */
        public Builder latency(Duration latency) {
            this.latency = Objects.requireNonNull(latency);
            return this;
        }

        /** Answer with a status, headers and body. */
        public Builder respond(int status, Map<String, String> headers, String body) {
            this.action = new Respond(status, new LinkedHashMap<>(headers), body);
            return this;
        }

        /** Answer with a bare status and no body. */
        public Builder respond(int status) {
            return respond(status, Map.of(), "");
        }

        /** Close the connection before answering. */
        public Builder closeConnection() {
            this.action = new CloseConnection();
            return this;
        }

        /** Close the connection after this many bytes of the response body. */
        public Builder closeAfterBytes(long bytes) {
            this.action = new CloseAfterBytes(bytes);
            return this;
        }

        /** Send {@code missingBytes} fewer body bytes than {@code Content-Length} says, then close. */
        public Builder truncateBody(long missingBytes) {
            this.action = new TruncateBody(missingBytes);
            return this;
        }

        /** Any action. */
        public Builder action(Action action) {
            this.action = action;
            return this;
        }

        /** The rule. */
        public FaultRule build() {
            return new FaultRule(id, method, path, skip, times, probability, seed, latency, action);
        }
    }
}
