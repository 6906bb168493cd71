package org.synnefo.reactive.benchmarks.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The command line peers.sh runs for the Java peers:
 *
 * <pre>
 * java -jar java-peers.jar jclouds|joss upload       FILE CONTAINER/NAME   [--threads N] [--segment-mb M]
 * java -jar java-peers.jar jclouds|joss download     CONTAINER/NAME FILE   [--threads N] [--segment-mb M]
 * java -jar java-peers.jar jclouds|joss upload-dir   DIR CONTAINER/PREFIX  [--threads N] [--segment-mb M]
 * java -jar java-peers.jar jclouds|joss download-dir CONTAINER/PREFIX DIR  [--threads N] [--segment-mb M]
 * </pre>
 *
 * with tempauth credentials from {@code SWIFT_AUTH_URL}, {@code SWIFT_USER} and {@code SWIFT_KEY}.
 * One file: one call of the library (see {@link JcloudsPeer}, {@link JossPeer}), the container created
 * first if missing; a file larger than the segment size is flagged large. A directory: every regular file
 * under DIR becomes the object {@code PREFIX/<relative path>} (the names the other tools of peers.sh
 * give), one object per file, uploaded by a fixed pool of N threads; its download lists
 * {@code PREFIX/} and fetches every object with the same pool into {@code DIR/<rest of the name>}.
 * This is what a JVM user of these blocking libraries would write. Defaults: 8 threads, 64 MiB segments.
 * Exit status 0 on success, 1 on a failed transfer (stack trace on stderr), 2 on bad usage.
 */
public final class JavaPeer {

    private JavaPeer() {}

    /** Runs one transfer; see the class comment for the arguments. */
    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("java-peers: " + e.getMessage());
            status = 2;
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // The libraries leave non-daemon threads behind (jclouds' executors, JOSS' connection pool).
        System.exit(status);
    }

    private static int run(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        int threads = 8;
        long segmentMb = 64;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = positiveInt(args, ++i);
                case "--segment-mb" -> segmentMb = positiveInt(args, ++i);
                default -> positional.add(args[i]);
            }
        }
        if (positional.size() != 4) {
            throw new IllegalArgumentException("usage: jclouds|joss upload|download|upload-dir|download-dir SOURCE TARGET"
                    + " [--threads N] [--segment-mb M]");
        }
        String tool = positional.get(0);
        String op = positional.get(1);
        boolean upload = op.startsWith("upload");
        Path local = Path.of(positional.get(upload ? 2 : 3));
        String remote = positional.get(upload ? 3 : 2);
        int slash = remote.indexOf('/');
        if (slash <= 0 || slash == remote.length() - 1) {
            throw new IllegalArgumentException("remote must be CONTAINER/NAME, got " + remote);
        }
        String container = remote.substring(0, slash);
        String name = remote.substring(slash + 1);
        long segmentBytes = segmentMb << 20;

        String authUrl = env("SWIFT_AUTH_URL");
        String user = env("SWIFT_USER");
        String key = env("SWIFT_KEY");
        long start = System.nanoTime();
        long bytes;
        int objects;
        try (SwiftPeer peer = switch (tool) {
            case "jclouds" -> new JcloudsPeer(authUrl, user, key, threads, segmentBytes);
            case "joss" -> new JossPeer(authUrl, user, key);
            default -> throw new IllegalArgumentException("unknown tool " + tool + " (jclouds or joss)");
        }) {
            switch (op) {
                case "upload" -> {
                    bytes = Files.size(local);
                    objects = 1;
                    peer.createContainer(container);
                    peer.upload(container, name, local, bytes > segmentBytes);
                }
                case "download" -> {
                    Path parent = local.toAbsolutePath().getParent();
                    Files.createDirectories(parent);
                    peer.download(container, name, local);
                    bytes = Files.size(local);
                    objects = 1;
                }
                case "upload-dir" -> {
                    List<Path> files;
                    try (Stream<Path> walk = Files.walk(local)) {
                        files = walk.filter(Files::isRegularFile).sorted().toList();
                    }
                    peer.createContainer(container);
                    bytes = inPool(threads, files, f -> {
                        peer.upload(container, objectName(name, local, f), f, false);
                        return f;
                    });
                    objects = files.size();
                }
                case "download-dir" -> {
                    String prefix = name.endsWith("/") ? name : name + "/";
                    List<String> names = peer.list(container, prefix);
                    Path root = local.toAbsolutePath().normalize();
                    Files.createDirectories(root);
                    bytes = inPool(threads, names, n -> {
                        Path file = root.resolve(n.substring(prefix.length())).normalize();
                        if (!file.startsWith(root) || file.equals(root)) {
                            throw new IOException("object name " + n + " does not map to a file under " + root);
                        }
                        Files.createDirectories(file.getParent());
                        peer.download(container, n, file);
                        return file;
                    });
                    objects = names.size();
                }
                default -> throw new IllegalArgumentException("unknown operation " + op);
            }
        }
        System.err.printf("java-peers: %s %s: %d object(s), %d bytes, %.2f s since main() began (library set-up included)%n",
                tool, op, objects, bytes, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** The object name of {@code file} under the upload's prefix: always '/'-separated. */
    private static String objectName(String prefix, Path dir, Path file) {
        StringBuilder name = new StringBuilder(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        for (Path part : dir.relativize(file)) {
            name.append('/').append(part);
        }
        return name.toString();
    }

    /** One transfer; returns the local file it read or wrote. */
    private interface Transfer<T> {
        Path apply(T item) throws Exception;
    }

    /**
     * Runs {@code transfer} over every item on a fixed pool of {@code threads} threads and returns the
     * bytes of the local files involved; the first failure is rethrown once all tasks have ended.
     */
    private static <T> long inPool(int threads, List<T> items, Transfer<T> transfer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Path>> tasks = new ArrayList<>(items.size());
            for (T item : items) {
                tasks.add(() -> transfer.apply(item));
            }
            long total = 0;
            for (Future<Path> f : pool.invokeAll(tasks)) {
                try {
                    total += Files.size(f.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int positiveInt(String[] args, int i) {
        if (i >= args.length || !args[i].matches("[1-9][0-9]{0,5}")) {
            throw new IllegalArgumentException(args[i - 1] + " needs a positive integer");
        }
        return Integer.parseInt(args[i]);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }
}
