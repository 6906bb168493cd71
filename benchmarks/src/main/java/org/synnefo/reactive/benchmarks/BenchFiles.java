package org.synnefo.reactive.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Test data for the benchmarks: random files, a cheap way to make every block of a file new, and
 * byte-for-byte checks. Plain blocking IO: it runs on the benchmark or test thread, never on an event loop.
 */
public final class BenchFiles {

    /** One MiB. */
    public static final long MIB = 1L << 20;

    private BenchFiles() {
    }

    /**
     * The directory for benchmark files: {@code -Dbench.dir}, else {@code /dev/shm} when it exists (so
     * that the file system is memory and the figures are CPU and loopback, not this VM's disk), else the
     * JVM's temporary directory.
     *
     * @return a fresh directory under it
     */
    public static Path workDir() {
        String configured = System.getProperty("bench.dir");
        Path base;
        if (configured != null && !configured.isBlank()) {
            base = Path.of(configured);
        } else if (Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm"))) {
            base = Path.of("/dev/shm");
        } else {
            base = Path.of(System.getProperty("java.io.tmpdir"));
        }
        try {
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "synnefo-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code size} pseudo-random bytes (seeded), 1 MiB at a time.
     *
     * @param file the file
     * @param size its size
     * @param seed the seed
     * @return the file
     */
    public static Path randomFile(Path file, long size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ByteBuffer chunk = ByteBuffer.allocate((int) MIB);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long left = size;
            while (left > 0) {
                chunk.clear();
                while (chunk.remaining() >= Long.BYTES) {
                    chunk.putLong(r.nextLong());
                }
                int n = (int) Math.min(chunk.capacity(), left);
                chunk.flip().limit(n);
                while (chunk.hasRemaining()) {
                    ch.write(chunk);
                }
                left -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Makes every block of the file new by writing {@code tag} and the block index over the first 16 bytes
     * of each block: every block hash changes, so nothing deduplicates against earlier content, for the
     * cost of one small write per block instead of rewriting the file.
     *
     * @param file the file
     * @param blockSize the block size
     * @param tag a value never used before for this file
     */
    public static void stamp(Path file, int blockSize, long tag) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer b = ByteBuffer.allocate(16);
            for (long off = 0, i = 0; off < size; off += blockSize, i++) {
                b.clear();
                b.putLong(tag).putLong(i ^ 0x5DEECE66DL).flip();
                b.limit((int) Math.min(16, size - off));
                while (b.hasRemaining()) {
                    ch.write(b, off + b.position());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file a file
     * @return its SHA-256, hex
     */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deletes a file if present.
     *
     * @param file the file
     */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a directory tree if present.
     *
     * @param dir the directory
     */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(BenchFiles::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
