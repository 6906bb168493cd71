package org.synnefo.reactive.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.emulator.internal.QuotaLedger;

/** §1.3, §1.4 and §7 items 51 to 53: resources, quotas, commissions and user catalogs over HTTP. */
class QuotaAccountTest {

    private TestClock clock;
    private SynnefoEmulator emulator;
    private AstakosHttp http;
    private EmulatorUser user;
    private EmulatorUser other;

    @BeforeEach
    void start() {
        clock = new TestClock(Instant.parse("2024-01-01T00:00:00Z"));
        emulator = SynnefoEmulator.builder().clock(clock).tokenLifetime(Duration.ofDays(1))
                .systemProjectCapacity("cyclades.vm", 2).start();
        http = new AstakosHttp(emulator);
        user = emulator.users().get(0);
        other = emulator.users().get(1);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void resourcesNeedNoTokenAndHideInvisibleOnes() {
        AstakosHttp.Response r = http.get("/account/v1.0/resources", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode res = r.json();
        List<String> names = new ArrayList<>();
        res.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("cyclades.vm", "cyclades.cpu", "cyclades.ram", "cyclades.disk",
                "cyclades.network.private", "cyclades.floating_ip", "pithos.diskspace");
        JsonNode vm = res.get("cyclades.vm");
        assertThat(vm.get("service").asText()).isEqualTo("cyclades_compute");
        assertThat(vm.get("description").asText()).isEqualTo("Number of virtual machines");
        assertThat(vm.get("unit").isNull()).isTrue();
        assertThat(vm.get("ui_visible").asBoolean()).isTrue();
        assertThat(vm.get("api_visible").asBoolean()).isTrue();
        assertThat(res.at("/pithos.diskspace/unit").asText()).isEqualTo("bytes");
        AstakosHttp.Response post = http.postJson("/account/v1.0/resources", null, "{}");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET");
    }

    @Test
    void quotasNeedAUserTokenAndAreKeyedByTheSystemProject() {
        assertThat(http.get("/account/v1.0/quotas", null).status()).isEqualTo(401);
        AstakosHttp.Response bad = http.get("/account/v1.0/quotas", "bogus");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.json().has("unauthorized")).isTrue();

        AstakosHttp.Response r = http.get("/account/v1.0/quotas", user.token());
        assertThat(r.status()).isEqualTo(200);
        JsonNode q = r.json();
        assertThat(q.size()).isEqualTo(1);
        JsonNode vm = q.get(user.uuid()).get("cyclades.vm");
        assertThat(vm.get("limit").asLong()).isEqualTo(2);
        assertThat(vm.get("usage").asLong()).isZero();
        assertThat(vm.get("pending").asLong()).isZero();
        assertThat(vm.get("project_limit").asLong()).isEqualTo(2);
        assertThat(vm.get("project_usage").asLong()).isZero();
        assertThat(vm.get("project_pending").asLong()).isZero();
        assertThat(q.get(user.uuid()).has("cyclades.total_cpu")).isFalse();
        assertThat(q.get(user.uuid()).has("astakos.pending_app")).isFalse();
        assertThat(q.at("/" + user.uuid() + "/pithos.diskspace/limit").asLong())
                .isEqualTo(EmulatorProjects.DEFAULT_DISKSPACE);
        // The query-parameter form of the token works too.
        assertThat(http.get("/account/v1.0/quotas?X-Auth-Token=" + user.token(), null).status()).isEqualTo(200);
    }

    @Test
    void usageChargedInTheLedgerShowsInQuotas() {
        QuotaLedger ledger = emulator.context().ledger();
        ledger.charge(user.uuid(), user.uuid(), "pithos.diskspace", 1000);
        JsonNode e = http.get("/account/v1.0/quotas", user.token()).json().at("/" + user.uuid() + "/pithos.diskspace");
        assertThat(e.get("usage").asLong()).isEqualTo(1000);
        assertThat(e.get("project_usage").asLong()).isEqualTo(1000);
        ledger.release(user.uuid(), user.uuid(), "pithos.diskspace", 1000);
        e = http.get("/account/v1.0/quotas", user.token()).json().at("/" + user.uuid() + "/pithos.diskspace");
        assertThat(e.get("usage").asLong()).isZero();
    }

    @Test
    void serviceQuotasNeedTheComponentToken() {
        assertThat(http.get("/account/v1.0/service_quotas", user.token()).status()).isEqualTo(401);
        AstakosHttp.Response all = http.get("/account/v1.0/service_quotas", emulator.serviceToken());
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().has(user.uuid())).isTrue();
        assertThat(all.json().has(other.uuid())).isTrue();
        assertThat(all.json().at("/" + user.uuid() + "/" + user.uuid() + "/cyclades.vm/limit").asLong()).isEqualTo(2);

        AstakosHttp.Response one = http.get("/account/v1.0/service_quotas?user=" + other.uuid(), emulator.serviceToken());
        assertThat(one.json().size()).isEqualTo(1);
        assertThat(one.json().has(other.uuid())).isTrue();

        AstakosHttp.Response unknown = http.get("/account/v1.0/service_quotas?user=nobody", emulator.serviceToken());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().has("itemNotFound")).isTrue();

