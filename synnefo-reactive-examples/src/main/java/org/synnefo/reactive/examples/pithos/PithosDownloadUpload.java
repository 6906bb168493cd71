package org.synnefo.reactive.examples.pithos;

import java.nio.file.Files;
import java.nio.file.Path;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import org.synnefo.reactive.examples.PithosData;
import org.synnefo.reactive.pithos.transfer.DownloadOptions;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * kamaki's pithos-download-upload: download {@code pithos/my-linux-distro.diskdump} to a local file, then
 * upload that file to {@code images}. The download fetches each distinct block once and writes it wherever
 * it occurs; the upload sends no block the server already has (here: none), only the hashmap.
 */
public final class PithosDownloadUpload implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new PithosDownloadUpload(), args);
    }

    @Override
    public String name() {
        return "pithos-download-upload";
    }

    @Override
    public String description() {
        return "Download an object to a local file, and upload it to another container";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        Mono<Path> local = Mono.fromCallable(() -> Files.createTempDirectory("synnefo-tour").resolve("local.diskdump"))
                .subscribeOn(Schedulers.boundedElastic());
        return Mono.usingWhen(local, file -> ctx.pithos().flatMap(account -> account.withContainer("pithos")
                        .downloadObject(PithosData.DISTRO, file, DownloadOptions.defaults())
                        .doOnNext(d -> ctx.out().println("Downloaded /pithos/" + d.name() + " to " + file.getFileName()
                                + ": " + d.bytes() + " bytes, " + d.blocks() + " blocks, " + d.blocksFetched()
                                + " fetched (the others repeat them)"))
                        .then(account.withContainer("images").uploadObject(PithosData.DISTRO, file,
                                UploadOptions.defaults()))
                        .doOnNext(u -> ctx.out().println("Uploaded " + file.getFileName() + " to /images/" + u.name()
                                + ": " + u.bytes() + " bytes, " + u.blocksSent() + " of " + u.blocks()
                                + " blocks sent (the server had the others)"))),
                        file -> Mono.<Void>fromRunnable(() -> {
                            try {
                                Files.deleteIfExists(file);
                                Files.deleteIfExists(file.getParent());
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }).subscribeOn(Schedulers.boundedElastic()))
                .then();
    }
}
