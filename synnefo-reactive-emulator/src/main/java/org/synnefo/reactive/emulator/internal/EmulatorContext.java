package org.synnefo.reactive.emulator.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a service factory receives: the shared state, the quota ledger, the configuration knobs that
 * concern more than one service, and a small registry through which one service family offers a
 * view to another (for example Pithos offers {@link ObjectLookup} so Plankton can check an image's
 * location) without the families depending on each other's classes.
 */
public final class EmulatorContext {

    private final EmulatorState state;
    private final QuotaLedger ledger;
    private final Duration stateDelay;
    private final Map<Class<?>, Object> registry = new ConcurrentHashMap<>();
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

    /**
     * @param state users, clock, block size and hash, data directory, public URL
     * @param ledger the quota ledger every service charges
     * @param stateDelay how long emulated asynchronous work (a server build, a port becoming ACTIVE, a
     *        volume becoming available) takes; {@link Duration#ZERO} makes transitions immediate
     */
    public EmulatorContext(EmulatorState state, QuotaLedger ledger, Duration stateDelay) {
        this.state = Objects.requireNonNull(state);
        this.ledger = Objects.requireNonNull(ledger);
        this.stateDelay = Objects.requireNonNull(stateDelay);
    }

    public EmulatorState state() { return state; }
    public QuotaLedger ledger() { return ledger; }
    public Duration stateDelay() { return stateDelay; }

    /** Offers a view of one service family to the others. */
    public <T> void register(Class<T> type, T implementation) {
        registry.put(type, implementation);
    }

    /**
     * Registers a resource a service holds (a journal file, a block store) to be closed when the
     * emulator closes, after the server has stopped accepting requests. Resources close in reverse
     * order of registration.
     */
    public synchronized void onClose(AutoCloseable resource) {
        closeables.push(Objects.requireNonNull(resource));
    }

    /**
     * Closes every registered resource, last registered first, each once; every one is attempted and
     * the first failure is rethrown (unchecked) with the others suppressed.
     */
    public void closeAll() {
        RuntimeException failure = null;
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                next = closeables.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the emulator failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A view offered by another service family, if it is mounted. */
    public <T> Optional<T> lookup(Class<T> type) {
        return Optional.ofNullable(type.cast(registry.get(type)));
    }
}
