package org.synnefo.reactive.pithos.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.synnefo.reactive.pithos.transfer.TransferProgress;

/**
 * Counts a transfer's progress and reports snapshots. Each count is added once, when a block is done,
 * so retried requests are never counted twice.
 */
public final class ProgressTracker {

    private final Consumer<TransferProgress> listener;
    private final AtomicLong totalBytes = new AtomicLong(-1);
    private final AtomicLong blocksTotal = new AtomicLong(-1);
    private final AtomicLong hashed = new AtomicLong();
    private final AtomicLong transferred = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong blocksDone = new AtomicLong();

    /** @param listener receives snapshots; may be null */
    public ProgressTracker(Consumer<TransferProgress> listener) {
        this.listener = listener;
    }

    /** @return a tracker that reports to nobody */
    public static ProgressTracker silent() {
        return new ProgressTracker(null);
    }

    /** @param bytes the size @param blocks the block count */
    public void total(long bytes, long blocks) {
        totalBytes.set(bytes);
        blocksTotal.set(blocks);
        emit();
    }

    /** @param n bytes hashed */
    public void hashed(long n) {
        hashed.addAndGet(n);
        emit();
    }

    /**
     * One or more blocks are done.
     *
     * @param transferredBytes bytes sent or received for them
     * @param skippedBytes bytes not transferred (dedup, resume, repeated blocks)
     * @param blocks blocks done
     */
    public void done(long transferredBytes, long skippedBytes, long blocks) {
        transferred.addAndGet(transferredBytes);
        skipped.addAndGet(skippedBytes);
        blocksDone.addAndGet(blocks);
        emit();
    }

    /** @return the current snapshot */
    public TransferProgress snapshot() {
        return new TransferProgress(totalBytes.get(), hashed.get(), transferred.get(), skipped.get(),
                blocksDone.get(), blocksTotal.get());
    }

    private void emit() {
        if (listener != null) {
            listener.accept(snapshot());
        }
    }
}
