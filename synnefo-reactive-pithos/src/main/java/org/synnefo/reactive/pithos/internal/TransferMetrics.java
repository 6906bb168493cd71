package org.synnefo.reactive.pithos.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of the transfer engine, all no-ops when the options carry no registry:
 * {@code synnefo.pithos.transfer.bytes} (tag {@code direction} = {@code up}/{@code down}),
 * {@code synnefo.pithos.transfer.blocks.deduplicated}, {@code synnefo.pithos.hashing} (timer, per block)
 * and {@code synnefo.pithos.transfer.throughput} (bytes per second per finished transfer).
 */
public final class TransferMetrics {

    private final Counter bytesUp;
    private final Counter bytesDown;
    private final Counter dedup;
    private final Timer hashing;
    private final DistributionSummary throughputUp;
    private final DistributionSummary throughputDown;

    /** @param registry the registry, or null for none */
    public TransferMetrics(MeterRegistry registry) {
        if (registry == null) {
            bytesUp = bytesDown = dedup = null;
            hashing = null;
            throughputUp = throughputDown = null;
            return;
        }
        bytesUp = Counter.builder("synnefo.pithos.transfer.bytes").tag("direction", "up").baseUnit("bytes")
                .description("Block bytes sent to or received from Pithos").register(registry);
        bytesDown = Counter.builder("synnefo.pithos.transfer.bytes").tag("direction", "down").baseUnit("bytes")
                .description("Block bytes sent to or received from Pithos").register(registry);
        dedup = Counter.builder("synnefo.pithos.transfer.blocks.deduplicated")
                .description("Blocks not transferred because the server or the local file already had them")
                .register(registry);
        hashing = Timer.builder("synnefo.pithos.hashing").description("Time spent hashing one block")
                .register(registry);
        throughputUp = DistributionSummary.builder("synnefo.pithos.transfer.throughput").tag("direction", "up")
                .baseUnit("bytes/s").description("Throughput of finished transfers").register(registry);
        throughputDown = DistributionSummary.builder("synnefo.pithos.transfer.throughput")
                .tag("direction", "down").baseUnit("bytes/s").description("Throughput of finished transfers")
                .register(registry);
    }

    /** @param n bytes sent */
    public void sent(long n) {
        if (bytesUp != null) {
            bytesUp.increment(n);
        }
    }

    /** @param n bytes received */
    public void received(long n) {
        if (bytesDown != null) {
            bytesDown.increment(n);
        }
    }

    /** @param blocks blocks deduplicated */
    public void deduplicated(long blocks) {
        if (dedup != null && blocks > 0) {
            dedup.increment(blocks);
        }
    }

    /** @param nanos time spent hashing one block */
    public void hashed(long nanos) {
        if (hashing != null) {
            hashing.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * @param up upload (true) or download
     * @param bytes the object size
     * @param nanos the transfer's duration
     */
    public void finished(boolean up, long bytes, long nanos) {
        DistributionSummary s = up ? throughputUp : throughputDown;
        if (s != null && nanos > 0) {
            s.record(bytes * 1e9 / nanos);
        }
    }
}
