package org.synnefo.reactive.pithos.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.synnefo.reactive.pithos.ObjectEntry;
import org.synnefo.reactive.pithos.ObjectWriteResult;
import org.synnefo.reactive.pithos.transfer.DirectoryTransferResult;
import org.synnefo.reactive.pithos.transfer.DownloadOptions;
import org.synnefo.reactive.pithos.transfer.DownloadResult;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import org.synnefo.reactive.pithos.transfer.UploadResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Directory uploads and downloads on top of the single-object transfers. */
public final class DirectoryTransfers {

    private DirectoryTransfers() {
    }

    private static final class Collector {
        final List<String> transferred = Collections.synchronizedList(new ArrayList<>());
        final List<String> directories = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Throwable> failed = Collections.synchronizedMap(new LinkedHashMap<>());
        final List<String> refused = Collections.synchronizedList(new ArrayList<>());
        long bytes;

        synchronized void add(String name, long b) {
            transferred.add(name);
            bytes += b;
        }

        synchronized DirectoryTransferResult result() {
            return new DirectoryTransferResult(transferred, directories, failed, refused, bytes);
        }
    }

    private record Tree(List<String> dirs, List<Path> files) {
    }

    /**
     * @param dir the local directory
     * @param prefix the object prefix
     * @param options options
     * @param mkdir creates a directory marker
     * @param upload uploads one file
     * @return the result
     */
    public static Mono<DirectoryTransferResult> upload(Path dir, String prefix, UploadOptions options,
            Function<String, Mono<ObjectWriteResult>> mkdir, BiFunction<String, Path, Mono<UploadResult>> upload) {
        String base = prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
        return Mono.fromCallable(() -> walk(dir)).subscribeOn(Schedulers.boundedElastic()).flatMap(tree -> {
            Collector c = new Collector();
            Flux<Void> dirs = Flux.fromIterable(tree.dirs())
                    .concatMap(d -> mkdir.apply(base + d).doOnNext(r -> c.directories.add(base + d))
                            .onErrorResume(e -> {
                                c.failed.put(base + d, e);
                                return Mono.empty();
                            }).then());
            Flux<Void> files = Flux.fromIterable(tree.files())
                    .flatMap(f -> {
                        String name = base + relative(dir, f);
                        return upload.apply(name, f).doOnNext(r -> c.add(name, r.bytes()))
                                .onErrorResume(e -> {
                                    c.failed.put(name, e);
                                    return Mono.empty();
                                }).then();
                    }, options.fileConcurrency(), 1);
            return dirs.thenMany(files).then(Mono.fromCallable(c::result));
        });
    }

    private static String relative(Path root, Path p) {
        List<String> parts = new ArrayList<>();
        for (Path part : root.relativize(p)) {
            parts.add(part.toString());
        }
        return String.join("/", parts);
    }

    private static Tree walk(Path dir) throws IOException {
        // one stat per entry (the walker's attributes), not one per isDirectory/isRegularFile question
        List<Path> dirPaths = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                if (!d.equals(dir)) {
                    dirPaths.add(d);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(f);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                throw e;
            }
        });
        Comparator<Path> byName = Comparator.comparing(Path::toString);
        dirPaths.sort(byName);
        files.sort(byName);
        List<String> dirs = new ArrayList<>(dirPaths.size());
        for (Path d : dirPaths) {
            dirs.add(relative(dir, d));
        }
        return new Tree(dirs, files);
    }

    /**
     * The local path of an object under a prefix, or null when the name would escape the target
     * directory or cannot be a local path.
     *
     * @param target the local directory (absolute, normalised)
     * @param prefix the prefix listed
     * @param name the object name
     * @return the path, or null to refuse
     */
    public static Path localPath(Path target, String prefix, String name) {
        String rel = name;
        if (prefix != null && !prefix.isEmpty()) {
            if (!name.startsWith(prefix)) {
                return null;
            }
            rel = name.substring(prefix.length());
            if (!prefix.endsWith("/") && rel.startsWith("/")) {
                rel = rel.substring(1);
            }
        }
        if (rel.endsWith("/")) {
            rel = rel.substring(0, rel.length() - 1);
        }
        if (rel.isEmpty() || rel.startsWith("/") || rel.indexOf('\\') >= 0 || rel.indexOf('\0') >= 0) {
            return null;
        }
        for (String seg : rel.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                return null;
            }
        }
        Path p = target.resolve(rel).normalize();
        return p.startsWith(target) && !p.equals(target) ? p : null;
    }

    /**
     * @param entries the objects under the prefix
     * @param prefix the prefix
     * @param dir the local directory
     * @param options options
     * @param download downloads one object
     * @return the result
     */
    public static Mono<DirectoryTransferResult> download(Flux<ObjectEntry> entries, String prefix, Path dir,
            DownloadOptions options, BiFunction<String, Path, Mono<DownloadResult>> download) {
        Path target = dir.toAbsolutePath().normalize();
        Collector c = new Collector();
        // parents already made: createDirectories on an existing directory costs a hop and a thrown exception
        Set<Path> made = ConcurrentHashMap.newKeySet();
        made.add(target);
        return Mono.fromCallable(() -> Files.createDirectories(target)).subscribeOn(Schedulers.boundedElastic())
                .thenMany(entries)
                .filter(e -> !e.isSubdir())
                .filter(e -> !(prefix != null && (e.name().equals(prefix) || e.name().equals(prefix + "/"))
                        && e.isDirectory()))
                .flatMap(e -> {
                    Path local = localPath(target, prefix, e.name());
                    if (local == null) {
                        c.refused.add(e.name());
                        return Mono.empty();
                    }
                    if (e.isDirectory()) {
                        return Mono.fromCallable(() -> Files.createDirectories(local))
                                .subscribeOn(Schedulers.boundedElastic())
                                .doOnNext(p -> {
                                    made.add(p);
                                    c.directories.add(local.toString());
                                })
                                .onErrorResume(x -> {
                                    c.failed.put(e.name(), x);
                                    return Mono.empty();
                                }).then();
                    }
                    if (e.name().endsWith("/")) {
                        c.refused.add(e.name());
                        return Mono.empty();
                    }
                    Path parent = local.getParent();
                    Mono<Void> mkdirs = made.contains(parent) ? Mono.empty()
                            : Mono.fromCallable(() -> Files.createDirectories(parent))
                                    .subscribeOn(Schedulers.boundedElastic())
                                    .doOnNext(made::add).then();
                    return mkdirs
                            .then(download.apply(e.name(), local))
                            .doOnNext(r -> c.add(e.name(), r.bytes()))
                            .onErrorResume(x -> {
                                c.failed.put(e.name(), x);
                                return Mono.empty();
                            }).then();
                }, options.fileConcurrency(), 1)
                .then(Mono.fromCallable(c::result));
    }
}
