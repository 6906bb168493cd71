package org.synnefo.reactive.pithos.transfer;

import java.util.Objects;

/**
 * An element of a transfer's event stream ({@code uploadObjectWithProgress},
 * {@code downloadObjectWithProgress}): progress snapshots, then exactly one {@link Completed} with the
 * result as the last element before completion (or an error instead).
 *
 * @param <R> the result type
 */
public sealed interface TransferEvent<R> permits TransferEvent.Progress, TransferEvent.Completed {

    /**
     * A progress snapshot.
     *
     * @param progress the snapshot
     * @param <R> the result type
     */
    record Progress<R>(TransferProgress progress) implements TransferEvent<R> {
        /** Validates. */
        public Progress {
            Objects.requireNonNull(progress, "progress");
        }
    }

    /**
     * The transfer finished.
     *
     * @param result the result
     * @param <R> the result type
     */
    record Completed<R>(R result) implements TransferEvent<R> {
        /** Validates. */
        public Completed {
            Objects.requireNonNull(result, "result");
        }
    }
}
