package org.synnefo.reactive.emulator.internal.pithos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Content-addressed block storage shared by every object of every account (so identical blocks are
 * stored once). A block is kept with its trailing zero bytes stripped, which is exactly what its hash
 * covers; readers pad it back with zeros to the length the object needs. With a directory, each block
 * is a file written to a temporary name and renamed atomically, so a kill never leaves a torn block.
 */
final class BlockStore {

    private static final byte[] EMPTY = new byte[0];

    private final Hashing hashing;
    private final Path dir;
    /** In memory: the data; on disk: an index of the blocks present (values are {@link #EMPTY}). */
    private final Map<String, byte[]> blocks = new ConcurrentHashMap<>();

    BlockStore(Hashing hashing, Path dir) {
        this.hashing = hashing;
        this.dir = dir;
        blocks.put(hashing.emptyHex(), EMPTY);
        if (dir != null) {
            loadIndex();
        }
    }

    Hashing hashing() {
        return hashing;
    }

    boolean contains(String hash) {
        return blocks.containsKey(hash);
    }

    /**
     * Hashes {@code data[0, len)} and stores it unless already present; the array must not be changed
     * afterwards (in memory it is kept as is when it has no trailing zeros).
     */
    Mono<String> store(byte[] data, int len) {
        int stripped = Hashing.strippedLength(data, 0, len);
        var md = hashing.digest();
        md.update(data, 0, stripped);
        String hash = Hashing.hex(md.digest());
        if (blocks.containsKey(hash)) {
            return Mono.just(hash);
        }
        byte[] kept = stripped == data.length ? data : Arrays.copyOf(data, stripped);
        if (dir == null) {
            blocks.putIfAbsent(hash, kept);
            return Mono.just(hash);
        }
        return Mono.fromCallable(() -> {
            writeFile(hash, kept);
            blocks.putIfAbsent(hash, EMPTY);
            return hash;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The stored (stripped) bytes of a block. */
    Mono<byte[]> read(String hash) {
        if (dir == null || hash.equals(hashing.emptyHex())) {
            byte[] data = blocks.get(hash);
            return data == null ? Mono.error(new IllegalStateException("missing block " + hash)) : Mono.just(data);
        }
        return Mono.fromCallable(() -> Files.readAllBytes(file(hash))).subscribeOn(Schedulers.boundedElastic());
    }

    private Path file(String hash) {
        return dir.resolve(hash.substring(0, 2)).resolve(hash);
    }

    private void writeFile(String hash, byte[] data) throws IOException {
        Path target = file(hash);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), hash, ".tmp");
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void loadIndex() {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.walk(dir, 2)) {
                files.filter(Files::isRegularFile).forEach(p -> {
                    String name = p.getFileName().toString();
                    if (name.endsWith(".tmp")) {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException e) {
                            // a leftover temporary file is harmless
                        }
                    } else if (Hashing.isHex(name)) {
                        blocks.put(name, EMPTY);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read block directory " + dir, e);
        }
    }
}
