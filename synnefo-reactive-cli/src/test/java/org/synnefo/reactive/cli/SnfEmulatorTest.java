package org.synnefo.reactive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synnefo.reactive.cli.CliRunner.Result;
import org.synnefo.reactive.emulator.FaultRule;
import org.synnefo.reactive.emulator.SynnefoEmulator;

/** The CLI's commands end to end against the in-process emulator (small blocks: many per file). */
class SnfEmulatorTest {

    private static final int BLOCK = 64 * 1024;

    private static SynnefoEmulator emulator;
    private static CliRunner snf;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        emulator = SynnefoEmulator.builder().blockSize(BLOCK).start();
        snf = new CliRunner(Map.of("SYNNEFO_AUTH_URL", emulator.authUrl(), "SYNNEFO_TOKEN", emulator.token()),
                false);
    }

    @AfterAll
    static void stop() {
        emulator.close();
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
        assertNoStackTrace(r);
    }

    private static void assertNoStackTrace(Result r) {
        assertThat(r.err()).as(r.toString()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.out()).as(r.toString()).doesNotContain("\tat ");
    }

    /** A failure: the exit code, exactly one line on stderr, no stack trace. */
    private static void assertFails(Result r, int code, String message) {
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).startsWith("snf: ").contains(message);
        assertNoStackTrace(r);
    }

    @Test
    void uploadsAFileCreatingTheContainerAndDownloadsItByteForByte() throws IOException {
        Path src = random(tmp.resolve("data.bin"), 10 * BLOCK + 123, 1);

        Result up = snf.run("upload", src.toString(), "files1/data.bin");
        assertOk(up);
        assertThat(up.err()).contains("created container files1");
        assertThat(up.out()).contains("upload " + src + " to files1/data.bin");

        Result info = snf.run("info", "files1/data.bin");
        assertOk(info);
        assertThat(info.out()).contains("bytes: " + (10 * BLOCK + 123)).contains("object: files1/data.bin");

        Path dst = tmp.resolve("out/data.bin");
        Result down = snf.run("download", "files1/data.bin", dst.toString());
        assertOk(down);
        assertThat(Files.readAllBytes(dst)).isEqualTo(Files.readAllBytes(src));

        // a second upload into the now existing container does not create it again
        Result again = snf.run("upload", src.toString(), "files1/");
        assertOk(again);
        assertThat(again.err()).doesNotContain("created container");
        assertThat(snf.run("list", "files1").out()).isEqualTo("data.bin\n");
    }

    @Test
    void downloadIntoAnExistingDirectoryKeepsTheObjectsBaseName() throws IOException {
        Path src = random(tmp.resolve("x.bin"), 3 * BLOCK, 2);
        assertOk(snf.run("upload", src.toString(), "files2/a/b/x.bin"));
        Path dir = Files.createDirectories(tmp.resolve("into"));
        assertOk(snf.run("download", "files2/a/b/x.bin", dir.toString()));
        assertThat(Files.readAllBytes(dir.resolve("x.bin"))).isEqualTo(Files.readAllBytes(src));
    }

    @Test
    void directoriesRoundTripByteForByte() throws IOException {
        Path src = tmp.resolve("tree");
        random(src.resolve("one.bin"), 5 * BLOCK + 7, 3);
        random(src.resolve("sub/two.bin"), 1000, 4);
        random(src.resolve("sub/deeper/three.bin"), 2 * BLOCK, 5);
        Files.write(src.resolve("empty.txt"), new byte[0]);
        Files.createDirectories(src.resolve("emptydir"));

        Result up = snf.run("upload", "-r", src.toString(), "dirs/backup");
        assertOk(up);
        assertThat(up.out()).contains("upload 4 files from " + src + " to dirs/backup/");
        // not a terminal: one plain line per finished file
        assertThat(up.err()).contains("upload backup/sub/deeper/three.bin").contains("upload backup/one.bin");

        assertThat(snf.run("list", "dirs").out().lines()).containsExactly("backup/empty.txt", "backup/emptydir",
                "backup/one.bin", "backup/sub", "backup/sub/deeper", "backup/sub/deeper/three.bin",
                "backup/sub/two.bin");

        Path out = tmp.resolve("restored");
        Result down = snf.run("download", "-r", "dirs/backup", out.toString());
        assertOk(down);
        assertThat(down.out()).contains("download 4 files from dirs/backup/ to " + out);
        assertSameTree(src, out);
    }

    @Test
    void aWholeContainerDownloadsWithR() throws IOException {
        Path src = tmp.resolve("c");
        random(src.resolve("a.bin"), 100, 6);
        random(src.resolve("d/b.bin"), BLOCK + 1, 7);
        assertOk(snf.run("upload", "-r", src.toString(), "whole"));
        Path out = tmp.resolve("whole-out");
        assertOk(snf.run("download", "-r", "whole", out.toString()));
        assertSameTree(src, out);
    }

    private static void assertSameTree(Path a, Path b) throws IOException {
        List<String> left = relativeAll(a);
        assertThat(relativeAll(b)).isEqualTo(left);
        for (String rel : left) {
            Path x = a.resolve(rel);
            if (Files.isRegularFile(x)) {
                assertThat(Files.readAllBytes(b.resolve(rel))).as(rel).isEqualTo(Files.readAllBytes(x));
            } else {
                assertThat(b.resolve(rel)).isDirectory();
            }
        }
    }

    private static List<String> relativeAll(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void listsContainersAndObjectsByPrefixLongAndOneLevel() throws IOException {
        Path f = random(tmp.resolve("f.bin"), 2048, 8);
        assertOk(snf.run("upload", f.toString(), "listing/logs/2024/a.log"));
        assertOk(snf.run("upload", f.toString(), "listing/logs/2025/b.log"));
        assertOk(snf.run("upload", f.toString(), "listing/top.bin"));

        assertThat(snf.run("list").out().lines()).contains("listing");
        assertThat(snf.run("list", "-l").out().lines()).contains("3\t6144\tlisting");
        assertThat(snf.run("list", "listing/logs/").out().lines()).containsExactly("logs/2024/a.log",
                "logs/2025/b.log");
        assertThat(snf.run("list", "-d", "listing").out().lines()).containsExactly("logs/", "top.bin");
        Result l = snf.run("list", "-l", "listing/top");
        assertThat(l.out().lines()).singleElement().asString().startsWith("2048\t").endsWith("\ttop.bin");
        assertThat(snf.run("ls", "listing/nothing-here").out()).isEmpty();
    }

    @Test
    void infoDescribesAccountContainerAndObject() throws IOException {
        Path f = random(tmp.resolve("i.bin"), 4096, 9);
        assertOk(snf.run("upload", f.toString(), "infos/i.bin"));
        Result c = snf.run("info", "infos");
        assertOk(c);
        assertThat(c.out()).contains("container: infos", "objects: 1", "bytes: 4096", "block-size: " + BLOCK,
                "block-hash: sha256");
        Result o = snf.run("info", "infos/i.bin");
        assertThat(o.out()).contains("content-type: application/octet-stream", "hash: ");
        Result a = snf.run("info");
        assertOk(a);
        assertThat(a.out()).contains("account: ", "containers: ");
    }

    @Test
    void deletesObjectsTreesAndContainers() throws IOException {
        Path src = tmp.resolve("del");
        random(src.resolve("a.bin"), 100, 10);
        random(src.resolve("s/b.bin"), 100, 11);
        Path lone = random(tmp.resolve("lone.bin"), 100, 12);
        assertOk(snf.run("upload", "-r", src.toString(), "deletes/tree"));
        assertOk(snf.run("upload", lone.toString(), "deletes/lone.bin"));

        Result d = snf.run("delete", "deletes/lone.bin");
        assertOk(d);
        assertThat(d.out()).isEqualTo("deleted deletes/lone.bin\n");
        assertFails(snf.run("info", "deletes/lone.bin"), ExitCodes.NOT_FOUND, "no such object: deletes/lone.bin");

        assertFails(snf.run("delete", "deletes"), ExitCodes.FAILURE, "container deletes is not empty: use -r");

        Result tree = snf.run("delete", "-r", "deletes/tree");
        assertOk(tree);
        assertThat(tree.out()).contains("deleted 3 objects under deletes/tree");
        assertThat(snf.run("list", "deletes").out()).isEmpty();

        assertOk(snf.run("upload", lone.toString(), "deletes/again.bin"));
        Result all = snf.run("rm", "-r", "deletes");
        assertOk(all);
        assertFails(snf.run("list", "deletes"), ExitCodes.NOT_FOUND, "no such container: deletes");
    }

    @Test
    void quietPrintsNothingAndATerminalGetsABar() throws IOException {
        Path f = random(tmp.resolve("q.bin"), 3 * BLOCK, 13);
        Result q = snf.run("upload", "-q", f.toString(), "quiet/q.bin");
        assertOk(q);
        assertThat(q.out()).isEmpty();
        assertThat(q.err()).isEmpty();

        Result t = snf.terminal(true).run("download", f.getFileName().toString().isEmpty() ? "" : "quiet/q.bin",
                tmp.resolve("q.out").toString());
        assertOk(t);
        // the bar is drawn at least once when the transfer ends, then erased so the summary stands alone
        assertThat(t.err()).contains("\rdownload [").contains("100%").endsWith("\r");
        assertThat(t.out()).startsWith("download quiet/q.bin to ");
    }

    @Test
    void concurrencyAndJobsOptionsAreAccepted() throws IOException {
        Path src = tmp.resolve("conc");
        for (int i = 0; i < 6; i++) {
            random(src.resolve("f" + i + ".bin"), 3 * BLOCK + i, 20 + i);
        }
        assertOk(snf.run("upload", "-r", "-c", "1", "-j", "1", src.toString(), "conc/seq"));
        assertOk(snf.run("upload", "-r", "--concurrency", "16", "--jobs", "8", src.toString(), "conc/par"));
        Path out = tmp.resolve("conc-out");
        assertOk(snf.run("download", "-r", "-c", "3", "-j", "2", "conc/par", out.toString()));
        assertSameTree(src, out);
        assertFails(snf.run("upload", "-c", "0", src.resolve("f0.bin").toString(), "conc/x"), ExitCodes.USAGE,
                "--concurrency must be between 1 and 256");
    }

    // ------------------------------------------------------------------------------------------ bad input

    @Test
    void aMissingLocalFileIsNotFound() {
        assertFails(snf.run("upload", tmp.resolve("nope.bin").toString(), "bad/x"), ExitCodes.NOT_FOUND,
                "no such file or directory: " + tmp.resolve("nope.bin"));
    }

    @Test
    void aDirectoryWithoutRIsAUsageError() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        assertFails(snf.run("upload", dir.toString(), "bad/x"), ExitCodes.USAGE, "is a directory: use -r");
    }

    @Test
    void anUnknownContainerOrObjectIsNotFound() throws IOException {
        assertFails(snf.run("download", "no-such-container/x", tmp.resolve("x").toString()), ExitCodes.NOT_FOUND,
                "no such container: no-such-container");
        assertFails(snf.run("list", "no-such-container"), ExitCodes.NOT_FOUND, "no such container: no-such-container");
        assertFails(snf.run("info", "no-such-container/x"), ExitCodes.NOT_FOUND,
                "no such container: no-such-container");
        assertFails(snf.run("download", "-r", "no-such-container", tmp.resolve("y").toString()), ExitCodes.NOT_FOUND,
                "no such container: no-such-container");

        Path f = random(tmp.resolve("k.bin"), 10, 30);
        assertOk(snf.run("upload", f.toString(), "known/dir/k.bin"));
        assertFails(snf.run("download", "known/missing.bin", tmp.resolve("m").toString()), ExitCodes.NOT_FOUND,
                "no such object: known/missing.bin");
        assertFails(snf.run("delete", "known/missing.bin"), ExitCodes.NOT_FOUND, "no such object: known/missing.bin");
        assertFails(snf.run("download", "known/dir", tmp.resolve("m").toString()), ExitCodes.USAGE,
                "known/dir is a directory (objects under dir/): use -r");
        assertFails(snf.run("download", "-r", "known/nothing", tmp.resolve("m").toString()), ExitCodes.NOT_FOUND,
                "nothing under known/nothing/");
        assertThat(tmp.resolve("m")).doesNotExist();
    }

    @Test
    void aBadTokenIsAnAuthenticationFailure() {
        Result r = snf.run("list", "--token", "not-a-token");
        assertFails(r, ExitCodes.AUTH, "authentication failed (401)");
        assertThat(r.err()).doesNotContain("not-a-token");
    }

    @Test
    void anUnreachableServerIsUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertFails(snf.run("list", "--auth-url", "http://127.0.0.1:" + port + "/identity/v2.0"),
                ExitCodes.UNAVAILABLE, "cannot reach the server: POST http://127.0.0.1:" + port);
    }

    @Test
    void aServerThatStaysUnavailableIsExitFive() throws IOException {
        Path f = random(tmp.resolve("flaky.bin"), 2 * BLOCK, 40);
        assertOk(snf.run("upload", f.toString(), "flaky/x.bin"));
        String id = emulator.faults().add(FaultRule.builder().method("GET").path(".*/flaky/x\\.bin.*")
                .respond(503).build()).id();
        try {
            assertFails(snf.run("download", "flaky/x.bin", tmp.resolve("flaky.out").toString()),
                    ExitCodes.UNAVAILABLE, "503");
        } finally {
            emulator.faults().remove(id);
        }
        assertOk(snf.run("download", "flaky/x.bin", tmp.resolve("flaky.out").toString()));
        assertThat(Files.readAllBytes(tmp.resolve("flaky.out"))).isEqualTo(Files.readAllBytes(f));
    }

    @Test
    void usageErrorsAreOneLine() {
        assertFails(snf.run("frobnicate"), ExitCodes.USAGE, "Unmatched argument");
        assertFails(snf.run(), ExitCodes.USAGE, "missing command");
        assertFails(snf.run("upload", "only-one-arg"), ExitCodes.USAGE, "Missing required parameter");
        assertFails(snf.run("upload", "--bogus", "a", "b"), ExitCodes.USAGE, "Unknown option: '--bogus'");
        assertFails(snf.run("upload", "-b", "lots", "a", "b"), ExitCodes.USAGE, "bad size 'lots'");
        assertFails(snf.run("list", "/"), ExitCodes.USAGE, "bad remote path '/'");
        assertFails(snf.run("download", "container-only", tmp.toString()), ExitCodes.USAGE,
                "download of a whole container needs -r");
        assertFails(snf.env(Map.of()).run("list"), ExitCodes.USAGE, "no credentials");
        assertFails(snf.run("list", "--swift-auth", "http://127.0.0.1:1/auth/v1.0", "--token", "t"),
                ExitCodes.USAGE, "not both");
        assertFails(snf.run("list", "--swift-auth", "http://127.0.0.1:1/auth/v1.0"), ExitCodes.USAGE,
                "Swift needs --swift-auth, --swift-user and --swift-key");
        assertFails(snf.run("list", "--auth-url", "ftp://x"), ExitCodes.USAGE, "must be an http:// or https:// URL");
        assertFails(snf.run("upload", "-b", "64M", "a", "b/c"), ExitCodes.NOT_FOUND, "no such file");
        assertFails(snf.env(Map.of("SYNNEFO_AUTH_URL", "http://a", "SWIFT_AUTH_URL", "http://b")).run("list"),
                ExitCodes.USAGE, "both SYNNEFO_AUTH_URL and SWIFT_AUTH_URL are set");
    }

    @Test
    void blockSizeIsRefusedOnSynnefo() throws IOException {
        Path f = random(tmp.resolve("bs.bin"), 10, 31);
        assertFails(snf.run("upload", "-b", "64M", f.toString(), "bs/x"), ExitCodes.USAGE,
                "--block-size applies to Swift only");
    }

    @Test
    void debugAddsTheStackTrace() {
        Result r = snf.run("list", "--debug", "--token", "not-a-token");
        assertThat(r.code()).isEqualTo(ExitCodes.AUTH);
        assertThat(r.err()).startsWith("snf: authentication failed").contains("\tat ");
    }

    @Test
    void helpGoesToStdoutAndExitsZero() {
        Result r = snf.run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("upload", "download", "list", "info", "delete", "Exit codes");
        Result u = snf.run("upload", "--help");
        assertThat(u.code()).isZero();
        assertThat(u.out()).contains("--concurrency", "--swift-auth", "--block-size");
    }
}
