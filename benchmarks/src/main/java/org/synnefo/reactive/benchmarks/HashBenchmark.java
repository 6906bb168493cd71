package org.synnefo.reactive.benchmarks;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The yardstick: what one core does with {@link MessageDigest} SHA-256 on 4 MiB blocks, the block hash
 * of a Pithos container. Every transfer benchmark is reported as a ratio to it. It hashes
 * {@code sizeMiB} MiB per operation, cycling over 16 distinct random blocks (64 MiB, more than the
 * caches) so that it reads memory as a transfer does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx4g"})
public class HashBenchmark {

    /** Block size hashed: the Pithos default. */
    public static final int BLOCK = 4 << 20;

    /** MiB hashed per operation (a multiple of 4). */
    @Param("1024")
    public int sizeMiB;

    byte[][] blocks;

    /** Fills the blocks. */
    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(7);
        blocks = new byte[16][BLOCK];
        for (byte[] b : blocks) {
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) r.nextInt();
            }
        }
    }

    /**
     * One core, one digest per 4 MiB block, as the transfer engine hashes.
     *
     * @return the last digest (so nothing is optimised away)
     * @throws NoSuchAlgorithmException never
     */
    @Benchmark
    public byte[] sha256() throws NoSuchAlgorithmException {
        CpuMeter cpu = CpuMeter.start();
        int n = sizeMiB / 4;
        byte[] last = null;
        for (int i = 0; i < n; i++) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(blocks[i & 15]);
            last = md.digest();
        }
        cpu.stop("sha256 sizeMiB=" + sizeMiB);
        return last;
    }
}
