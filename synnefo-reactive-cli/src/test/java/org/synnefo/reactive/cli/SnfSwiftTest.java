package org.synnefo.reactive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synnefo.reactive.cli.CliRunner.Result;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * The CLI's Swift mode ({@code --swift-auth/--swift-user/--swift-key} or {@code SWIFT_*}) end to end. An
 * in-test server speaks Swift's v1.0 tempauth (issuing the emulator's token and a storage URL on itself) and
 * forwards the object-store calls to the emulator with the Pithos block headers removed from every answer,
 * so the client's per-container detection sees a plain Swift and takes the Swift paths (MD5-verified PUTs,
 * ranged GETs), which the emulator serves like Swift does for single objects.
 */
class SnfSwiftTest {

    private static final String USER = "test:tester";
    private static final String KEY = "testing";

    private static SynnefoEmulator emulator;
    private static DisposableServer swift;
    private static final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private static CliRunner snf;
    private static String authUrl;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        emulator = SynnefoEmulator.builder().blockSize(64 * 1024).start();
        EmulatorUser user = emulator.users().get(0);
        String objectStore = emulator.baseUrl() + "/object-store/v1";
        HttpClient upstream = HttpClient.create();
        swift = HttpServer.create().host("127.0.0.1").port(0).handle((req, res) -> {
            String uri = req.uri();
            if (uri.startsWith("/auth/v1.0")) {
                if (!USER.equals(req.requestHeaders().get("X-Auth-User"))
                        || !KEY.equals(req.requestHeaders().get("X-Auth-Key"))) {
                    return res.status(401).header("Content-Length", "0").send();
                }
                return res.header("X-Auth-Token", user.token()).header("X-Storage-Token", user.token())
                        .header("X-Storage-Url", "http://127.0.0.1:" + swift.port() + "/v1/" + user.uuid())
                        .header("Content-Length", "0").send();
            }
            if (!uri.startsWith("/v1/")) {
                return res.status(404).header("Content-Length", "0").send();
            }
            requests.add(req.method() + " " + uri + (req.requestHeaders().contains("ETag") ? " etag" : ""));
            return upstream.headers(h -> h.set(req.requestHeaders()).remove(HttpHeaderNames.HOST))
                    .request(req.method())
                    .uri(objectStore + uri.substring("/v1".length()))
                    .send((creq, out) -> out.send(req.receive().retain()))
                    .response((cres, body) -> {
                        HttpHeaders h = cres.responseHeaders().copy();
                        h.remove("X-Container-Block-Hash");
                        h.remove("X-Container-Block-Size");
                        return res.status(cres.status()).headers(h).send(body.retain()).then();
                    })
                    .then();
        }).bindNow();
        authUrl = "http://127.0.0.1:" + swift.port() + "/auth/v1.0";
        snf = new CliRunner(Map.of("SWIFT_AUTH_URL", authUrl, "SWIFT_USER", USER, "SWIFT_KEY", KEY), false);
    }

    @AfterAll
    static void stop() {
        swift.disposeNow();
        emulator.close();
    }

    @BeforeEach
    void clear() {
        requests.clear();
    }

    private static Path random(Path p, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        Files.createDirectories(p.getParent());
        Files.write(p, b);
        return p;
    }

    private static void assertOk(Result r) {
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private static void assertFails(Result r, int code, String message) {
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).startsWith("snf: ").contains(message).doesNotContain("\tat ");
    }

    @Test
    void aFileRoundTripsThroughTheSwiftPathsWithTheOptions() throws IOException {
        Path src = random(tmp.resolve("data.bin"), 300_000, 1);
        CliRunner opts = snf.env(Map.of());
        String[] auth = {"--swift-auth", authUrl, "--swift-user", USER, "--swift-key", KEY};

        Result up = opts.run(concat(new String[] {"upload", src.toString(), "sw1/data.bin"}, auth));
        assertOk(up);
        assertThat(up.err()).contains("created container sw1");
        // one PUT carrying the file's MD5 for Swift to check: the Swift path, not Pithos' hashmap protocol
        assertThat(requests).anyMatch(r -> r.startsWith("PUT /v1/") && r.contains("/sw1/data.bin") && r.endsWith(
                " etag"));
        assertThat(requests).noneMatch(r -> r.contains("hashmap") || r.contains("update"));

        Result info = opts.run(concat(new String[] {"info", "sw1/data.bin"}, auth));
        assertOk(info);
        assertThat(info.out()).contains("bytes: 300000");

        Path dst = tmp.resolve("out/data.bin");
        assertOk(opts.run(concat(new String[] {"download", "sw1/data.bin", dst.toString()}, auth)));
        assertThat(Files.readAllBytes(dst)).isEqualTo(Files.readAllBytes(src));

        assertThat(opts.run(concat(new String[] {"list", "sw1"}, auth)).out()).isEqualTo("data.bin\n");
        assertOk(opts.run(concat(new String[] {"delete", "sw1/data.bin"}, auth)));
        assertThat(opts.run(concat(new String[] {"list", "sw1"}, auth)).out()).isEmpty();
    }

    @Test
    void aDirectoryRoundTripsWithTheEnvironment() throws IOException {
        Path src = tmp.resolve("tree");
        random(src.resolve("one.bin"), 70_000, 2);
        random(src.resolve("sub/two.bin"), 1000, 3);
        Files.write(src.resolve("empty.txt"), new byte[0]);

        Result up = snf.run("upload", "-r", src.toString(), "sw2/backup");
        assertOk(up);
        assertThat(up.out()).contains("upload 3 files from " + src + " to sw2/backup/");
        assertThat(snf.run("list", "sw2").out().lines()).contains("backup/empty.txt", "backup/one.bin",
                "backup/sub/two.bin");

        Path out = tmp.resolve("restored");
        assertOk(snf.run("download", "-r", "sw2/backup", out.toString()));
        for (String rel : List.of("one.bin", "sub/two.bin", "empty.txt")) {
            assertThat(Files.readAllBytes(out.resolve(rel))).as(rel).isEqualTo(Files.readAllBytes(src.resolve(rel)));
        }

        Result del = snf.run("delete", "-r", "sw2/backup");
        assertOk(del);
        assertThat(snf.run("list", "sw2").out()).isEmpty();
    }

    @Test
    void blockSizeSetsTheSegmentSizeOfLargeUploads() throws IOException {
        Path src = random(tmp.resolve("big.bin"), 200_000, 4);
        Result up = snf.run("upload", "-b", "64K", src.toString(), "sw3/big.bin");
        // Four segments of at most 64 KiB went to sw3_segments, each verified by the ETag of the answer (they
        // are sent from the file while hashed, so the request carries none). The emulator is no Swift: it
        // takes the SLO manifest for a plain object and refuses it (422) because its body does not hash to the
        // ETag sent, the MD5 of the segment MD5s; the CLI reports that as the integrity failure it is, as it
        // would on a server that mangled a manifest.
        assertThat(requests.stream().filter(r -> r.startsWith("PUT ") && r.contains("/sw3_segments/big.bin/")))
                .hasSize(4);
        assertThat(requests).anyMatch(r -> r.contains("multipart-manifest=put"));
        assertThat(up.code()).as(up.toString()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(up.errLines()).as(up.toString()).hasSize(2).first().isEqualTo("snf: created container sw3");
        assertThat(up.errLines().get(1)).startsWith("snf: integrity check failed: the manifest of big.bin was "
                + "refused").doesNotContain("\tat ");

        assertFails(snf.run("upload", "-b", "6G", src.toString(), "sw3/x"), ExitCodes.USAGE,
                "--block-size must be between 1 byte and 5G");
    }

    @Test
    void aWrongKeyIsAnAuthenticationFailure() {
        Result r = snf.env(Map.of("SWIFT_AUTH_URL", authUrl, "SWIFT_USER", USER, "SWIFT_KEY", "wrong"))
                .run("list");
        assertFails(r, ExitCodes.AUTH, "authentication failed (401)");
    }

    @Test
    void anUnreachableSwiftIsWorthRetryingLater() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Result r = snf.run("list", "--swift-auth", "http://127.0.0.1:" + port + "/auth/v1.0", "--swift-user", USER,
                "--swift-key", KEY);
        assertFails(r, ExitCodes.UNAVAILABLE, "cannot reach the server");
    }

    @Test
    void anUnknownContainerIsNotFound() {
        assertFails(snf.run("list", "sw-none"), ExitCodes.NOT_FOUND, "no such container: sw-none");
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
