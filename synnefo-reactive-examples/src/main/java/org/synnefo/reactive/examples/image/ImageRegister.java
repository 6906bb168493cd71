package org.synnefo.reactive.examples.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.synnefo.reactive.cyclades.image.ImageRegistration;
import org.synnefo.reactive.cyclades.image.PithosLocation;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import org.synnefo.reactive.pithos.PithosClient;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * kamaki's image-register: upload a local image file and its registration meta file to the {@code images}
 * container (both concurrently), then register the image with Plankton under the uploaded location.
 */
public final class ImageRegister implements Example {

    /** The image file's name, locally and in Pithos. */
    public static final String IMAGE_FILE = "my-image.diskdump";
    /** The registered image's name. */
    public static final String IMAGE_NAME = "Debian Base With Extras";
    /** The size of the image file the example makes. */
    static final int IMAGE_BYTES = 6 * 1024 * 1024 + 123;

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new ImageRegister(), args);
    }

    @Override
    public String name() {
        return "image-register";
    }

    @Override
    public String description() {
        return "Upload an image file and register it";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        // the local files of the reference: made here, in a temporary directory (file IO off the event loops)
        Mono<Path> dir = Mono.fromCallable(() -> makeFiles()).subscribeOn(Schedulers.boundedElastic());
        return Mono.usingWhen(dir, d -> Mono.zip(ctx.pithos(), ctx.userUuid()).flatMap(t -> {
            PithosClient images = t.getT1().withContainer("images");
            return images.createContainer("images")
                    .then(Mono.zip(images.uploadObject(IMAGE_FILE, d.resolve(IMAGE_FILE), UploadOptions.defaults()),
                            images.uploadObject(IMAGE_FILE + ".meta", d.resolve(IMAGE_FILE + ".meta"),
                                    UploadOptions.defaults())))
                    .doOnNext(u -> ctx.out().println("Uploaded " + u.getT1().name() + " (" + u.getT1().bytes()
                            + " bytes) and " + u.getT2().name() + " to images"))
                    .flatMap(u -> ctx.images().register(ImageRegistration.builder(IMAGE_NAME,
                                    new PithosLocation(t.getT2(), "images", IMAGE_FILE))
                            .diskFormat("diskdump").containerFormat("bare").property("OS", "linux")
                            .property("USER", "root").build()));
        }), ImageRegister::delete)
                .doOnNext(img -> ctx.out().println("Registered image " + img.name() + " (id " + img.id() + ") at "
                        + img.location()))
                .then();
    }

    private static Path makeFiles() throws IOException {
        Path d = Files.createTempDirectory("synnefo-tour-image");
        byte[] image = new byte[IMAGE_BYTES];
        new Random(42).nextBytes(image);
        Files.write(d.resolve(IMAGE_FILE), image);
        Files.writeString(d.resolve(IMAGE_FILE + ".meta"), "{\n  \"name\": \"" + IMAGE_NAME + "\",\n"
                + "  \"properties\": {\"OS\": \"linux\", \"USER\": \"root\"},\n"
                + "  \"disk-format\": \"diskdump\",\n  \"container-format\": \"bare\"\n}\n", StandardCharsets.UTF_8);
        return d;
    }

    private static Mono<Void> delete(Path d) {
        return Mono.<Void>fromRunnable(() -> {
            try (var files = Files.list(d)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
                Files.deleteIfExists(d);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
