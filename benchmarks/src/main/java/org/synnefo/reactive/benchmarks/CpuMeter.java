package org.synnefo.reactive.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Where the CPU of one measured operation goes, by thread family. The emulator runs in the benchmark's
 * JVM and shares Reactor Netty's event loops with the client, so its cost cannot be split off by thread
 * name; the families still tell the story: {@code reactor-http-*} (the Netty event loops, epoll or nio) carries both sides' socket work and
 * the emulator's hashing of received blocks, {@code parallel} the client's block hashing and
 * verification, {@code boundedElastic} file reads and writes, and the rest of the process CPU (not owned
 * by a live Java thread) is mostly GC and JIT.
 *
 * <p>When {@code -Dbench.cpuLog=FILE} is set, each operation appends one tab-separated line
 * ({@code key wallNs processNs nioNs parallelNs elasticNs otherThreadsNs}) that {@link Report} reads.
 */
public final class CpuMeter {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Thread families, in the order of the log's columns. */
    static final String[] FAMILIES = {"reactor-http-", "parallel-", "boundedElastic-"};

    private final long wall0;
    private final long process0;
    private final long[] families0;

    private CpuMeter() {
        this.families0 = families();
        this.process0 = OS.getProcessCpuTime();
        this.wall0 = System.nanoTime();
    }

    /** @return a meter started now */
    public static CpuMeter start() {
        return new CpuMeter();
    }

    /**
     * Stops the meter and logs the operation under {@code key} (when {@code bench.cpuLog} is set).
     *
     * @param key what was measured, e.g. {@code uploadFresh concurrency=8 sizeMiB=1024}
     * @return the line logged (also when not written)
     */
    public String stop(String key) {
        long wall = System.nanoTime() - wall0;
        long process = OS.getProcessCpuTime() - process0;
        long[] f = families();
        StringBuilder line = new StringBuilder(key).append('\t').append(wall).append('\t').append(process);
        for (int i = 0; i < f.length; i++) {
            line.append('\t').append(Math.max(0, f[i] - families0[i]));
        }
        line.append('\n');
        String out = line.toString();
        String log = System.getProperty("bench.cpuLog");
        if (log != null && !log.isBlank()) {
            try {
                Files.writeString(Path.of(log), out, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** CPU time of the live threads, summed by family; the last slot is every other live thread. */
    private static long[] families() {
        long[] sums = new long[FAMILIES.length + 1];
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            long t = THREADS.getThreadCpuTime(ids[i]);
            if (t < 0) {
                continue;
            }
            sums[family(infos[i].getThreadName())] += t;
        }
        return sums;
    }

    static int family(String threadName) {
        String n = threadName.toLowerCase(Locale.ROOT);
        for (int i = 0; i < FAMILIES.length; i++) {
            if (n.startsWith(FAMILIES[i].toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return FAMILIES.length;
    }
}
