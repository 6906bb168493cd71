package org.synnefo.reactive.emulator.internal.pithos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import org.synnefo.reactive.emulator.internal.Endpoints;

/** The hashmap protocol of synnefo-api.md §6.7 and behaviours 1-6 of §7. */
class PithosHashmapTest {

    static final int BS = 1024;
    static SynnefoEmulator emulator;
    static PithosHttp h;
    static String a;

    @BeforeAll
    static void start() {
        emulator = SynnefoEmulator.builder().blockSize(BS).start();
        h = new PithosHttp(emulator);
        a = "/" + h.alice.uuid();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private PithosHttp.Res putHashmap(String path, long bytes, List<String> hashes) {
        return h.req("PUT", path + "?hashmap&format=json").header("Content-Type", "application/octet-stream")
                .body(PithosHttp.hashmapJson(bytes, hashes)).send();
    }

    private PithosHttp.Res postBlocks(String container, byte[] data) {
        return h.req("POST", a + "/" + container + "?update&format=json")
                .header("Content-Type", "application/octet-stream").body(data).send();
    }

    @Test
    void containerAdvertisesBlockSizeAndHash() {
        String c = PithosHttp.unique("c");
        h.createContainer(c);
        PithosHttp.Res r = h.req("HEAD", a + "/" + c).send().expect(204);
        assertThat(r.header("X-Container-Block-Size")).isEqualTo(Integer.toString(BS));
        assertThat(r.header("X-Container-Block-Hash")).isEqualTo("sha256");
    }

    @Test
    void fullHashmapProtocolWith409ThenBlocksThen201() {
        String c = PithosHttp.unique("c");
        h.createContainer(c);
        byte[] data = PithosHttp.bytes(3 * BS + 100, 1);
        System.arraycopy(data, 0, data, BS, BS); // block 1 repeats block 0: dedup in the 409 list
        List<String> hashes = PithosHttp.blockHashes(data, BS);
        String path = a + "/" + c + "/obj";
        PithosHttp.Res first = putHashmap(path, data.length, hashes).expect(409);
        assertThat(first.header("Content-Type")).startsWith("application/json");
        List<String> missing = new ArrayList<>();
        first.json().forEach(n -> missing.add(n.asText()));
        assertThat(missing).containsExactly(hashes.get(0), hashes.get(2), hashes.get(3));

        for (int i = 0; i < 4; i++) {
            if (i == 1) {
                continue;
            }
            int off = i * BS;
            byte[] block = java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + BS));
            PithosHttp.Res r = postBlocks(c, block).expect(202);
            assertThat(r.json().get(0).asText()).isEqualTo(hashes.get(i));
        }
        PithosHttp.Res done = putHashmap(path, data.length, hashes).expect(201);
        String merkle = new Hashing("sha256").merkle(hashes);
        assertThat(done.header("ETag")).isEqualTo(merkle);
        PithosHttp.Res got = h.req("GET", path).send().expect(200);
        assertThat(got.body()).isEqualTo(data);
        assertThat(got.header("X-Object-Hash")).isEqualTo(merkle);

