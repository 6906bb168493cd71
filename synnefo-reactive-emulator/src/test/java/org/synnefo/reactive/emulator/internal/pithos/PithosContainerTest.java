package org.synnefo.reactive.emulator.internal.pithos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.emulator.ResourceCapacity;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import org.synnefo.reactive.emulator.internal.QuotaLedger;

/** Container-level behaviours and listings of synnefo-api.md §6.3-6.4, §6.10 and §7 (7-9, 24-28, 33). */
class PithosContainerTest {

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

    private static List<String> names(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.has("subdir") ? n.path("subdir").asText() : n.path("name").asText()));
        return out;
    }

    @Test
    void putIsCreatedThenAcceptedAndTooManyMetaIs400() {
        String c = PithosHttp.unique("cp");
        h.req("PUT", a + "/" + c).send().expect(201);
        h.req("PUT", a + "/" + c).header("X-Container-Meta-Color", "blue").send().expect(202);
        assertThat(h.req("HEAD", a + "/" + c).send().header("X-Container-Meta-Color")).isEqualTo("blue");
        PithosHttp.Req many = h.req("PUT", a + "/" + PithosHttp.unique("many"));
        for (int i = 0; i < 33; i++) {
            many.header("X-Container-Meta-K" + i, "v");
        }
        many.send().expect(400);
        h.req("PUT", a + "/" + PithosHttp.unique("pol")).header("X-Container-Policy-Foo", "1").send().expect(400);
        h.req("PUT", a + "/" + PithosHttp.unique("pol")).header("X-Container-Policy-Quota", "-1").send().expect(400);
        h.req("PUT", a + "/" + PithosHttp.unique("pol")).header("X-Container-Policy-Versioning", "x").send()
                .expect(400);
    }

    @Test
    void headShowsPolicyCountsAndObjectMeta() {
        String c = PithosHttp.unique("hd");
        h.req("PUT", a + "/" + c).header("X-Container-Policy-Quota", "5000").send().expect(201);
        h.req("PUT", a + "/" + c + "/o1").header("Content-Type", "text/plain").header("X-Object-Meta-Kind", "k")
                .body("12345").send().expect(201);
        h.put(c, "o2", "123".getBytes());
        PithosHttp.Res r = h.req("HEAD", a + "/" + c).send().expect(204);
        assertThat(r.header("X-Container-Object-Count")).isEqualTo("2");
        assertThat(r.header("X-Container-Bytes-Used")).isEqualTo("8");
        assertThat(r.header("X-Container-Policy-Quota")).isEqualTo("5000");
        assertThat(r.header("X-Container-Policy-Versioning")).isEqualTo("auto");
        assertThat(r.header("X-Container-Policy-Project")).isEqualTo(h.alice.uuid());
        assertThat(r.header("X-Container-Object-Meta")).isEqualTo("Kind");
        assertThat(r.header("Last-Modified")).isNotNull();
        h.req("HEAD", a + "/" + c).header("If-Modified-Since", r.header("Last-Modified")).send().expect(304);
        // POST without ?update wipes the metadata but keeps the policy
        h.req("POST", a + "/" + c + "?update").header("X-Container-Meta-A", "1").send().expect(202);
        h.req("POST", a + "/" + c).header("X-Container-Meta-B", "2").send().expect(202);
        r = h.req("HEAD", a + "/" + c).send();
        assertThat(r.header("X-Container-Meta-A")).isNull();
        assertThat(r.header("X-Container-Meta-B")).isEqualTo("2");
        assertThat(r.header("X-Container-Policy-Quota")).isEqualTo("5000");
    }

    @Test
    void containerQuotaGives413AndZeroLiftsIt() {
        String c = PithosHttp.unique("q");
        h.req("PUT", a + "/" + c).header("X-Container-Policy-Quota", "100").send().expect(201);
        PithosHttp.Res r = h.req("PUT", a + "/" + c + "/big").header("Content-Type", "text/plain")
                .body(new byte[101]).send().expect(413);
        assertThat(r.json().path("requestEntityTooLarge").path("message").asText())
                .startsWith("Quota error: Container quota exceeded");
        h.req("HEAD", a + "/" + c + "/big").send().expect(404);
        h.req("POST", a + "/" + c + "?update").header("X-Container-Policy-Quota", "0").send().expect(202);
        h.req("PUT", a + "/" + c + "/big").header("Content-Type", "text/plain").body(new byte[101]).send()
                .expect(201);
    }

    @Test
    void projectQuotaAndReassignment() {
        QuotaLedger ledger = emulator.context().ledger();
        String project = emulator.projects().create("storage", h.alice.uuid(),
                Map.of("pithos.diskspace", ResourceCapacity.of(2000)), h.alice.uuid());
        String c = PithosHttp.unique("proj");
        h.req("PUT", a + "/" + c).header("X-Container-Policy-Project", project).send().expect(201);
        h.put(c, "a", new byte[1500]);
        assertThat(ledger.entry(project, h.alice.uuid(), "pithos.diskspace").usage()).isEqualTo(1500);
        PithosHttp.Res r = h.req("PUT", a + "/" + c + "/b").header("Content-Type", "text/plain")
                .body(new byte[600]).send().expect(413);
        // §6.10: Astakos' refusal relayed under the generic "fault" key, astakosclient's texts
        assertThat(r.json().at("/fault/code").asInt()).isEqualTo(413);
        assertThat(r.json().at("/fault/message").asText()).isEqualTo("Resource Limit Exceeded for your account.");
        assertThat(r.json().at("/fault/details").asText()).isEqualTo(
                "Limit for resource 'Storage space' exceeded for your account. Available: 500, Requested: 600");
        // overwriting with a smaller object releases usage
        h.put(c, "a", new byte[100]);
        assertThat(ledger.entry(project, h.alice.uuid(), "pithos.diskspace").usage()).isEqualTo(100);
        // reassign back to the system project moves the usage
        long before = ledger.entry(h.alice.uuid(), h.alice.uuid(), "pithos.diskspace").usage();
        h.req("POST", a + "/" + c + "?update").header("X-Container-Policy-Project", h.alice.uuid()).send()
                .expect(202);
        assertThat(ledger.entry(project, h.alice.uuid(), "pithos.diskspace").usage()).isZero();
        assertThat(ledger.entry(h.alice.uuid(), h.alice.uuid(), "pithos.diskspace").usage()).isEqualTo(before + 100);
        assertThat(h.req("HEAD", a + "/" + c).send().header("X-Container-Policy-Project")).isEqualTo(h.alice.uuid());
        h.req("DELETE", a + "/" + c + "/a").send().expect(204);
        assertThat(ledger.entry(h.alice.uuid(), h.alice.uuid(), "pithos.diskspace").usage()).isEqualTo(before);
    }

    @Test
    void projectsWithoutAHoldingAreRefusedByAstakosOnWriteAndReassign() throws Exception {
        String foreign = emulator.projects().create("foreign", h.bob.uuid(), Map.of(), h.bob.uuid());
        // Pithos itself accepts any project at creation (its _check_project is a no-op)...
        String c = PithosHttp.unique("nohold");
        h.req("PUT", a + "/" + c).header("X-Container-Policy-Project", "no-such-project").send().expect(201);
        // ...the first write is refused by Astakos, relayed as a generic 404 fault
        PithosHttp.Res w = h.req("PUT", a + "/" + c + "/o").header("Content-Type", "text/plain")
                .body(new byte[5]).send().expect(404);
        assertThat(w.json().at("/fault/code").asInt()).isEqualTo(404);
        assertThat(PithosHttp.JSON.readTree(w.json().at("/fault/details").asText())
                .at("/itemNotFound/data/name").asText()).isEqualTo("NoHoldingError");
        assertThat(h.req("GET", a + "/" + c + "/o").send().status()).isEqualTo(404);
        // an empty object still goes in: nothing to charge
        h.req("PUT", a + "/" + c + "/empty").header("Content-Type", "text/plain").body(new byte[0]).send().expect(201);

        String ok = PithosHttp.unique("hold");
        h.createContainer(ok);
        h.put(ok, "x", new byte[7]);
        for (String project : new String[] {"no-such-project", foreign}) {
            h.req("POST", a + "/" + ok + "?update").header("X-Container-Policy-Project", project).send().expect(404);
        }
        assertThat(h.req("HEAD", a + "/" + ok).send().header("X-Container-Policy-Project")).isEqualTo(h.alice.uuid());
    }

    @Test
    void deleteRules() {
        String c = PithosHttp.unique("d");
        h.createContainer(c);
        h.put(c, "x", "1".getBytes());
        h.put(c, "y/z", "2".getBytes());
        PithosHttp.Res r = h.req("DELETE", a + "/" + c).send().expect(409);
        assertThat(r.json().path("conflict").path("message").asText()).isEqualTo("Container is not empty");
        assertThat(names(h.req("GET", a + "?format=json").send().json())).contains(c);
        h.req("DELETE", a + "/" + PithosHttp.unique("none")).send().expect(404);
        h.req("DELETE", a + "/" + c + "?delimiter=/").send().expect(204);
        assertThat(h.req("GET", a + "/" + c + "?format=json").send().expect(200).json().size()).isZero();
        long now = System.currentTimeMillis() / 1000 + 5;
        h.req("DELETE", a + "/" + c + "?until=" + now).send().expect(204); // purge history, container stays
        h.req("HEAD", a + "/" + c).send().expect(204);
        h.req("DELETE", a + "/" + c).send().expect(204);
        h.req("HEAD", a + "/" + c).send().expect(404);
    }

    @Test
    void listings() {
        String c = PithosHttp.unique("list");
        h.createContainer(c);
        assertThat(h.req("GET", a + "/" + c + "?format=json").send().expect(200).text()).isEqualTo("[]");
        h.req("GET", a + "/" + c).send().expect(204);
        for (String n : new String[] {"photos/animals/dogs.jpg", "photos/animals/cats.jpg", "photos/me.jpg",
                "photos/plants/fern.jpg", "zeta", "alpha", "/rooted"}) {
            h.put(c, n, n.getBytes());
        }
        PithosHttp.Res text = h.req("GET", a + "/" + c).send().expect(200);
        assertThat(text.header("Content-Type")).startsWith("text/plain");
        assertThat(text.text()).isEqualTo("/rooted\nalpha\nphotos/animals/cats.jpg\nphotos/animals/dogs.jpg\n"
                + "photos/me.jpg\nphotos/plants/fern.jpg\nzeta\n");
        assertThat(h.req("GET", a + "/" + c + "?limit=2").send().text()).isEqualTo("/rooted\nalpha\n");
        h.req("GET", a + "/" + c + "?limit=qwert").send().expect(200);
        assertThat(h.req("GET", a + "/" + c + "?marker=photos/me.jpg&limit=2").send().text())
                .isEqualTo("photos/plants/fern.jpg\nzeta\n");
        JsonNode dl = h.req("GET", a + "/" + c + "?prefix=photos&delimiter=/&format=json").send().json();
        assertThat(names(dl)).containsExactly("photos/animals/", "photos/me.jpg", "photos/plants/");
        assertThat(dl.get(0).has("subdir")).isTrue();
        assertThat(names(h.req("GET", a + "/" + c + "?path=photos&format=json").send().json()))
                .containsExactly("photos/me.jpg");
        JsonNode row = h.req("GET", a + "/" + c + "?prefix=alpha&format=json").send().json().get(0);
        for (String f : new String[] {"name", "bytes", "content_type", "hash", "x_object_hash", "x_object_uuid",
                "x_object_version", "x_object_version_timestamp", "last_modified", "x_object_modified_by"}) {
            assertThat(row.has(f)).as(f).isTrue();
        }
        assertThat(row.path("hash").asText()).isEmpty();
        assertThat(row.path("x_object_version_timestamp").isTextual()).isTrue();
        assertThat(row.path("last_modified").asText()).endsWith("+00:00");
    }

    @Test
    void metaFilters() {
        String c = PithosHttp.unique("meta");
        h.createContainer(c);
        h.req("PUT", a + "/" + c + "/both").header("Content-Type", "text/plain").header("X-Object-Meta-Quality", "8")
                .header("X-Object-Meta-Stock", "yes").body("1").send().expect(201);
        h.req("PUT", a + "/" + c + "/one").header("Content-Type", "text/plain").header("X-Object-Meta-Quality", "3")
                .body("1").send().expect(201);
        h.put(c, "none", "1".getBytes());
        String base = a + "/" + c + "?format=json&meta=";
        assertThat(names(h.req("GET", base + "Quality,Stock").send().json())).containsExactly("both");
        assertThat(names(h.req("GET", base + "!Quality").send().json())).containsExactly("none");
        assertThat(names(h.req("GET", base + "quality=3").send().json())).containsExactly("one");
        assertThat(names(h.req("GET", base + "Quality%3E5").send().json())).containsExactly("both");
        assertThat(names(h.req("GET", base + "Quality!=3").send().json())).containsExactly("both");
    }

    @Test
    void untilShowsThePast() throws InterruptedException {
        String c = PithosHttp.unique("until");
        h.createContainer(c);
        h.put(c, "early", "1".getBytes());
        Thread.sleep(1100);
        long t = System.currentTimeMillis() / 1000;
        Thread.sleep(1100);
        h.put(c, "late", "2".getBytes());
        assertThat(names(h.req("GET", a + "/" + c + "?format=json&until=" + t).send().json()))
                .containsExactly("early");
        PithosHttp.Res r = h.req("HEAD", a + "/" + c + "?until=" + t).send().expect(204);
        assertThat(r.header("X-Container-Object-Count")).isEqualTo("1");
        assertThat(r.header("X-Container-Until-Timestamp")).isNotNull();
        h.as(h.bob, "HEAD", a + "/" + c + "?until=" + t).send().expect(403);
    }

    @Test
    void publicListingIsOwnerOnly() {
        String c = PithosHttp.unique("pub");
        h.createContainer(c);
        h.put(c, "p", "x".getBytes());
        h.req("POST", a + "/" + c + "/p?update").header("X-Object-Public", "true").send().expect(202);
        h.put(c, "q", "x".getBytes());
        assertThat(names(h.req("GET", a + "/" + c + "?format=json&public").send().json())).containsExactly("p");
        h.as(h.bob, "GET", a + "/" + c + "?format=json&public").send().expect(403);
    }
}
