package org.synnefo.reactive.emulator.internal.pithos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import org.synnefo.reactive.emulator.TestHttp;

/** Object-level behaviours of synnefo-api.md §6.5 and §7 (10-23). */
class PithosObjectTest {

    static final int BS = 1024;
    static SynnefoEmulator emulator;
    static PithosHttp h;
    static String a;
    static String c;

    @BeforeAll
    static void start() {
        emulator = SynnefoEmulator.builder().blockSize(BS).start();
        h = new PithosHttp(emulator);
        a = "/" + h.alice.uuid();
        c = "objects";
        h.createContainer(c);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private String p(String name) {
        return a + "/" + c + "/" + name;
    }

    @Test
    void headCarriesEveryObjectHeader() {
        byte[] data = PithosHttp.bytes(2500, 10);
        h.req("PUT", p("head")).header("Content-Type", "text/plain").header("X-Object-Meta-Foo_bar", "baz")
                .body(data).send().expect(201);
        PithosHttp.Res r = h.req("HEAD", p("head")).send().expect(200);
        for (String name : new String[] {"ETag", "Content-Length", "Content-Type", "Last-Modified", "X-Object-Hash",
                "X-Object-UUID", "X-Object-Version", "X-Object-Version-Timestamp", "X-Object-Modified-By"}) {
            assertThat(r.header(name)).as(name).isNotNull();
        }
        assertThat(r.header("Content-Length")).isEqualTo("2500");
        assertThat(r.header("ETag")).isEqualTo(r.header("X-Object-Hash"))
                .isEqualTo(new Hashing("sha256").merkle(PithosHttp.blockHashes(data, BS)));
        assertThat(r.header("X-Object-Meta-Foo-Bar")).isEqualTo("baz");
        assertThat(r.header("X-Object-Modified-By")).isEqualTo(h.alice.uuid());
        assertThat(r.body()).isEmpty();
    }

    @Test
    void chunkedPutAndLargeStreamingGet() {
        byte[] data = PithosHttp.bytes(50 * BS + 3, 11);
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(h.url(p("chunked"))))
                .header("X-Auth-Token", h.alice.token()).header("Content-Type", "application/octet-stream")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(data)))
                .build();
        var resp = TestHttp.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(201);
        assertThat(h.get(c, "chunked")).isEqualTo(data);
    }

    @Test
    void metadataPostWithEncodingAndDisposition() {
        h.put(c, "enc", "hello".getBytes());
        h.req("POST", p("enc") + "?update").header("Content-Encoding", "gzip")
                .header("Content-Disposition", "attachment; filename=x.gz").send().expect(202);
        PithosHttp.Res r = h.req("HEAD", p("enc")).send();
        assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=x.gz");
    }

    @Test
    void metadataIsUrlQuotedAndNormalised() {
        h.put(c, "uni", "x".getBytes());
        h.req("POST", p("uni") + "?update").header("X-Object-Meta-Greek", "%CE%B1%CE%B2").send().expect(202);
        PithosHttp.Res r = h.req("HEAD", p("uni")).send();
        assertThat(r.header("X-Object-Meta-Greek")).isEqualTo("%CE%B1%CE%B2");
        // without ?update the metadata is replaced
        h.req("POST", p("uni")).header("X-Object-Meta-Other", "1").send().expect(202);
        r = h.req("HEAD", p("uni")).send();
        assertThat(r.header("X-Object-Meta-Greek")).isNull();
        assertThat(r.header("X-Object-Meta-Other")).isEqualTo("1");
        // an empty value with ?update deletes
        h.req("POST", p("uni") + "?update").header("X-Object-Meta-Other", "").send().expect(202);
        assertThat(h.req("HEAD", p("uni")).send().header("X-Object-Meta-Other")).isNull();
    }

    @Test
    void versionsListAndOldVersionsKeepTheirMetadata() {
        PithosHttp.Res put = h.put(c, "ver", "v1".getBytes());
        String v1 = put.header("X-Object-Version");
        h.req("POST", p("ver") + "?update").header("X-Object-Meta-Color", "red").send().expect(202);
        JsonNode list = h.req("GET", p("ver") + "?version=list&format=json").send().expect(200).json();
        assertThat(list.path("versions").size()).isEqualTo(2);
        assertThat(list.path("versions").get(0).get(0).asText()).isEqualTo(v1);
        assertThat(list.path("versions").get(0).get(1).isTextual()).isTrue();
        h.put(c, "ver", "v2-data".getBytes());
        assertThat(h.req("GET", p("ver") + "?version=list&format=json").send().json().path("versions").size())
                .isEqualTo(3);
        PithosHttp.Res old = h.req("HEAD", p("ver") + "?version=" + v1).send().expect(200);
        assertThat(old.header("X-Object-Meta-Color")).isNull();
        assertThat(h.req("GET", p("ver") + "?version=" + v1).send().expect(200).text()).isEqualTo("v1");
        h.req("HEAD", p("ver") + "?version=-1").send().expect(404);
        String other = h.put(c, "ver-other", "o".getBytes()).header("X-Object-Version");
        h.req("HEAD", p("ver") + "?version=" + other).send().expect(404);
        h.req("GET", p("ver") + "?version=" + other).send().expect(404);
    }

    @Test
    void versioningNoneKeepsOnlyTheLatest() {
        String cn = PithosHttp.unique("nover");
        h.req("PUT", a + "/" + cn).header("X-Container-Policy-Versioning", "none").send().expect(201);
        String path = a + "/" + cn + "/o";
        String v1 = h.req("PUT", path).header("Content-Type", "text/plain").body("1").send().expect(201)
                .header("X-Object-Version");
        h.req("PUT", path).header("Content-Type", "text/plain").body("2").send().expect(201);
        assertThat(h.req("GET", path + "?version=list&format=json").send().json().path("versions").size())
                .isEqualTo(1);
        h.req("GET", path + "?version=" + v1).send().expect(404);
    }

    @Test
    void ranges() {
        byte[] data = PithosHttp.bytes(3000, 12);
        h.put(c, "range", data);
        PithosHttp.Res r = h.req("GET", p("range")).header("Range", "bytes=0-499").send().expect(206);
        assertThat(r.header("Content-Range")).isEqualTo("bytes 0-499/3000");
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(data, 0, 500));
        r = h.req("GET", p("range")).header("Range", "bytes=-500").send().expect(206);
        assertThat(r.header("Content-Range")).isEqualTo("bytes 2500-2999/3000");
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(data, 2500, 3000));
        r = h.req("GET", p("range")).header("Range", "bytes=1000-").send().expect(206);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(data, 1000, 3000));
        r = h.req("GET", p("range")).header("Range", "bytes=1020-1030").send().expect(206);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(data, 1020, 1031));
        h.req("GET", p("range")).header("Range", "bytes=2990-3010").send().expect(416);
        h.req("GET", p("range")).header("Range", "bytes=3000-").send().expect(416);
        h.req("GET", p("range")).header("Range", "bytes=0-1,5000-6000").send().expect(416);

        r = h.req("GET", p("range")).header("Range", "bytes=0-9,1500-1509,-5").send().expect(206);
        String ct = r.header("Content-Type");
        assertThat(ct).matches("multipart/byteranges; boundary=[0-9a-f]{32}");
        String boundary = ct.substring(ct.indexOf('=') + 1);
        String body = new String(r.body(), StandardCharsets.ISO_8859_1);
        assertThat(body.split("--" + boundary + "\r\n", -1)).hasSize(4);
        assertThat(body).contains("Content-Range: bytes 0-9/3000").contains("Content-Range: bytes 1500-1509/3000")
                .contains("Content-Range: bytes 2995-2999/3000").endsWith("--" + boundary + "--\r\n");
        assertThat(body).contains(new String(Arrays.copyOfRange(data, 1500, 1510), StandardCharsets.ISO_8859_1));
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
        // If-Range with a stale etag falls back to the whole object
        r = h.req("GET", p("range")).header("Range", "bytes=0-9").header("If-Range", "nope").send().expect(200);
        assertThat(r.body()).isEqualTo(data);
    }

    @Test
    void conditionalRequests() {
        PithosHttp.Res put = h.put(c, "cond", "abc".getBytes());
        String etag = put.header("ETag");
        h.req("GET", p("cond")).header("If-Match", etag).send().expect(200);
        h.req("GET", p("cond")).header("If-Match", "*").send().expect(200);
        h.req("GET", p("cond")).header("If-Match", "\"zzz\", \"" + etag + "\"").send().expect(200);
        h.req("GET", p("cond")).header("If-Match", "wrong").send().expect(412);
        PithosHttp.Res nm = h.req("GET", p("cond")).header("If-None-Match", etag).send().expect(304);
        assertThat(nm.header("ETag")).isEqualTo(etag);
        h.req("GET", p("cond")).header("If-None-Match", "*").send().expect(304);
        h.req("POST", p("cond") + "?update").header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes */*").body("def").send().expect(204);
        h.req("GET", p("cond")).header("If-None-Match", etag).send().expect(200);

        String lm = h.req("HEAD", p("cond")).send().header("Last-Modified");
        h.req("GET", p("cond")).header("If-Modified-Since", lm).send().expect(304);
        ZonedDateTime t = ZonedDateTime.parse(lm, DateTimeFormatter.RFC_1123_DATE_TIME);
        String rfc850 = t.format(DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US));
        String asctime = t.format(DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US));
        h.req("GET", p("cond")).header("If-Modified-Since", rfc850).send().expect(304);
        h.req("GET", p("cond")).header("If-Modified-Since", asctime).send().expect(304);
        h.req("GET", p("cond")).header("If-Modified-Since", "garbage").send().expect(200);
        String earlier = t.minusSeconds(1).withZoneSameInstant(ZoneOffset.UTC)
                .format(DateTimeFormatter.RFC_1123_DATE_TIME);
        h.req("GET", p("cond")).header("If-Unmodified-Since", earlier).send().expect(412);
    }

    @Test
    void putPreconditionsAndMd5Etag() {
        h.put(c, "pre", "x".getBytes());
        h.req("PUT", p("pre")).header("Content-Type", "text/plain").header("If-None-Match", "*").body("y").send()
                .expect(412);
        h.req("PUT", p("pre")).header("Content-Type", "text/plain").header("ETag", "123").body("y").send()
                .expect(422);
        h.req("PUT", p("pre-md5")).header("Content-Type", "text/plain")
                .header("ETag", "415290769594460e2e485922904f345d").body("y").send().expect(201);
        assertThat(h.get(c, "pre")).isEqualTo("x".getBytes());
        h.req("PUT", p("pre-new")).header("Content-Type", "text/plain").header("If-Match", "abc").body("y").send()
                .expect(412);
    }

    @Test
    void partialUpdatesAppendAndTruncate() {
        byte[] data = PithosHttp.bytes(2 * BS + 100, 13);
        h.put(c, "upd", data);
        byte[] patch = "PATCHED".getBytes();
        PithosHttp.Res r = h.req("POST", p("upd") + "?update").header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes 1020-1026/" + data.length).body(patch).send().expect(204);
        byte[] expected = data.clone();
        System.arraycopy(patch, 0, expected, 1020, patch.length);
        assertThat(h.get(c, "upd")).isEqualTo(expected);
        assertThat(r.header("ETag")).isEqualTo(new Hashing("sha256").merkle(PithosHttp.blockHashes(expected, BS)));
        assertThat(h.req("HEAD", p("upd")).send().header("X-Object-Hash")).isEqualTo(r.header("ETag"));

        h.req("POST", p("upd") + "?update").header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes 0-9/*").body("short").send().expect(400);
        h.req("POST", p("upd") + "?update").header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes 10-9/*").body("").send().expect(416);
        h.req("POST", p("upd") + "?update").header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes 99999-/*").body("x").send().expect(416);
        h.req("POST", p("upd") + "?update").header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes 0-4/7").body("abcde").send().expect(416);
        h.req("POST", p("upd") + "?update").header("Content-Type", "application/octet-stream")
                .body("abcde").send().expect(400);
        assertThat(h.get(c, "upd")).isEqualTo(expected);

        byte[] tail = PithosHttp.bytes(1500, 14);
        h.req("POST", p("upd") + "?update").header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes */*").body(tail).send().expect(204);
        byte[] appended = new byte[expected.length + tail.length];
        System.arraycopy(expected, 0, appended, 0, expected.length);
        System.arraycopy(tail, 0, appended, expected.length, tail.length);
        assertThat(h.get(c, "upd")).isEqualTo(appended);

        // truncate, as kamaki does it
        r = h.req("POST", p("upd") + "?update").header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes 0-1499/*").header("X-Object-Bytes", "1500")
                .header("X-Source-Object", "/" + c + "/upd").send().expect(204);
        byte[] truncated = Arrays.copyOf(appended, 1500);
        assertThat(h.get(c, "upd")).isEqualTo(truncated);
        assertThat(r.header("ETag")).isEqualTo(new Hashing("sha256").merkle(PithosHttp.blockHashes(truncated, BS)));
        h.req("POST", p("upd") + "?update").header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes 0-/*").header("X-Object-Bytes", "abc")
                .header("X-Source-Object", "/" + c + "/upd").send().expect(400);
    }

    @Test
    void sourceObjectUpdatesAndVersionRestore() {
        byte[] src = PithosHttp.bytes(1500, 15);
        PithosHttp.Res s = h.put(c, "src", src);
        h.put(c, "dst", new byte[0]);
        PithosHttp.Res r = h.req("POST", p("dst") + "?update").header("Content-Range", "bytes 0-/*")
                .header("X-Source-Object", "/" + c + "/src").send().expect(204);
        assertThat(h.get(c, "dst")).isEqualTo(src);
        PithosHttp.Res head = h.req("HEAD", p("dst")).send();
        assertThat(r.header("ETag")).isEqualTo(s.header("ETag"));
        assertThat(head.header("X-Object-Hash")).isEqualTo(s.header("ETag"));
        assertThat(head.header("X-Object-UUID")).isNotEqualTo(h.req("HEAD", p("src")).send().header("X-Object-UUID"));
        h.req("POST", p("dst") + "?update").header("Content-Range", "bytes 0-/*")
                .header("X-Source-Object", c + "/src").send().expect(400);
        h.req("POST", p("dst") + "?update").header("Content-Range", "bytes 0-/*")
                .header("X-Source-Object", "/" + c + "/nothing").send().expect(404);

        // restore an old version
        byte[] v1 = "version one".getBytes();
        String id1 = h.put(c, "rest", v1).header("X-Object-Version");
        h.put(c, "rest", "a much longer second version".getBytes());
        h.req("POST", p("rest") + "?update").header("Content-Range", "bytes 0-/*")
                .header("X-Source-Object", "/" + c + "/rest").header("X-Source-Version", id1)
                .header("X-Object-Bytes", Integer.toString(v1.length)).send().expect(204);
        assertThat(h.get(c, "rest")).isEqualTo(v1);
    }

    @Test
    void copyAndMove() {
        byte[] data = PithosHttp.bytes(1800, 16);
        h.req("PUT", p("cp-src")).header("Content-Type", "text/x-src").header("X-Object-Meta-A", "1").body(data)
                .send().expect(201);
        PithosHttp.Res src = h.req("HEAD", p("cp-src")).send();
        PithosHttp.Res r = h.req("PUT", p("cp-dst")).header("X-Copy-From", "/" + c + "/cp-src")
                .header("X-Object-Meta-B", "2").body(new byte[0]).send().expect(201);
        assertThat(r.header("X-Object-Version")).isNotNull();
        PithosHttp.Res dst = h.req("HEAD", p("cp-dst")).send();
        assertThat(dst.header("X-Object-Hash")).isEqualTo(src.header("X-Object-Hash"));
        assertThat(dst.header("X-Object-UUID")).isNotEqualTo(src.header("X-Object-UUID"));
        assertThat(dst.header("X-Object-Meta-A")).isEqualTo("1");
        assertThat(dst.header("X-Object-Meta-B")).isEqualTo("2");
        assertThat(dst.header("Content-Type")).isEqualTo("text/x-src");
        h.req("PUT", p("cp-x")).header("X-Copy-From", "/" + c + "/missing").body(new byte[0]).send().expect(404);
        h.req("PUT", p("cp-x")).header("X-Copy-From", "/nocontainer/x").body(new byte[0]).send().expect(404);
        h.req("PUT", p("cp-x")).header("X-Copy-From", c + "/cp-src").body(new byte[0]).send().expect(400);
        PithosHttp.Req many = h.req("PUT", p("cp-x")).header("X-Copy-From", "/" + c + "/cp-src").body(new byte[0]);
        for (int i = 0; i < 33; i++) {
            many.header("X-Object-Meta-K" + i, "v");
        }
        many.send().expect(400);

        // COPY method with Destination, MOVE keeps the UUID
        h.req("COPY", p("cp-src")).header("Destination", "/" + c + "/cp-copy").send().expect(201);
        assertThat(h.get(c, "cp-copy")).isEqualTo(data);
        String uuid = h.req("HEAD", p("cp-copy")).send().header("X-Object-UUID");
        h.req("MOVE", p("cp-copy")).header("Destination", "/" + c + "/cp-moved").send().expect(201);
        assertThat(h.req("HEAD", p("cp-moved")).send().header("X-Object-UUID")).isEqualTo(uuid);
        h.req("HEAD", p("cp-copy")).send().expect(404);
        h.req("COPY", p("cp-src")).send().expect(400);
        h.req("PUT", p("mv-dst")).header("X-Move-From", "/" + c + "/cp-moved").body(new byte[0]).send().expect(201);
        assertThat(h.req("HEAD", p("mv-dst")).send().header("X-Object-UUID")).isEqualTo(uuid);
        h.req("HEAD", p("cp-moved")).send().expect(404);
    }

    @Test
    void folderOperationsWithDelimiter() {
        h.req("PUT", p("dir")).header("Content-Type", "application/directory").body(new byte[0]).send().expect(201);
        for (int i = 0; i < 5; i++) {
            h.put(c, "dir/f" + i, ("file" + i).getBytes());
        }
        h.req("PUT", p("dir2") + "?delimiter=/").header("X-Copy-From", "/" + c + "/dir").body(new byte[0]).send()
                .expect(201);
        assertThat(h.get(c, "dir2/f3")).isEqualTo("file3".getBytes());
        assertThat(h.req("HEAD", p("dir2")).send().header("Content-Type")).isEqualTo("application/directory");
        h.req("MOVE", p("dir2") + "?delimiter=/").header("Destination", "/" + c + "/dir3").send().expect(201);
        h.req("HEAD", p("dir2/f1")).send().expect(404);
        assertThat(h.get(c, "dir3/f1")).isEqualTo("file1".getBytes());
        h.req("DELETE", p("dir3") + "?delimiter=/").send().expect(204);
        h.req("HEAD", p("dir3/f4")).send().expect(404);
        h.req("HEAD", p("dir3")).send().expect(404);
        assertThat(h.get(c, "dir/f4")).isEqualTo("file4".getBytes());
    }

    @Test
    void deleteAndPurge() {
        h.put(c, "del", "x".getBytes());
        h.req("DELETE", p("del")).send().expect(204);
        h.req("HEAD", p("del")).send().expect(404);
        h.req("DELETE", p("del")).send().expect(404);
        h.req("DELETE", p("never")).send().expect(404);
        // purge history up to now: every version goes
        h.put(c, "purge", "1".getBytes());
        h.put(c, "purge", "2".getBytes());
        long now = System.currentTimeMillis() / 1000 + 5;
        h.req("DELETE", p("purge") + "?until=" + now).send().expect(204);
        h.req("HEAD", p("purge")).send().expect(404);
    }

    @Test
    void manifestsConcatenateTheirParts() {
        h.put(c, "big/part1", "hello ".getBytes());
        h.put(c, "big/part2", "world".getBytes());
        h.req("PUT", p("bigobj")).header("Content-Type", "text/plain").header("X-Object-Manifest", c + "/big/")
                .body(new byte[0]).send().expect(201);
        PithosHttp.Res r = h.req("GET", p("bigobj")).send().expect(200);
        assertThat(r.text()).isEqualTo("hello world");
        assertThat(r.header("X-Object-Manifest")).isEqualTo(c + "/big/");
        assertThat(r.header("Content-Length")).isEqualTo("11");
        r = h.req("GET", p("bigobj")).header("Range", "bytes=4-7").send().expect(206);
        assertThat(r.text()).isEqualTo("o wo");
    }

    @Test
    void objectNamesMayContainSlashesAndStartWithOne() {
        h.put(c, "/leading/slash", "lead".getBytes());
        assertThat(h.req("GET", a + "/" + c + "//leading/slash").send().expect(200).text()).isEqualTo("lead");
        h.put(c, "sp%20ace%2Bplus", "q".getBytes());
        JsonNode list = h.req("GET", a + "/" + c + "?format=json&prefix=sp").send().json();
        assertThat(list.get(0).path("name").asText()).isEqualTo("sp ace+plus");
    }

    @Test
    void methodsNotAllowedAnd404s() {
        PithosHttp.Res r = h.req("PATCH", p("x")).send().expect(405);
        assertThat(r.header("Allow")).contains("GET");
        h.req("GET", a + "/nocontainer/x").send().expect(404);
        h.req("GET", p("nothing")).send().expect(404);
        h.req("GET", p("x")).token(null).send().expect(401);
        h.req("GET", p("x")).token("bogus").send().expect(401);
    }
}
