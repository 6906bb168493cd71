package org.synnefo.reactive.emulator.internal.pithos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.synnefo.reactive.emulator.SynnefoEmulator;

/**
 * A by-hand throughput self-check of the emulated object store on loopback (not a test: no timed
 * assertions). Run with {@code java -cp <test classpath> ...PithosThroughputCheck [blocks] [parallel]}.
 * Uploads {@code blocks} 4 MiB blocks with {@code POST <container>?update}, assembles them with a
 * hashmap PUT, then reads the object back with 4 MiB ranged GETs, and prints MB/s for each phase.
 */
public final class PithosThroughputCheck {

    private PithosThroughputCheck() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int parallel = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int bs = SynnefoEmulator.DEFAULT_BLOCK_SIZE;
        try (SynnefoEmulator emulator = SynnefoEmulator.builder().start()) {
            String token = emulator.token();
            String base = emulator.baseUrl() + PithosServices.OBJECT_STORE_PREFIX + "/" + emulator.users().get(0).uuid();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            http.send(HttpRequest.newBuilder(URI.create(base + "/bench")).header("X-Auth-Token", token)
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            List<byte[]> data = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            for (int i = 0; i < blocks; i++) {
                byte[] b = PithosHttp.bytes(bs, i);
                data.add(b);
                hashes.add(PithosHttp.sha256(b, 0, bs));
            }
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                runParallel(parallel, blocks, i -> http.sendAsync(HttpRequest.newBuilder(URI.create(base
                        + "/bench?update&format=json")).header("X-Auth-Token", token)
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(data.get(i))).build(),
                        HttpResponse.BodyHandlers.discarding()));
                report((round == 0 ? "block POST (first)" : "block POST (again)"), blocks * (long) bs, t0);
            }
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/bench/obj?hashmap&format=json"))
                    .header("X-Auth-Token", token).header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofString(PithosHttp.hashmapJson((long) blocks * bs, hashes)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("hashmap PUT: " + put.statusCode());
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                runParallel(parallel, blocks, i -> http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/bench/obj"))
                        .header("X-Auth-Token", token)
                        .header("Range", "bytes=" + ((long) i * bs) + "-" + ((long) (i + 1) * bs - 1)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()));
                report("ranged GET", blocks * (long) bs, t0);
            }
            long t0 = System.nanoTime();
            http.send(HttpRequest.newBuilder(URI.create(base + "/bench/obj")).header("X-Auth-Token", token).GET()
                    .build(), HttpResponse.BodyHandlers.discarding());
            report("whole-object GET", blocks * (long) bs, t0);
            long hold = Long.getLong("hold", 0);
            if (hold > 0) {
                // leaves the server up so that another client (curl) can be timed against it
                System.out.println("URL=" + base + "/bench/obj TOKEN=" + token);
                Thread.sleep(hold * 1000);
            }
        }
    }

    private interface Call {
        CompletableFuture<? extends HttpResponse<?>> start(int i);
    }

    private static void runParallel(int parallel, int n, Call call) {
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inFlight.add(call.start(i).thenAccept(r -> {
                if (r.statusCode() >= 300) {
                    throw new IllegalStateException("status " + r.statusCode());
                }
            }));
            if (inFlight.size() >= parallel) {
                inFlight.remove(0).join();
            }
        }
        inFlight.forEach(CompletableFuture::join);
    }

    private static void report(String what, long bytes, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-20s %6.0f MiB in %5.2f s = %7.1f MiB/s%n", what, bytes / 1048576.0, s, bytes / 1048576.0 / s);
    }
}
