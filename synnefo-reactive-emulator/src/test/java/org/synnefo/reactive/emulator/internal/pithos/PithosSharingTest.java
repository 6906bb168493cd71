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

/** Accounts, groups, sharing and public URLs: synnefo-api.md §6.2-6.3, §6.9 and §7 (27-33). */
class PithosSharingTest {

    static SynnefoEmulator emulator;
    static PithosHttp h;
    static String a;
    static String b;

    @BeforeAll
    static void start() {
        emulator = SynnefoEmulator.builder().blockSize(1024).start();
        h = new PithosHttp(emulator);
        a = "/" + h.alice.uuid();
        b = "/" + h.bob.uuid();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static List<String> names(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.path("name").asText()));
        return out;
    }

    @Test
    void topLevel() {
        for (String m : new String[] {"HEAD", "PUT", "POST", "DELETE"}) {
            PithosHttp.Res r = h.raw(m, h.url("/")).send().expect(405);
            assertThat(r.header("Allow")).isEqualTo("GET");
        }
        h.raw("GET", h.url("/")).send().expect(400);
        h.raw("GET", h.url("/")).header("X-Auth-User", "u").send().expect(400);
        PithosHttp.Res r = h.raw("GET", h.url("/")).header("X-Auth-User", "u").header("X-Auth-Key", "k").send()
                .expect(204);
        assertThat(r.header("X-Auth-Token")).isEqualTo("k");
        assertThat(r.header("X-Storage-Url")).endsWith("/u");
    }

    @Test
    void accountHeadMetaAndGroups() {
        String c = PithosHttp.unique("acc");
        h.createContainer(c);
        h.put(c, "o", "12345".getBytes());
        PithosHttp.Res r = h.req("HEAD", a).send().expect(204);
        JsonNode containers = h.req("GET", a + "?format=json").send().expect(200).json();
        assertThat(r.header("X-Account-Container-Count")).isEqualTo(Integer.toString(containers.size()));
        JsonNode row = null;
        for (JsonNode n : containers) {
            if (n.path("name").asText().equals(c)) {
                row = n;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("count").asLong()).isEqualTo(1);
        assertThat(row.path("bytes").asLong()).isEqualTo(5);
        assertThat(row.path("x_container_policy").path("quota").asText()).isEqualTo("0");
        assertThat(row.path("x_container_policy").path("versioning").asText()).isEqualTo("auto");
        assertThat(r.header("X-Account-Policy-Quota")).isNotNull();

        h.req("POST", a + "?update").header("X-Account-Meta-Color", "red").send().expect(202);
        assertThat(h.req("HEAD", a).send().header("X-Account-Meta-Color")).isEqualTo("red");
        h.req("POST", a + "?update").header("X-Account-Group-Pithosdev", "zz,aa,aa").send().expect(202);
        assertThat(h.req("HEAD", a).send().header("X-Account-Group-Pithosdev")).isEqualTo("aa,zz");
        h.req("POST", a + "?update").header("X-Account-Group-Bad-Name", "x").send().expect(400);
        h.req("POST", a + "?update").header("X-Account-Group-Pithosdev", "").send().expect(202);
        assertThat(h.req("HEAD", a).send().header("X-Account-Group-Pithosdev")).isNull();
        PithosHttp.Req many = h.req("POST", a + "?update");
        for (int i = 0; i < 33; i++) {
            many.header("X-Account-Group-G" + i, "x");
        }
        many.send().expect(400);
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < 33; i++) {
            members.append(i == 0 ? "" : ",").append("m").append(i);
        }
        h.req("POST", a + "?update").header("X-Account-Group-Big", members.toString()).send().expect(400);
        h.req("POST", a).header("X-Account-Meta-Other", "1").send().expect(202);
        assertThat(h.req("HEAD", a).send().header("X-Account-Meta-Color")).isNull();
    }

    @Test
    void strangersGet403AtEveryLevel() {
        String c = PithosHttp.unique("priv");
        h.createContainer(c);
        h.put(c, "secret", "s".getBytes());
        String obj = a + "/" + c + "/secret";
        for (String m : new String[] {"HEAD", "GET", "POST"}) {
            h.as(h.bob, m, a).send().expect(403);
        }
        for (String m : new String[] {"HEAD", "GET", "PUT", "POST", "DELETE"}) {
            h.as(h.bob, m, a + "/" + c).send().expect(403);
        }
        for (String m : new String[] {"HEAD", "GET", "POST", "DELETE"}) {
            h.as(h.bob, m, obj).send().expect(403);
        }
        h.as(h.bob, "PUT", obj).header("Content-Type", "text/plain").body("x").send().expect(403);
        h.as(h.bob, "PUT", b + "/" + PithosHttp.unique("mine")).send().expect(201);
        h.as(h.bob, "PUT", b + "/steal").send();
        h.as(h.bob, "PUT", b + "/steal/x").header("X-Copy-From", "/" + c + "/secret")
                .header("X-Source-Account", h.alice.uuid()).body(new byte[0]).send().expect(403);
        assertThat(h.get(c, "secret")).isEqualTo("s".getBytes());
    }

    @Test
    void readAndWriteSharingWithGroupsAndCrossAccountCopy() {
        String c = PithosHttp.unique("share");
        h.createContainer(c);
        h.put(c, "r", "readme".getBytes());
        h.put(c, "w", "writeme".getBytes());
        h.put(c, "g", "group".getBytes());
        h.req("POST", a + "?update").header("X-Account-Group-Friends", h.bob.uuid()).send().expect(202);
        h.req("POST", a + "/" + c + "/r?update").header("X-Object-Sharing", "read=" + h.bob.uuid()).send()
                .expect(202);
        h.req("POST", a + "/" + c + "/w?update").header("X-Object-Sharing", "write=" + h.bob.uuid()).send()
                .expect(202);
        h.req("POST", a + "/" + c + "/g?update").header("X-Object-Sharing", "read=" + h.alice.uuid() + ":friends")
                .send().expect(202);
        assertThat(h.req("HEAD", a + "/" + c + "/r").send().header("X-Object-Sharing"))
                .isEqualTo("read=" + h.bob.uuid());
        PithosHttp.Res r = h.as(h.bob, "GET", a + "/" + c + "/r").send().expect(200);
        assertThat(r.text()).isEqualTo("readme");
        assertThat(r.header("X-Object-Allowed-To")).isEqualTo("read");
        assertThat(h.as(h.bob, "GET", a + "/" + c + "/g").send().expect(200).text()).isEqualTo("group");
        h.as(h.bob, "POST", a + "/" + c + "/r?update").header("X-Object-Meta-X", "1").send().expect(403);
        h.as(h.bob, "PUT", a + "/" + c + "/w").header("Content-Type", "text/plain").body("bob wrote").send()
                .expect(201);
        assertThat(h.get(c, "w")).isEqualTo("bob wrote".getBytes());
        assertThat(h.as(h.bob, "HEAD", a + "/" + c + "/w").send().header("X-Object-Allowed-To")).isEqualTo("write");
        // only the owner may change sharing
        h.as(h.bob, "POST", a + "/" + c + "/w?update").header("X-Object-Sharing", "read=*").send().expect(403);
        // bad sharing headers
        h.req("POST", a + "/" + c + "/r?update").header("X-Object-Sharing", "bogus=x").send().expect(400);
        h.req("POST", a + "/" + c + "/r?update").header("X-Object-Sharing", "read=").send().expect(400);
        // listings for bob show only what is shared with him
        assertThat(names(h.as(h.bob, "GET", a + "/" + c + "?format=json").send().expect(200).json()))
                .containsExactly("g", "r", "w");
        assertThat(names(h.as(h.bob, "GET", "/?format=json").send().expect(200).json())).contains(h.alice.uuid());
        assertThat(names(h.as(h.bob, "GET", a + "?format=json").send().expect(200).json())).contains(c);
        // cross-account copy with read sharing
        String bc = PithosHttp.unique("bc");
        h.as(h.bob, "PUT", b + "/" + bc).send().expect(201);
        h.as(h.bob, "PUT", b + "/" + bc + "/copy").header("X-Copy-From", "/" + c + "/r")
                .header("X-Source-Account", h.alice.uuid()).body(new byte[0]).send().expect(201);
        assertThat(h.as(h.bob, "GET", b + "/" + bc + "/copy").send().text()).isEqualTo("readme");
        // removing sharing takes access away
        h.req("POST", a + "/" + c + "/r?update").header("X-Object-Sharing", "").send().expect(202);
        h.as(h.bob, "GET", a + "/" + c + "/r").send().expect(403);
    }

    @Test
    void directorySharingIsInheritedAndNearestWins() {
        String c = PithosHttp.unique("dirs");
        h.createContainer(c);
        h.req("PUT", a + "/" + c + "/dir").header("Content-Type", "application/directory").body(new byte[0]).send()
                .expect(201);
        h.req("PUT", a + "/" + c + "/dir/sub").header("Content-Type", "application/directory").body(new byte[0])
                .send().expect(201);
        h.put(c, "dir/file", "f".getBytes());
        h.put(c, "dir/sub/deep", "d".getBytes());
        h.req("POST", a + "/" + c + "/dir?update").header("X-Object-Sharing", "write=*").send().expect(202);
        PithosHttp.Res r = h.as(h.bob, "GET", a + "/" + c + "/dir/file").send().expect(200);
        assertThat(r.header("X-Object-Shared-By")).isEqualTo(h.alice.uuid() + "/" + c + "/dir");
        h.as(h.bob, "PUT", a + "/" + c + "/dir/sub/new").header("Content-Type", "text/plain").body("n").send()
                .expect(201);
        h.req("POST", a + "/" + c + "/dir/sub?update").header("X-Object-Sharing", "read=*").send().expect(202);
        h.as(h.bob, "GET", a + "/" + c + "/dir/sub/deep").send().expect(200);
        h.as(h.bob, "PUT", a + "/" + c + "/dir/sub/deep").header("Content-Type", "text/plain").body("x").send()
                .expect(403);
        h.as(h.bob, "PUT", a + "/" + c + "/dir/other").header("Content-Type", "text/plain").body("x").send()
                .expect(201);
    }

    @Test
    void publicUrls() {
        String c = PithosHttp.unique("public");
        h.createContainer(c);
        byte[] data = PithosHttp.bytes(3000, 20);
        h.put(c, "dir/photo.jpg", data);
        h.req("POST", a + "/" + c + "/dir/photo.jpg?update").header("X-Object-Public", "maybe").send().expect(400);
        h.req("POST", a + "/" + c + "/dir/photo.jpg?update").header("X-Object-Public", "True").send().expect(202);
        String url = h.req("HEAD", a + "/" + c + "/dir/photo.jpg").send().header("X-Object-Public");
        assertThat(url).startsWith(emulator.baseUrl() + Endpoints.PITHOS_PUBLIC + "/");
        assertThat(url.substring(url.lastIndexOf('/') + 1)).matches("[0-9a-zA-Z]{16}");
        PithosHttp.Res r = h.raw("GET", url).send().expect(200);
        assertThat(r.body()).isEqualTo(data);
        assertThat(r.header("Content-Disposition")).isEqualTo("inline; filename=%22photo.jpg%22");
        assertThat(r.header("X-Object-Public")).isNull();
        assertThat(r.header("X-Object-Hash")).isNull();
        assertThat(h.raw("GET", url + "?disposition-type=attachment").send().header("Content-Disposition"))
                .isEqualTo("attachment; filename=%22photo.jpg%22");
        r = h.raw("GET", url).header("Range", "bytes=10-19").send().expect(206);
        assertThat(r.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 10, 20));
        h.raw("GET", url).header("If-None-Match", r.header("ETag")).send().expect(304);
        for (String m : new String[] {"DELETE", "POST", "PUT", "COPY", "MOVE"}) {
            assertThat(h.raw(m, url).send().expect(405).header("Allow")).isEqualTo("GET,HEAD");
        }
        // shared objects do not reveal the public URL to others
        h.req("POST", a + "/" + c + "/dir/photo.jpg?update").header("X-Object-Sharing", "read=*").send().expect(202);
        assertThat(h.as(h.bob, "HEAD", a + "/" + c + "/dir/photo.jpg").send().header("X-Object-Public")).isNull();
        h.req("POST", a + "/" + c + "/dir/photo.jpg?update").header("X-Object-Public", "false").send().expect(202);
        h.raw("GET", url).send().expect(404);
    }
}
