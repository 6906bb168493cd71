package org.synnefo.reactive.emulator.internal.pithos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import org.synnefo.reactive.emulator.internal.Json;

/**
 * The metadata store's append-only journal: one JSON line per commit, forced to disk before the commit
 * is acknowledged. A kill can only tear the last line, which replay drops (and cuts off the file), so
 * every earlier commit survives intact. On start the journal is replayed and then rewritten as a
 * compact snapshot through a temporary file and an atomic rename.
 */
final class Journal implements AutoCloseable {

    private final Path file;
    private FileChannel channel;

    Journal(Path file) {
        this.file = file;
    }

    /** Feeds every complete commit to {@code commit} in order, dropping a torn tail. */
    void replay(Consumer<JsonNode> commit) {
        try {
            if (!Files.exists(file)) {
                return;
            }
            byte[] all = Files.readAllBytes(file);
            int start = 0;
            long good = 0;
            while (start < all.length) {
                int nl = indexOf(all, start);
                if (nl < 0) {
                    break;
                }
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(all, start, nl - start);
                } catch (IOException e) {
                    break;
                }
                if (node == null || !node.isObject()) {
                    break;
                }
                commit.accept(node);
                start = nl + 1;
                good = start;
            }
            if (good < all.length) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(good);
                    ch.force(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replay journal " + file, e);
        }
    }

    /** Replaces the journal by {@code lines} (a snapshot of the state) atomically, then opens it for appends. */
    void rewrite(List<JsonNode> lines) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (JsonNode line : lines) {
                    writeFully(ch, line);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + file, e);
        }
    }

    /** Appends one commit and forces it to disk. Blocking: call off the event loop. */
    void append(JsonNode commit) {
        try {
            writeFully(channel, commit);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to journal " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing at shutdown; nothing left to protect
        }
    }

    private static void writeFully(FileChannel ch, JsonNode line) throws IOException {
        byte[] json = Json.write(line);
        ByteBuffer buf = ByteBuffer.allocate(json.length + 1);
        buf.put(json).put((byte) '\n').flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static int indexOf(byte[] a, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
