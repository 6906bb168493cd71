package org.synnefo.reactive.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.pithos.PithosClient;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import org.synnefo.reactive.pithos.transfer.UploadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code snf upload [-r] LOCAL CONTAINER[/NAME]}. */
@Command(name = "upload", description = {
        "Uploads a file to CONTAINER/NAME, or with -r a directory's contents under CONTAINER/NAME/.",
        "The container is created when it does not exist. A NAME that is empty or ends with / gets the file's "
                + "name appended."})
final class UploadCommand extends BaseCommand {

    @Option(names = {"-r", "--recursive"}, description = "upload a directory tree")
    boolean recursive;

    @Parameters(index = "0", paramLabel = "LOCAL", description = "the local file (or directory with -r)")
    Path local;

    @Parameters(index = "1", paramLabel = "CONTAINER[/NAME]", description = "where to put it")
    String remote;

    private record LocalFile(Path path, String name, long size) {
    }

    @Override
    int run() {
        RemotePath target = RemotePath.parse(remote);
        if (!Files.exists(local)) {
            throw CliException.notFound("no such file or directory: " + local);
        }
        boolean dir = Files.isDirectory(local);
        if (dir && !recursive) {
            throw CliException.usage(local + " is a directory: use -r to upload its contents");
        }
        if (!dir && !Files.isRegularFile(local)) {
            throw CliException.usage(local + " is not a regular file");
        }
        if (!Files.isReadable(local)) {
            throw new CliException(ExitCodes.FAILURE, "cannot read " + local);
        }
        try (Session s = open()) {
            PithosClient account = s.client();
            ensureContainer(account, target.container());
            PithosClient c = account.withContainer(target.container());
            UploadOptions opts = UploadOptions.defaults().withConcurrency(common.concurrency)
                    .withFileConcurrency(common.jobs);
            return dir ? uploadTree(c, target, opts) : uploadFile(c, target, opts);
        }
    }

    private void ensureContainer(PithosClient account, String container) {
        try {
            account.getContainerInfo(container).block();
        } catch (RuntimeException e) {
            if (!(ExitCodes.unwrap(e) instanceof NotFoundException)) {
                throw e;
            }
            account.createContainer(container).block();
            if (!common.quiet) {
                ctx.err().println("snf: created container " + container);
            }
        }
    }

    private int uploadFile(PithosClient c, RemotePath target, UploadOptions opts) {
        String name = target.name().isEmpty() || target.name().endsWith("/")
                ? target.name() + local.getFileName() : target.name();
        long size = size(local);
        Progress p = new Progress(ctx, common.quiet, "upload", size, 1);
        UploadResult r = p.await(p.follow(size, name, () -> c.uploadObjectWithProgress(name, local, opts),
                () -> c.uploadObject(name, local, opts)));
        p.summary(common.quiet, local + " to " + target.container() + "/" + r.name());
        return ExitCodes.OK;
    }

    private int uploadTree(PithosClient c, RemotePath target, UploadOptions opts) {
        String base = target.directoryPrefix();
        List<String> dirs = new ArrayList<>();
        List<LocalFile> files = new ArrayList<>();
        // Walked on the main thread: the application's edge may block, the reactor threads may not. One
        // stat per entry (the walker's attributes), not three (isDirectory, isRegularFile, size).
        List<LocalFile> found = new ArrayList<>();
        try {
            Files.walkFileTree(local, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (!d.equals(local)) {
                        found.add(new LocalFile(d, base + relative(local, d), -1));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        found.add(new LocalFile(f, base + relative(local, f), attrs.size()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                    throw e;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot read " + local + ": " + ExitCodes.message(e));
        }
        found.sort(Comparator.comparing(f -> f.path().toString()));
        for (LocalFile f : found) {
            if (f.size() < 0) {
                dirs.add(f.name());
            } else {
                files.add(f);
            }
        }
        long total = files.stream().mapToLong(LocalFile::size).sum();
        Progress p = new Progress(ctx, common.quiet, "upload", total, files.size());
        Failures failures = new Failures();
        Flux<Void> markers = Flux.fromIterable(dirs).concatMap(d -> c.createDirectory(d)
                .onErrorResume(e -> failures.add(d, e)).then());
        Flux<Void> uploads = Flux.fromIterable(files).flatMap(f -> p.follow(f.size(), f.name(),
                () -> c.uploadObjectWithProgress(f.name(), f.path(), opts),
                () -> c.uploadObject(f.name(), f.path(), opts))
                .then().onErrorResume(e -> failures.add(f.name(), e)), common.jobs, 1);
        p.await(markers.thenMany(uploads).then(Mono.just(true)));
        failures.report(ctx, files.size() + dirs.size());
        p.summary(common.quiet, (files.size() - failures.count()) + " files from " + local + " to "
                + target.container() + (base.isEmpty() ? "" : "/" + base));
        return failures.exitCode();
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path root, Path p) {
        List<String> parts = new ArrayList<>();
        for (Path part : root.relativize(p)) {
            parts.add(part.toString());
        }
        return String.join("/", parts);
    }
}
