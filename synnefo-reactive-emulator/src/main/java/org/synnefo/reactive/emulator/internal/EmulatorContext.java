package org.synnefo.reactive.emulator.internal;

import java.time.Duration;

/**
 * What a service factory receives: the shared state, the quota ledger, and the configuration knobs
 * that concern more than one service.
 *
 * @param state users, clock, block size and hash, data directory, public URL
 * @param ledger the quota ledger every service charges
 * @param stateDelay how long emulated asynchronous work (a server build, a port becoming ACTIVE, a
 *        volume becoming available) takes; {@link Duration#ZERO} makes transitions immediate, which is
 *        what tests want
 */
public record EmulatorContext(EmulatorState state, QuotaLedger ledger, Duration stateDelay) {
}
