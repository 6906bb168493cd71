package org.synnefo.reactive.emulator.internal.pithos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import org.synnefo.reactive.emulator.internal.ObjectLookup;

/** With a data directory, blocks and metadata survive a restart and a torn journal tail. */
class PithosPersistenceTest {

    @TempDir
    Path dir;

    private SynnefoEmulator start() {
        return SynnefoEmulator.builder().blockSize(1024).dataDir(dir).start();
    }

    @Test
    void aDataDirEmulatorClosesAndReopensRepeatedlyInOneJvm() throws IOException {
        for (int round = 0; round < 4; round++) {
            SynnefoEmulator e = start();
            try {
                PithosHttp h = new PithosHttp(e);
                String a = "/" + h.alice.uuid();
                if (round == 0) {
                    h.req("PUT", a + "/rounds").send().expect(201);
                }
                // every earlier round's object is there, then this round adds one
                for (int i = 0; i < round; i++) {
                    assertThat(h.req("GET", a + "/rounds/o" + i).send().expect(200).body())
                            .isEqualTo(("round " + i).getBytes(StandardCharsets.UTF_8));
                }
                h.put("rounds", "o" + round, ("round " + round).getBytes(StandardCharsets.UTF_8));
                assertThat(openFilesUnder(dir)).isNotEmpty();
            } finally {
                e.close();
            }
            e.close(); // idempotent
            assertThat(openFilesUnder(dir)).as("files left open after close, round " + round).isEmpty();
        }
    }

    /** The files under {@code root} this JVM holds open (Linux /proc; other systems skip the check). */
    private static List<Path> openFilesUnder(Path root) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd");
        Path real = root.toRealPath();
        List<Path> open = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.list(fds)) {
            for (Path fd : (Iterable<Path>) s::iterator) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(real)) {
                        open.add(target);
                    }
                } catch (IOException gone) {
                    // closed while listing
                }
            }
        }
        return open;
    }

    @Test
    void everythingSurvivesARestart() throws IOException {
        byte[] big = PithosHttp.bytes(5000, 30);
        String url;
        String version1;
        try (SynnefoEmulator e = start()) {
            PithosHttp h = new PithosHttp(e);
            String a = "/" + h.alice.uuid();
            h.req("PUT", a + "/keep").header("X-Container-Policy-Quota", "100000")
                    .header("X-Container-Meta-Color", "blue").send().expect(201);
            version1 = h.put("keep", "big", big).header("X-Object-Version");
            h.req("POST", a + "/keep/big?update").header("X-Object-Meta-Tag", "t")
                    .header("X-Object-Sharing", "read=" + h.bob.uuid()).header("X-Object-Public", "true").send()
                    .expect(202);
            url = h.req("HEAD", a + "/keep/big").send().header("X-Object-Public");
            h.put("keep", "gone", "x".getBytes());
            h.req("DELETE", a + "/keep/gone").send().expect(204);
            h.req("POST", a + "?update").header("X-Account-Group-Team", h.bob.uuid()).send().expect(202);
        }
        assertThat(blockFiles()).isNotEmpty();
        try (SynnefoEmulator e = start()) {
            PithosHttp h = new PithosHttp(e);
            String a = "/" + h.alice.uuid();
            PithosHttp.Res c = h.req("HEAD", a + "/keep").send().expect(204);
            assertThat(c.header("X-Container-Meta-Color")).isEqualTo("blue");
            assertThat(c.header("X-Container-Policy-Quota")).isEqualTo("100000");
            assertThat(c.header("X-Container-Object-Count")).isEqualTo("1");
            PithosHttp.Res r = h.req("GET", a + "/keep/big").send().expect(200);
            assertThat(r.body()).isEqualTo(big);
            assertThat(r.header("X-Object-Meta-Tag")).isEqualTo("t");
            assertThat(h.req("GET", a + "/keep/big?version=" + version1).send().expect(200).body()).isEqualTo(big);
            assertThat(h.as(h.bob, "GET", a + "/keep/big").send().expect(200).body()).isEqualTo(big);
            String newUrl = url.replaceFirst("^http://[^/]+", e.baseUrl());
            assertThat(h.raw("GET", newUrl).send().expect(200).body()).isEqualTo(big);
            h.req("HEAD", a + "/keep/gone").send().expect(404);
            assertThat(h.req("HEAD", a).send().header("X-Account-Group-Team")).isEqualTo(h.bob.uuid());
            // new versions get new ids after a restart
            String v2 = h.put("keep", "big", "small".getBytes()).header("X-Object-Version");
            assertThat(Long.parseLong(v2)).isGreaterThan(Long.parseLong(version1));
            ObjectLookup lookup = e.context().lookup(ObjectLookup.class).orElseThrow();
            assertThat(lookup.find(h.alice.uuid(), "keep", "big").orElseThrow().bytes()).isEqualTo(5);
            assertThat(e.context().ledger().entry(h.alice.uuid(), h.alice.uuid(), "pithos.diskspace").usage())
                    .isEqualTo(5);
        }
    }

    @Test
    void aTornJournalTailIsDroppedAndEarlierCommitsSurvive() throws IOException {
        try (SynnefoEmulator e = start()) {
            PithosHttp h = new PithosHttp(e);
            h.createContainer("c");
            h.put("c", "one", "first".getBytes());
        }
        Path journal = dir.resolve("pithos/meta/journal.jsonl");
        Files.write(journal, "{\"ops\":[{\"t\":\"ver\",\"a\":\"x\",\"c\"".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        try (SynnefoEmulator e = start()) {
            PithosHttp h = new PithosHttp(e);
            assertThat(h.get("c", "one")).isEqualTo("first".getBytes());
            h.put("c", "two", "second".getBytes());
        }
        try (SynnefoEmulator e = start()) {
            PithosHttp h = new PithosHttp(e);
            assertThat(h.get("c", "one")).isEqualTo("first".getBytes());
            assertThat(h.get("c", "two")).isEqualTo("second".getBytes());
        }
        assertThat(Files.readString(journal)).endsWith("\n");
    }

    private List<Path> blockFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dir.resolve("pithos/blocks"))) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