        AstakosHttp.Response projects = http.get("/account/v1.0/service_project_quotas?project=" + user.uuid(),
                emulator.serviceToken());
        assertThat(projects.status()).isEqualTo(200);
        JsonNode vm = projects.json().at("/" + user.uuid() + "/cyclades.vm");
        assertThat(vm.get("project_limit").asLong()).isEqualTo(2);
        assertThat(vm.has("project_usage")).isTrue();
        assertThat(vm.has("project_pending")).isTrue();
        assertThat(http.get("/account/v1.0/service_project_quotas?project=nope", emulator.serviceToken()).status())
                .isEqualTo(404);
    }

    private String provision(String resource, long quantity) {
        return "{\"holder\":\"user:" + user.uuid() + "\",\"source\":\"project:" + user.uuid()
                + "\",\"resource\":\"" + resource + "\",\"quantity\":" + quantity + "}";
    }

    private AstakosHttp.Response commission(String provisions, String extra) {
        return http.postJson("/account/v1.0/commissions", emulator.serviceToken(),
                "{\"provisions\":[" + provisions + "]" + extra + "}");
    }

    @Test
    void commissionsAreSerialPendingThenAcceptedOrRejected() {
        AstakosHttp.Response first = commission(provision("cyclades.vm", 1), ",\"name\":\"create vm\"");
        assertThat(first.status()).isEqualTo(201);
        long s1 = first.json().get("serial").asLong();
        JsonNode vm = http.get("/account/v1.0/quotas", user.token()).json().at("/" + user.uuid() + "/cyclades.vm");
        assertThat(vm.get("pending").asLong()).isEqualTo(1);
        assertThat(vm.get("usage").asLong()).isZero();

        AstakosHttp.Response second = commission(provision("cyclades.vm", 1), "");
        long s2 = second.json().get("serial").asLong();
        assertThat(s2).isGreaterThan(s1);
        assertThat(http.get("/account/v1.0/commissions", emulator.serviceToken()).json().toString())
                .isEqualTo("[" + s1 + "," + s2 + "]");
        JsonNode c = http.get("/account/v1.0/commissions/" + s1, emulator.serviceToken()).json();
        assertThat(c.get("serial").asLong()).isEqualTo(s1);
        assertThat(c.get("name").asText()).isEqualTo("create vm");
        assertThat(c.at("/provisions/0/resource").asText()).isEqualTo("cyclades.vm");

        // Both pending VMs fill the limit of 2: a third is over the limit.
        AstakosHttp.Response over = commission(provision("cyclades.vm", 1), "");
        assertThat(over.status()).isEqualTo(413);
        JsonNode fault = over.json().get("overLimit");
        assertThat(fault.get("code").asInt()).isEqualTo(413);
        assertThat(fault.get("message").asText()).contains("cyclades.vm");
        assertThat(fault.at("/data/limit").asLong()).isEqualTo(2);
        assertThat(fault.at("/data/usage").asLong()).isEqualTo(2);

        assertThat(http.postJson("/account/v1.0/commissions/" + s1 + "/action", emulator.serviceToken(),
                "{\"accept\":\"\"}").status()).isEqualTo(200);
        AstakosHttp.Response many = http.postJson("/account/v1.0/commissions/action", emulator.serviceToken(),
                "{\"accept\":[],\"reject\":[" + s2 + ",999]}");
        assertThat(many.status()).isEqualTo(200);
        assertThat(many.json().get("rejected").toString()).isEqualTo("[" + s2 + "]");
        assertThat(many.json().at("/failed/0/0").asLong()).isEqualTo(999);
        assertThat(many.json().at("/failed/0/1/itemNotFound/code").asInt()).isEqualTo(404);

        vm = http.get("/account/v1.0/quotas", user.token()).json().at("/" + user.uuid() + "/cyclades.vm");
        assertThat(vm.get("usage").asLong()).isEqualTo(1);
        assertThat(vm.get("pending").asLong()).isZero();
        assertThat(http.get("/account/v1.0/commissions/" + s1, emulator.serviceToken()).status()).isEqualTo(404);
        assertThat(http.postJson("/account/v1.0/commissions/" + s1 + "/action", emulator.serviceToken(),
                "{\"accept\":\"\",\"reject\":\"\"}").status()).isEqualTo(400);
    }

    private String projectProvision(String resource, long quantity) {
        return "{\"holder\":\"project:" + user.uuid() + "\",\"source\":null,\"resource\":\"" + resource
                + "\",\"quantity\":" + quantity + "}";
    }

    /** What astakosclient's mk_provisions sends: the member's holding and the project's, same quantity. */
    private String paired(String resource, long quantity) {
        return provision(resource, quantity) + "," + projectProvision(resource, quantity);
    }

    private JsonNode quota(String resource) {
        return http.get("/account/v1.0/quotas", user.token()).json().at("/" + user.uuid() + "/" + resource);
    }

    @Test
    void pairedProvisionsChargeUserAndProjectHoldingsOnceEach() {
        AstakosHttp.Response accepted = commission(paired("cyclades.vm", 1), ",\"auto_accept\":true");
        assertThat(accepted.status()).isEqualTo(201);
        JsonNode vm = quota("cyclades.vm");
        assertThat(vm.get("usage").asLong()).isEqualTo(1);
        assertThat(vm.get("project_usage").asLong()).isEqualTo(1);

        long pending = commission(paired("cyclades.vm", 1), "").json().get("serial").asLong();
        vm = quota("cyclades.vm");
        assertThat(vm.get("pending").asLong()).isEqualTo(1);
        assertThat(vm.get("project_pending").asLong()).isEqualTo(1);
        assertThat(vm.get("project_usage").asLong()).isEqualTo(1);

        // limit 2 on both holdings: the member's holding is the first to refuse
        AstakosHttp.Response over = commission(paired("cyclades.vm", 1), "");
        assertThat(over.status()).isEqualTo(413);
        JsonNode data = over.json().at("/overLimit/data");
        assertThat(over.json().at("/overLimit/message").asText())
                .isEqualTo("user:" + user.uuid() + " has not enough capacity of cyclades.vm.");
        assertThat(data.get("name").asText()).isEqualTo("NoCapacityError");
        assertThat(data.at("/provision/holder").asText()).isEqualTo("user:" + user.uuid());
        assertThat(data.get("limit").asLong()).isEqualTo(2);
        assertThat(data.get("usage").asLong()).isEqualTo(2);
        assertThat(data.has("requested")).isFalse();

        assertThat(http.postJson("/account/v1.0/commissions/" + pending + "/action", emulator.serviceToken(),
                "{\"accept\":\"\"}").status()).isEqualTo(200);
        vm = quota("cyclades.vm");
        assertThat(vm.get("usage").asLong()).isEqualTo(2);
        assertThat(vm.get("project_usage").asLong()).isEqualTo(2);
        assertThat(vm.get("pending").asLong()).isZero();

        // a paired release gives back both; releasing more than a holding contains is NoQuantityError
        assertThat(commission(paired("cyclades.vm", -2), ",\"auto_accept\":true").status()).isEqualTo(201);
        vm = quota("cyclades.vm");
        assertThat(vm.get("usage").asLong()).isZero();
        assertThat(vm.get("project_usage").asLong()).isZero();
        AstakosHttp.Response overRelease = commission(paired("cyclades.vm", -1), "");
        assertThat(overRelease.status()).isEqualTo(413);
        assertThat(overRelease.json().at("/overLimit/data/name").asText()).isEqualTo("NoQuantityError");
    }

    @Test
    void serviceChargesAndPairedCommissionsAgreeInQuotas() {
        String container = "/object-store/v1/" + user.uuid() + "/c";
        assertThat(http.send("PUT", container, user.token(), null, null).status()).isEqualTo(201);
        assertThat(http.send("PUT", container + "/o", user.token(), "application/octet-stream", "0123456789")
                .status()).isEqualTo(201);
        JsonNode disk = quota("pithos.diskspace");
        assertThat(disk.get("usage").asLong()).isEqualTo(10);
        assertThat(disk.get("project_usage").asLong()).isEqualTo(10);

        assertThat(commission(paired("pithos.diskspace", 5), ",\"auto_accept\":true").status()).isEqualTo(201);
        disk = quota("pithos.diskspace");
        assertThat(disk.get("usage").asLong()).isEqualTo(15);
        assertThat(disk.get("project_usage").asLong()).isEqualTo(15);

        // a project-only provision moves only the project's holding
        assertThat(commission(projectProvision("pithos.diskspace", 3), ",\"auto_accept\":true").status())
                .isEqualTo(201);
        disk = quota("pithos.diskspace");
        assertThat(disk.get("usage").asLong()).isEqualTo(15);
        assertThat(disk.get("project_usage").asLong()).isEqualTo(18);
    }

    @Test
    void commissionEdgeCases() {
        AstakosHttp.Response auto = commission(provision("cyclades.vm", 1), ",\"auto_accept\":true");
        assertThat(auto.status()).isEqualTo(201);
        assertThat(http.get("/account/v1.0/quotas", user.token()).json()
                .at("/" + user.uuid() + "/cyclades.vm/usage").asLong()).isEqualTo(1);
        AstakosHttp.Response forced = commission(provision("cyclades.vm", 5), ",\"force\":true,\"auto_accept\":true");
        assertThat(forced.status()).isEqualTo(201);

        AstakosHttp.Response unknownHolder = commission("{\"holder\":\"user:nobody\",\"source\":\"project:"
                + user.uuid() + "\",\"resource\":\"cyclades.vm\",\"quantity\":1}", "");
        assertThat(unknownHolder.status()).isEqualTo(404);
        assertThat(unknownHolder.json().at("/itemNotFound/code").asInt()).isEqualTo(404);
        assertThat(unknownHolder.json().at("/itemNotFound/data").isObject()).isTrue();

        assertThat(http.postJson("/account/v1.0/commissions", emulator.serviceToken(), "{}").json()
                .at("/badRequest/message").asText()).isEqualTo("Provisions are missing.");
        assertThat(commission("{\"holder\":\"x\"}", "").status()).isEqualTo(400);
        assertThat(commission(provision("cyclades.vm", 1), ",\"force\":\"yes\"").status()).isEqualTo(400);
        assertThat(http.postJson("/account/v1.0/commissions", user.token(), "{\"provisions\":[]}").status())
                .isEqualTo(401);
    }

    @Test
    void userCatalogsMapBothWays() {
        AstakosHttp.Response r = http.postJson("/account/v1.0/user_catalogs", user.token(),
                "{\"uuids\":[\"" + other.uuid() + "\",\"unknown\"],\"displaynames\":[\"" + user.displayName()
                        + "\",\"nobody@example.org\"]}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("uuid_catalog").toString())
                .isEqualTo("{\"" + other.uuid() + "\":\"" + other.displayName() + "\"}");
        assertThat(r.json().get("displayname_catalog").toString())
                .isEqualTo("{\"" + user.displayName() + "\":\"" + user.uuid() + "\"}");

        assertThat(http.postJson("/account/v1.0/user_catalogs", user.token(), "[1,2]").status()).isEqualTo(400);
        assertThat(http.postJson("/account/v1.0/user_catalogs", user.token(), "{\"displaynames\":\"x\"}").status())
                .isEqualTo(400);
        assertThat(http.postJson("/account/v1.0/user_catalogs", null, "{}").status()).isEqualTo(401);
        assertThat(http.postJson("/account/v1.0/user_catalogs", "bogus", "{}").status()).isEqualTo(401);

        AstakosHttp.Response service = http.postJson("/account/v1.0/service/user_catalogs", emulator.serviceToken(),
                "{\"uuids\":null}");
        assertThat(service.status()).isEqualTo(200);
        assertThat(service.json().get("uuid_catalog").has(user.uuid())).isTrue();
        assertThat(service.json().get("uuid_catalog").has(other.uuid())).isTrue();
        assertThat(http.postJson("/account/v1.0/service/user_catalogs", user.token(), "{}").status()).isEqualTo(401);
    }

    @Test
    void inactiveOrExpiredUsersGet401OnTheAccountApi() {
        emulator.setUserActive(user.uuid(), false);
        AstakosHttp.Response inactive = http.postJson("/account/v1.0/user_catalogs", user.token(), "{}");
        assertThat(inactive.status()).isEqualTo(401);
        assertThat(inactive.json().at("/unauthorized/message").asText()).isEqualTo("User inactive");
        emulator.setUserActive(user.uuid(), true);
        clock.advance(Duration.ofDays(3));
        AstakosHttp.Response expired = http.postJson("/account/v1.0/user_catalogs", user.token(), "{}");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().at("/unauthorized/message").asText()).isEqualTo("Authentication expired");
    }

    @Test
    void defaultProjectMustBeAProjectTheUserIsMemberOf() {
        String lab = emulator.projects().create("CS333 lab assignments", other.uuid(),
                java.util.Map.of("cyclades.vm", new ResourceCapacity(10, 2)), user.uuid());
        assertThat(http.postJson("/account/v1.0/myaccount/default_project", user.token(),
                "{\"project_id\":\"" + lab + "\"}").status()).isEqualTo(200);
        AstakosHttp.Response auth = http.postJson("/identity/v2.0/tokens", null,
                "{\"auth\":{\"token\":{\"id\":\"" + user.token() + "\"}}}");
        assertThat(auth.json().at("/access/token/tenant/id").asText()).isEqualTo(lab);
        assertThat(auth.json().at("/access/user/projects").size()).isEqualTo(2);

        assertThat(http.postJson("/account/v1.0/myaccount/default_project", user.token(), "{}").status())
                .isEqualTo(403);
        assertThat(http.postJson("/account/v1.0/myaccount/default_project", user.token(),
                "{\"project_id\":\"nope\"}").status()).isEqualTo(404);
        assertThat(http.postJson("/account/v1.0/myaccount/default_project", user.token(),
                "{\"project_id\":\"" + other.uuid() + "\"}").status()).isEqualTo(403);
    }

    @Test
    void seededProjectCapacitiesFeedQuotasForEveryMember() {
        String lab = emulator.projects().create("CS333 lab assignments", other.uuid(),
                java.util.Map.of("cyclades.vm", new ResourceCapacity(10, 2),
                        "pithos.diskspace", new ResourceCapacity(1000, 500)), user.uuid());
        JsonNode q = http.get("/account/v1.0/quotas", user.token()).json();
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.at("/" + lab + "/cyclades.vm/limit").asLong()).isEqualTo(2);
        assertThat(q.at("/" + lab + "/cyclades.vm/project_limit").asLong()).isEqualTo(10);
        assertThat(q.at("/" + lab + "/cyclades.cpu/project_limit").asLong()).isZero();

        emulator.context().ledger().charge(lab, user.uuid(), "pithos.diskspace", 400);
        q = http.get("/account/v1.0/quotas", user.token()).json();
        assertThat(q.at("/" + lab + "/pithos.diskspace/usage").asLong()).isEqualTo(400);

        emulator.projects().setCapacity(lab, "cyclades.cpu", new ResourceCapacity(8, 4));
        q = http.get("/account/v1.0/quotas", user.token()).json();
        assertThat(q.at("/" + lab + "/cyclades.cpu/limit").asLong()).isEqualTo(4);
        // The owner is not a member: the project is not among the owner's quotas.
        assertThat(http.get("/account/v1.0/quotas", other.token()).json().has(lab)).isFalse();
    }
}
