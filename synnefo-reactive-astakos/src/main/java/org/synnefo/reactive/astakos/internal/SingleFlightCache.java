package org.synnefo.reactive.astakos.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A concurrent cache of asynchronous values in which all the callers asking for a key while it loads share
 * one load (no stampede). A loaded value lives until the instant its {@code expiry} function gives; a
 * failed load is dropped at once, so the next caller tries again instead of seeing a cached error.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class SingleFlightCache<K, V> {

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Function<K, Mono<V>> loader;
    private final Function<V, Instant> expiry;
    private final Clock clock;

    /**
     * Creates a cache.
     *
     * @param loader loads the value of a key; subscribed at most once per load
     * @param expiry the instant after which a loaded value must be loaded again
     * @param clock the clock expiry is checked against
     */
    public SingleFlightCache(Function<K, Mono<V>> loader, Function<V, Instant> expiry, Clock clock) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The value of a key: the cached one while it is fresh, the one being loaded if a load is under way,
     * otherwise a new load. Lazy: nothing happens until subscription.
     *
     * @param key the key
     * @return the value
     */
    public Mono<V> get(K key) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Entry<V> entry = entries.compute(key,
                    (k, old) -> old != null && !old.isExpired(now) ? old : newEntry(k));
            return entry.value;
        });
    }

    /**
     * Drops the loaded value of a key, so that the next {@link #get} loads it again. A load under way is
     * left alone: callers already waiting for it, and those that come next, share its result, so that a
     * burst of rejections causes one reload, not one each.
     *
     * @param key the key
     */
    public void invalidate(K key) {
        entries.computeIfPresent(key, (k, old) -> old.isLoaded() ? null : old);
    }

    /**
     * Like {@link #invalidate(Object)}, but keeps a value loaded less than {@code minAge} ago: a burst of
     * rejections of requests sent before a reload must not throw away the value that reload just confirmed.
     *
     * @param key the key
     * @param minAge how old a loaded value must be to be dropped
     */
    public void invalidateIfOlderThan(K key, java.time.Duration minAge) {
        Instant limit = clock.instant().minus(minAge);
        entries.computeIfPresent(key, (k, old) -> old.isLoaded() && !old.loadedAt.isAfter(limit) ? null : old);
    }

    /** Drops every entry. */
    public void clear() {
        entries.clear();
    }

    /** @return how many keys have an entry (loaded or loading) */
    public int size() {
        return entries.size();
    }

    private Entry<V> newEntry(K key) {
        Entry<V> entry = new Entry<>();
        entry.value = Mono.defer(() -> loader.apply(key))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("cache loader completed empty")))
                .doOnNext(v -> {
                    entry.loadedAt = clock.instant();
                    entry.expiresAt = Objects.requireNonNull(expiry.apply(v), "expiry");
                })
                .doOnError(e -> entries.remove(key, entry))
                .cache();
        return entry;
    }

    private static final class Entry<V> {
        private volatile Mono<V> value;
        private volatile Instant loadedAt;
        private volatile Instant expiresAt;

        boolean isLoaded() {
            return expiresAt != null;
        }

        boolean isExpired(Instant now) {
            Instant e = expiresAt;
            return e != null && !now.isBefore(e);
        }
    }
}
