package org.synnefo.reactive.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.synnefo.reactive.pithos.ListObjectsOptions;
import org.synnefo.reactive.pithos.ObjectEntry;
import org.synnefo.reactive.pithos.ObjectInfo;
import org.synnefo.reactive.pithos.PithosClient;
import org.synnefo.reactive.pithos.transfer.DownloadOptions;
import org.synnefo.reactive.pithos.transfer.DownloadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code snf download [-r] CONTAINER/NAME LOCAL}. */
@Command(name = "download", description = {
        "Downloads CONTAINER/NAME to LOCAL (into it when LOCAL is a directory), or with -r every object under "
                + "CONTAINER/NAME/ into the directory LOCAL (NAME/a/b lands as LOCAL/a/b).",
        "Every block is verified against its hash; an existing file is resumed (its matching blocks kept)."})
final class DownloadCommand extends BaseCommand {

    @Option(names = {"-r", "--recursive"}, description = "download every object under CONTAINER[/NAME]/")
    boolean recursive;

    @Parameters(index = "0", paramLabel = "CONTAINER/NAME", description = "what to download")
    String remote;

    @Parameters(index = "1", paramLabel = "LOCAL", description = "the local file or directory")
    Path local;

    private record Item(String name, Path path, long size) {
    }

    @Override
    int run() {
        RemotePath source = RemotePath.parse(remote);
        if (!recursive && !source.hasName()) {
            throw CliException.usage("download of a whole container needs -r");
        }
        try (Session s = open()) {
            PithosClient account = s.client();
            PithosClient c = account.withContainer(source.container());
            DownloadOptions opts = DownloadOptions.defaults().withConcurrency(common.concurrency)
                    .withFileConcurrency(common.jobs);
            try {
                return recursive ? downloadTree(c, source, opts) : downloadFile(c, source, opts);
            } catch (RuntimeException e) {
                throw explain404(account, source, e);
            }
        }
    }

    private int downloadFile(PithosClient c, RemotePath source, DownloadOptions opts) {
        ObjectInfo info = c.getObjectInfo(source.name()).block();
        if (info != null && info.isDirectory()) {
            throw CliException.usage(source + " is a directory marker: use -r");
        }
        Path target = local;
        if (Files.isDirectory(target) || local.toString().endsWith("/")) {
            String n = source.trimmedName();
            target = local.resolve(n.substring(n.lastIndexOf('/') + 1));
        }
        mkdirs(target.toAbsolutePath().getParent());
        long size = info == null ? 0 : info.contentLength();
        Progress p = new Progress(ctx, common.quiet, "download", size, 1);
        Path to = target;
        DownloadResult r = p.await(p.follow(size, source.name(),
                () -> c.downloadObjectWithProgress(source.name(), to, opts), () -> c.downloadObject(source.name(), to,
                        opts)));
        p.summary(common.quiet, source + " to " + r.file());
        return ExitCodes.OK;
    }

    private int downloadTree(PithosClient c, RemotePath source, DownloadOptions opts) {
        String prefix = source.directoryPrefix();
        Path root = local.toAbsolutePath().normalize();
        // Listing and making directories on the main thread; the transfers run on Reactor's threads.
        List<ObjectEntry> entries = c.listObjects(ListObjectsOptions.defaults()
                .withPrefix(prefix.isEmpty() ? null : prefix)).collectList().block();
        if (entries == null || entries.isEmpty()) {
            if (source.hasName()) {
                // like cp -r on a file: a single object is simply downloaded
                Boolean object = c.getObjectInfo(source.trimmedName()).map(i -> !i.isDirectory())
                        .onErrorResume(e -> Mono.empty()).defaultIfEmpty(false).block();
                if (Boolean.TRUE.equals(object)) {
                    return downloadFile(c, new RemotePath(source.container(), source.trimmedName()), opts);
                }
            }
            throw CliException.notFound("nothing under " + source.container()
                    + (prefix.isEmpty() ? "" : "/" + prefix));
        }
        mkdirs(root);
        // each parent made once: createDirectories on an existing directory throws (and catches) an exception
        Set<Path> made = new HashSet<>();
        made.add(root);
        List<Item> items = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (ObjectEntry e : entries) {
            if (e.isSubdir()) {
                continue;
            }
            Path p = localPath(root, e.name().substring(prefix.length()));
            if (p == null) {
                if (!(e.isDirectory() && e.name().substring(prefix.length()).replace("/", "").isEmpty())) {
                    refused.add(e.name());
                }
                continue;
            }
            if (e.isDirectory()) {
                if (made.add(p)) {
                    mkdirs(p);
                }
            } else if (e.name().endsWith("/")) {
                refused.add(e.name());
            } else {
                if (made.add(p.getParent())) {
                    mkdirs(p.getParent());
                }
                items.add(new Item(e.name(), p, e.bytes() == null ? 0 : e.bytes()));
            }
        }
        long total = items.stream().mapToLong(Item::size).sum();
        Progress p = new Progress(ctx, common.quiet, "download", total, items.size());
        Failures failures = new Failures();
        for (String r : refused) {
            failures.add(r, new CliException(ExitCodes.FAILURE, "refused: this name cannot be a local path under "
                    + root));
        }
        p.await(Flux.fromIterable(items).flatMap(i -> p.follow(i.size(), i.name(),
                () -> c.downloadObjectWithProgress(i.name(), i.path(), opts), () -> c.downloadObject(i.name(), i.path(),
                        opts))
                .then().onErrorResume(e -> failures.add(i.name(), e)), common.jobs, 1)
                .then(Mono.just(true)));
        failures.report(ctx, items.size() + refused.size());
        p.summary(common.quiet, (items.size() - failures.count() + refused.size()) + " files from "
                + source.container() + (prefix.isEmpty() ? "" : "/" + prefix) + " to " + root);
        return failures.exitCode();
    }

    /**
     * The local path of a relative object name under the root, or null when the name would escape it or
     * cannot be a local path ({@code ..}, {@code .}, empty segments, backslashes, NUL).
     */
    static Path localPath(Path root, String rel) {
        String r = rel;
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        if (r.isEmpty() || r.startsWith("/") || r.indexOf('\\') >= 0 || r.indexOf('\0') >= 0) {
            return null;
        }
        for (String seg : r.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                return null;
            }
        }
        Path p = root.resolve(r).normalize();
        return p.startsWith(root) && !p.equals(root) ? p : null;
    }

    private static void mkdirs(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot create directory " + dir + ": " + ExitCodes.message(e));
        }
    }
}