        JsonNode map = h.req("GET", path + "?hashmap&format=json").send().expect(200).json();
        assertThat(map.path("block_hash").asText()).isEqualTo("sha256");
        assertThat(map.path("block_size").asInt()).isEqualTo(BS);
        assertThat(map.path("bytes").asLong()).isEqualTo(data.length);
        List<String> got2 = new ArrayList<>();
        map.path("hashes").forEach(n -> got2.add(n.asText()));
        assertThat(got2).isEqualTo(hashes);
    }

    @Test
    void lastBlockUnknownIsTheOnlyMissingHash() {
        String c = PithosHttp.unique("c");
        h.createContainer(c);
        byte[] data = PithosHttp.bytes(2 * BS + 10, 2);
        List<String> hashes = PithosHttp.blockHashes(data, BS);
        postBlocks(c, java.util.Arrays.copyOf(data, 2 * BS)).expect(202); // two blocks in one POST
        PithosHttp.Res r = putHashmap(a + "/" + c + "/x", data.length, hashes).expect(409);
        assertThat(r.json().size()).isEqualTo(1);
        assertThat(r.json().get(0).asText()).isEqualTo(hashes.get(2));
    }

    @Test
    void blocksAreSharedAcrossAccountsAndHashmapCopiesWork() {
        String c = PithosHttp.unique("c");
        h.createContainer(c);
        byte[] data = PithosHttp.bytes(2 * BS + 7, 3);
        h.put(c, "orig", data);
        // bob never uploaded a block: his hashmap PUT of the same content succeeds at once (dedup)
        String bc = PithosHttp.unique("bob");
        h.as(h.bob, "PUT", "/" + h.bob.uuid() + "/" + bc).send().expect(201);
        String body = h.req("GET", a + "/" + c + "/orig?hashmap&format=json").send().expect(200).text();
        h.as(h.bob, "PUT", "/" + h.bob.uuid() + "/" + bc + "/copy?hashmap&format=json")
                .header("Content-Type", "text/plain").body(body).send().expect(201);
        PithosHttp.Res got = h.as(h.bob, "GET", "/" + h.bob.uuid() + "/" + bc + "/copy").send().expect(200);
        assertThat(got.body()).isEqualTo(data);
        assertThat(got.header("Content-Type")).isEqualTo("text/plain");
        PithosHttp.Res orig = h.req("HEAD", a + "/" + c + "/orig").send();
        assertThat(got.header("X-Object-Hash")).isEqualTo(orig.header("X-Object-Hash"));
        assertThat(got.header("X-Object-UUID")).isNotEqualTo(orig.header("X-Object-UUID"));
    }

    @Test
    void everyBlockHashOfAnAlignedObjectIsItsMerkle() {
        String c = PithosHttp.unique("c");
        h.createContainer(c);
        byte[] data = PithosHttp.bytes(4 * BS, 4);
        h.put(c, "k", data);
        JsonNode map = h.req("GET", a + "/" + c + "/k?hashmap&format=json").send().json();
        for (int i = 0; i < 4; i++) {
            byte[] block = java.util.Arrays.copyOfRange(data, i * BS, (i + 1) * BS);
            h.put(c, "b" + i, block);
            String merkle = h.req("HEAD", a + "/" + c + "/b" + i).send().header("X-Object-Hash");
            assertThat(map.path("hashes").get(i).asText()).isEqualTo(merkle);
        }
    }

    @Test
    void emptyObjects() {
        String c = PithosHttp.unique("c");
        h.createContainer(c);
        String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        PithosHttp.Res put = h.put(c, "empty", new byte[0]);
        assertThat(put.header("ETag")).isEqualTo(empty);
        PithosHttp.Res get = h.req("GET", a + "/" + c + "/empty").send().expect(200);
        assertThat(get.body()).isEmpty();
        assertThat(get.header("Content-Length")).isEqualTo("0");
        JsonNode map = h.req("GET", a + "/" + c + "/empty?hashmap&format=json").send().json();
        assertThat(map.path("bytes").asLong()).isZero();
        assertThat(map.path("hashes").size()).isEqualTo(1);
        assertThat(map.path("hashes").get(0).asText()).isEqualTo(empty);
        putHashmap(a + "/" + c + "/e1", 0, List.of()).expect(201);
        putHashmap(a + "/" + c + "/e2", 0, List.of(empty)).expect(201);
        putHashmap(a + "/" + c + "/e3", 0, List.of(PithosHttp.sha256(new byte[] {1}, 0, 1))).expect(400);
        assertThat(h.req("HEAD", a + "/" + c + "/e1").send().header("X-Object-Hash")).isEqualTo(empty);
        // an all-zero block hashes like nothing and reads back as zeros
        byte[] zeros = new byte[BS + 5];
        h.put(c, "zeros", zeros);
        assertThat(h.get(c, "zeros")).isEqualTo(zeros);
    }

    @Test
    void badHashmapsAre400AndNeverDamageTheObject() {
        String c = PithosHttp.unique("c");
        h.createContainer(c);
        byte[] data = PithosHttp.bytes(2 * BS, 5);
        h.put(c, "keep", data);
        List<String> hashes = PithosHttp.blockHashes(data, BS);
        String path = a + "/" + c + "/keep";
        putHashmap(path, 1, hashes).expect(400);                    // too small
        putHashmap(path, 2L * BS + 1, hashes).expect(400);          // too large for 2 hashes
        putHashmap(path, 1L << 50, hashes).expect(400);             // huge
        putHashmap(path, -1, hashes).expect(400);                   // negative
        String ct = "application/octet-stream";
        h.req("PUT", path + "?hashmap&format=json").header("Content-Type", ct).body("not json").send().expect(400);
        h.req("PUT", path + "?hashmap&format=json").header("Content-Type", ct).body("{\"bytes\": 10}").send()
                .expect(400);
        h.req("PUT", path + "?hashmap&format=xml").header("Content-Type", ct)
                .body("<?xml version='1.0'?><object bytes='10'><hash>ab</hash></object>").send().expect(400);
        h.req("PUT", path + "?hashmap&format=json").header("Content-Type", ct)
                .body("{\"bytes\": 10, \"hashes\": [\"zz-not-hex\"]}").send().expect(400);
        // hashmap PUT without Content-Type: 411
        h.req("PUT", path + "?hashmap&format=json").body(PithosHttp.hashmapJson(data.length, hashes)).send()
                .expect(411);
        // valid hex of a wrong length is reported missing
        PithosHttp.Res r = putHashmap(path, 10, List.of("abcd")).expect(409);
        assertThat(r.json().get(0).asText()).isEqualTo("abcd");
        assertThat(h.get(c, "keep")).isEqualTo(data);
    }

    @Test
    void dataPutWithoutContentTypeOrLengthIs411() {
        String c = PithosHttp.unique("c");
        h.createContainer(c);
        h.req("PUT", a + "/" + c + "/x").body("abc").send().expect(411);
        String req = "PUT " + Endpoints.OBJECT_STORE + a + "/" + c + "/y HTTP/1.1\r\nHost: x\r\n"
                + "X-Auth-Token: " + h.alice.token() + "\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n";
        assertThat(h.rawStatus(req)).isEqualTo(411);
        h.req("HEAD", a + "/" + c + "/y").send().expect(404);
    }

    @Test
    void blockUploadByAnotherUserIs403EvenWithWriteSharing() {
        String c = PithosHttp.unique("c");
        h.createContainer(c);
        h.put(c, "shared", "x".getBytes());
        h.req("POST", a + "/" + c + "/shared?update").header("X-Object-Sharing", "write=" + h.bob.uuid()).send()
                .expect(202);
        h.as(h.bob, "POST", a + "/" + c + "?update&format=json").header("Content-Type", "application/octet-stream")
                .body(new byte[10]).send().expect(403);
        postBlocks(c, new byte[] {1, 2, 3}).expect(202);
    }

    @Test
    void blockUploadWithoutUpdateWipesContainerMetaButStoresBlocks() {
        String c = PithosHttp.unique("c");
        h.createContainer(c);
        h.req("POST", a + "/" + c + "?update").header("X-Container-Meta-Color", "blue").send().expect(202);
        PithosHttp.Res r = h.req("POST", a + "/" + c).header("Content-Type", "application/octet-stream")
                .body(new byte[] {9, 9}).send().expect(202);
        assertThat(r.json().get(0).asText()).isEqualTo(PithosHttp.sha256(new byte[] {9, 9}, 0, 2));
        assertThat(h.req("HEAD", a + "/" + c).send().header("X-Container-Meta-Color")).isNull();
    }
}
