package org.synnefo.reactive.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** §1.5 and §7 item 54: projects, applications and memberships over HTTP. */
class ProjectLifecycleTest {

    private static final String END = "2099-01-01T00:00:00Z";

    private SynnefoEmulator emulator;
    private AstakosHttp http;
    private EmulatorUser owner;
    private EmulatorUser member;
    private EmulatorUser admin;

    @BeforeEach
    void start() {
        emulator = SynnefoEmulator.builder().start();
        http = new AstakosHttp(emulator);
        owner = emulator.users().get(0);
        member = emulator.users().get(1);
        admin = emulator.adminUser();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private JsonNode create(String name, String extra) {
        AstakosHttp.Response r = http.postJson("/account/v1.0/projects", owner.token(),
                "{\"name\":\"" + name + "\",\"end_date\":\"" + END + "\"" + extra + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private AstakosHttp.Response action(String token, String project, String json) {
        return http.postJson("/account/v1.0/projects/" + project + "/action", token, json);
    }

    private JsonNode project(String token, String id) {
        return http.get("/account/v1.0/projects/" + id, token).json();
    }

    @Test
    void createIsAPendingApplicationThatOnlyAnAdminApproves() {
        JsonNode created = create("lab.example.org", ",\"resources\":{\"cyclades.vm\":"
                + "{\"project_capacity\":10,\"member_capacity\":2}},\"join_policy\":\"auto\"");
        String id = created.get("id").asText();
        long app = created.get("application").asLong();
        assertThat(created.size()).isEqualTo(2);

        JsonNode p = project(owner.token(), id);
        assertThat(p.get("state").asText()).isEqualTo("uninitialized");
        assertThat(p.get("owner").asText()).isEqualTo(owner.uuid());
        assertThat(p.get("system_project").asBoolean()).isFalse();
        assertThat(p.at("/last_application/id").asLong()).isEqualTo(app);
        assertThat(p.at("/last_application/state").asText()).isEqualTo("pending");
        assertThat(p.at("/last_application/applicant").asText()).isEqualTo(owner.uuid());
        assertThat(p.at("/resources/cyclades.vm/project_capacity").asLong()).isEqualTo(10);
        // Uninitialized projects are invisible to others.
        assertThat(http.get("/account/v1.0/projects/" + id, member.token()).status()).isEqualTo(403);

        AstakosHttp.Response byOwner = action(owner.token(), id, "{\"approve\":{\"app_id\":" + app + "}}");
        assertThat(byOwner.status()).isEqualTo(403);
        assertThat(byOwner.json().has("forbidden")).isTrue();

        assertThat(action(admin.token(), id, "{\"approve\":{\"app_id\":" + app + ",\"reason\":\"ok\"}}").status())
                .isEqualTo(200);
        p = project(owner.token(), id);
        assertThat(p.get("state").asText()).isEqualTo("active");
        assertThat(p.at("/last_application/state").asText()).isEqualTo("approved");
        // Now public and active: visible to anyone, without the application.
        JsonNode seen = project(member.token(), id);
        assertThat(seen.get("state").asText()).isEqualTo("active");
        assertThat(seen.has("last_application")).isFalse();

        // Join under an auto policy is accepted at once and the project's quota appears.
        AstakosHttp.Response join = http.postJson("/account/v1.0/projects/memberships", member.token(),
                "{\"join\":{\"project\":\"" + id + "\"}}");
        assertThat(join.status()).isEqualTo(200);
        long mid = join.json().get("id").asLong();
        JsonNode m = http.get("/account/v1.0/projects/memberships/" + mid, member.token()).json();
        assertThat(m.get("state").asText()).isEqualTo("accepted");
        assertThat(m.get("user").asText()).isEqualTo(member.uuid());
        assertThat(m.get("project").asText()).isEqualTo(id);
        assertThat(m.has("accepted")).isTrue();
        JsonNode q = http.get("/account/v1.0/quotas", member.token()).json();
        assertThat(q.at("/" + id + "/cyclades.vm/limit").asLong()).isEqualTo(2);
        assertThat(q.at("/" + id + "/cyclades.vm/project_limit").asLong()).isEqualTo(10);
    }

    @Test
    void cancelDeletesDenyThenDismissDeletes() {
        JsonNode a = create("one.example.org", "");
        assertThat(action(owner.token(), a.get("id").asText(),
                "{\"dismiss\":{\"app_id\":" + a.get("application") + "}}").status()).isEqualTo(409);
        assertThat(action(owner.token(), a.get("id").asText(),
                "{\"cancel\":{\"app_id\":" + a.get("application") + "}}").status()).isEqualTo(200);
        assertThat(project(owner.token(), a.get("id").asText()).get("state").asText()).isEqualTo("deleted");
        assertThat(project(owner.token(), a.get("id").asText()).at("/last_application/state").asText())
                .isEqualTo("cancelled");

        JsonNode b = create("two.example.org", "");
        String id = b.get("id").asText();
        assertThat(action(admin.token(), id, "{\"deny\":{\"app_id\":" + b.get("application") + "}}").status())
                .isEqualTo(200);
        assertThat(project(owner.token(), id).get("state").asText()).isEqualTo("uninitialized");
        assertThat(project(owner.token(), id).at("/last_application/state").asText()).isEqualTo("denied");
        assertThat(action(owner.token(), id, "{\"dismiss\":{\"app_id\":" + b.get("application") + "}}").status())
                .isEqualTo(200);
        assertThat(project(owner.token(), id).get("state").asText()).isEqualTo("deleted");
        assertThat(project(owner.token(), id).at("/last_application/state").asText()).isEqualTo("dismissed");
        // A second approval of a finished application conflicts.
        assertThat(action(admin.token(), id, "{\"approve\":{\"app_id\":" + b.get("application") + "}}").status())
                .isEqualTo(409);
    }

    @Test
    void tooManyPendingApplicationsConflict() {
        for (int i = 0; i < EmulatorProjects.DEFAULT_PENDING_APPLICATIONS; i++) {
            create("p" + i + ".example.org", "");
        }
        AstakosHttp.Response r = http.postJson("/account/v1.0/projects", owner.token(),
                "{\"name\":\"more.example.org\",\"end_date\":\"" + END + "\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().at("/conflict/message").asText()).contains("maximum number of pending");
    }

    @Test
    void modifyingAnUninitializedProjectConflictsAndModificationsNeedApproval() {
        JsonNode a = create("mod.example.org", "");
        String id = a.get("id").asText();
        assertThat(http.putJson("/account/v1.0/projects/" + id, owner.token(), "{\"max_members\":3}").status())
                .isEqualTo(409);
        action(admin.token(), id, "{\"approve\":{\"app_id\":" + a.get("application") + "}}");
        AstakosHttp.Response mod = http.putJson("/account/v1.0/projects/" + id, owner.token(),
                "{\"max_members\":3,\"resources\":{\"cyclades.cpu\":{\"project_capacity\":8,\"member_capacity\":4}}}");
        assertThat(mod.status()).isEqualTo(201);
        assertThat(mod.json().get("id").asText()).isEqualTo(id);
        long app = mod.json().get("application").asLong();
        assertThat(project(owner.token(), id).get("max_members").asLong()).isNotEqualTo(3);
        action(admin.token(), id, "{\"approve\":{\"app_id\":" + app + "}}");
        JsonNode p = project(owner.token(), id);
        assertThat(p.get("max_members").asLong()).isEqualTo(3);
        assertThat(p.at("/resources/cyclades.cpu/member_capacity").asLong()).isEqualTo(4);
        assertThat(http.putJson("/account/v1.0/projects/" + id, member.token(), "{}").status()).isEqualTo(403);
        assertThat(http.putJson("/account/v1.0/projects/" + owner.uuid(), owner.token(), "{\"name\":\"x.example.org\"}")
                .status()).isEqualTo(403);
    }

    @Test
    void createValidation() {
        String[][] cases = {
            {"{\"end_date\":\"" + END + "\"}", "Name missing."},
            {"{\"name\":\"not a domain\",\"end_date\":\"" + END + "\"}", "Project name should be in domain format"},
            {"{\"name\":\"a.example.org\"}", "Missing end date"},
            {"{\"name\":\"a.example.org\",\"end_date\":\"yesterday\"}", "Invalid end_date"},
            {"{\"name\":\"a.example.org\",\"end_date\":\"2001-01-01T00:00:00Z\"}", "'end_date' must be in the future"},
            {"{\"name\":\"a.example.org\",\"end_date\":\"" + END + "\",\"join_policy\":\"maybe\"}", "Invalid join policy"},
            {"{\"name\":\"a.example.org\",\"end_date\":\"" + END + "\",\"max_members\":-1}", "Invalid max_members"},
            {"{\"name\":\"a.example.org\",\"end_date\":\"" + END + "\",\"private\":\"yes\"}", "private must be boolean"},
            {"{\"name\":\"a.example.org\",\"end_date\":\"" + END + "\",\"resources\":{\"cyclades.total_cpu\":"
                    + "{\"project_capacity\":1,\"member_capacity\":1}}}", "Malformed resource policies"},
            {"{\"name\":\"a.example.org\",\"end_date\":\"" + END + "\",\"resources\":{\"cyclades.vm\":"
                    + "{\"project_capacity\":1,\"member_capacity\":2}}}",
                    "Project quota limit is less than member limit for resource 'cyclades.vm'"},
            {"{\"name\":\"a.example.org\",\"end_date\":\"" + END + "\",\"owner\":\"nobody\"}", "User does not exist."},
        };
        for (String[] c : cases) {
            AstakosHttp.Response r = http.postJson("/account/v1.0/projects", owner.token(), c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.json().at("/badRequest/message").asText()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void listFiltersAndVisibility() {
        JsonNode a = create("list.example.org", ",\"private\":true");
        String id = a.get("id").asText();
        action(admin.token(), id, "{\"approve\":{\"app_id\":" + a.get("application") + "}}");

        List<String> ownerSees = ids(http.get("/account/v1.0/projects", owner.token()).json());
        assertThat(ownerSees).contains(id, owner.uuid()).doesNotContain(member.uuid());
        // Private: not listed for, nor visible to, a non-member.
        assertThat(ids(http.get("/account/v1.0/projects", member.token()).json())).doesNotContain(id);
        assertThat(http.get("/account/v1.0/projects/" + id, member.token()).status()).isEqualTo(403);
        assertThat(http.get("/account/v1.0/projects/nope", member.token()).status()).isEqualTo(404);
        // An admin sees everything.
        assertThat(ids(http.get("/account/v1.0/projects", admin.token()).json())).contains(id, owner.uuid(), member.uuid());

        assertThat(ids(http.get("/account/v1.0/projects?name=list.example.org", owner.token()).json()))
                .containsExactly(id);
        assertThat(ids(http.get("/account/v1.0/projects?state=uninitialized", owner.token()).json())).isEmpty();
        assertThat(ids(http.get("/account/v1.0/projects?owner=" + owner.uuid(), owner.token()).json()))
                .containsExactly(id);
        assertThat(ids(http.get("/account/v1.0/projects?mode=member", owner.token()).json()))
                .containsExactly(owner.uuid());

        assertThat(http.get("/account/v1.0/projects?colour=red", owner.token()).status()).isEqualTo(400);
        assertThat(http.get("/account/v1.0/projects?state=sleeping", owner.token()).json()
                .at("/badRequest/message").asText()).isEqualTo("Unrecognized state sleeping");
        assertThat(http.get("/account/v1.0/projects?mode=all", owner.token()).status()).isEqualTo(400);

        JsonNode system = project(owner.token(), owner.uuid());
        assertThat(system.get("system_project").asBoolean()).isTrue();
        assertThat(system.at("/resources/cyclades.vm/project_capacity").asLong()).isEqualTo(EmulatorProjects.DEFAULT_VMS);
        assertThat(system.at("/resources").has("astakos.pending_app")).isFalse();
        assertThat(http.get("/account/v1.0/projects/" + owner.uuid(), member.token()).status()).isEqualTo(403);
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(p -> out.add(p.get("id").asText()));
        return out;
    }

    @Test
    void projectActionsAreForAdminsAndFollowTheStates() {
        JsonNode a = create("acts.example.org", ",\"join_policy\":\"auto\"");
        String id = a.get("id").asText();
        action(admin.token(), id, "{\"approve\":{\"app_id\":" + a.get("application") + "}}");
        http.postJson("/account/v1.0/projects/memberships", member.token(), "{\"join\":{\"project\":\"" + id + "\"}}");

        assertThat(action(owner.token(), id, "{\"suspend\":{}}").status()).isEqualTo(403);
        assertThat(action(admin.token(), id, "{\"suspend\":{\"reason\":\"x\"}}").status()).isEqualTo(200);
        JsonNode p = project(owner.token(), id);
        assertThat(p.get("state").asText()).isEqualTo("suspended");
        assertThat(p.has("deactivation_date")).isTrue();
        assertThat(http.get("/account/v1.0/quotas", member.token()).json().at("/" + id + "/cyclades.vm/limit").asLong())
                .isZero();
        assertThat(action(admin.token(), id, "{\"suspend\":{}}").status()).isEqualTo(409);
        assertThat(action(admin.token(), id, "{\"unsuspend\":{}}").status()).isEqualTo(200);
        assertThat(action(admin.token(), id, "{\"unsuspend\":{}}").status()).isEqualTo(409);
        assertThat(action(admin.token(), id, "{\"reinstate\":{}}").status()).isEqualTo(409);
        assertThat(action(admin.token(), id, "{\"terminate\":{}}").status()).isEqualTo(200);
        assertThat(project(owner.token(), id).get("state").asText()).isEqualTo("terminated");
        assertThat(action(admin.token(), id, "{\"reinstate\":{}}").status()).isEqualTo(200);
        assertThat(project(owner.token(), id).get("state").asText()).isEqualTo("active");
        assertThat(action(admin.token(), owner.uuid(), "{\"terminate\":{}}").status()).isEqualTo(409);
        assertThat(action(admin.token(), "nope", "{\"terminate\":{}}").status()).isEqualTo(404);

        AstakosHttp.Response multiple = action(admin.token(), id, "{\"suspend\":{},\"terminate\":{}}");
        assertThat(multiple.status()).isEqualTo(400);
        assertThat(multiple.json().at("/badRequest/message").asText()).isEqualTo("Multiple actions not supported");
        AstakosHttp.Response none = action(admin.token(), id, "{\"explode\":{}}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().at("/badRequest/message").asText()).isEqualTo("No recognized action");
    }

    @Test
    void moderatedMembershipsTheirAllowedActionsAndLifecycle() {
        JsonNode a = create("mods.example.org", "");
        String id = a.get("id").asText();
        action(admin.token(), id, "{\"approve\":{\"app_id\":" + a.get("application") + "}}");

        long mid = http.postJson("/account/v1.0/projects/memberships", member.token(),
                "{\"join\":{\"project\":\"" + id + "\"}}").json().get("id").asLong();
        JsonNode seenByAdmin = http.get("/account/v1.0/projects/memberships/" + mid, admin.token()).json();
        assertThat(seenByAdmin.get("state").asText()).isEqualTo("requested");
        assertThat(seenByAdmin.get("allowed_actions").toString()).isEqualTo("[\"accept\",\"cancel\",\"reject\"]");
        assertThat(seenByAdmin.has("requested")).isTrue();
        assertThat(http.get("/account/v1.0/projects/memberships/" + mid, member.token()).json()
                .get("allowed_actions").toString()).isEqualTo("[\"cancel\"]");
        // A second join while requested conflicts.
        assertThat(http.postJson("/account/v1.0/projects/memberships", member.token(),
                "{\"join\":{\"project\":\"" + id + "\"}}").status()).isEqualTo(409);

        String memberships = "/account/v1.0/projects/memberships/" + mid + "/action";
        assertThat(http.postJson(memberships, member.token(), "{\"accept\":\"\"}").status()).isEqualTo(403);
        assertThat(http.postJson(memberships, owner.token(), "{\"accept\":\"welcome\"}").status()).isEqualTo(200);
        assertThat(http.postJson(memberships, owner.token(), "{\"accept\":\"\"}").status()).isEqualTo(409);
        assertThat(http.postJson(memberships, owner.token(), "{}").json().at("/badRequest/message").asText())
                .isEqualTo("No recognized action");
        assertThat(http.postJson(memberships, owner.token(), "{\"accept\":\"\",\"reject\":\"\"}").json()
                .at("/badRequest/message").asText()).isEqualTo("Multiple actions not supported");

        assertThat(ids(http.get("/account/v1.0/projects/memberships?project=" + id, owner.token()).json()).size())
                .isEqualTo(1);
        assertThat(http.get("/account/v1.0/projects/memberships", member.token()).json().size()).isEqualTo(2);

        assertThat(http.postJson(memberships, member.token(), "{\"leave\":\"bye\"}").status()).isEqualTo(200);
        assertThat(http.get("/account/v1.0/projects/memberships/" + mid, member.token()).json()
                .get("state").asText()).isEqualTo("removed");
        assertThat(http.get("/account/v1.0/projects/memberships/999", member.token()).status()).isEqualTo(404);

        // Enrolment by e-mail, by the owner only.
        AstakosHttp.Response enroll = http.postJson("/account/v1.0/projects/memberships", owner.token(),
                "{\"enroll\":{\"project\":\"" + id + "\",\"user\":\"" + member.email() + "\"}}");
        assertThat(enroll.status()).isEqualTo(200);
        assertThat(http.get("/account/v1.0/projects/memberships/" + enroll.json().get("id").asLong(), owner.token())
                .json().get("state").asText()).isEqualTo("accepted");
        assertThat(http.postJson("/account/v1.0/projects/memberships", member.token(),
                "{\"enroll\":{\"project\":\"" + id + "\",\"user\":\"" + owner.email() + "\"}}").status()).isEqualTo(403);
        assertThat(http.postJson("/account/v1.0/projects/memberships", owner.token(),
                "{\"enroll\":{\"project\":\"" + id + "\",\"user\":\"ghost@example.org\"}}").status()).isEqualTo(409);
        // Removal by the owner.
        long enrolled = enroll.json().get("id").asLong();
        assertThat(http.postJson("/account/v1.0/projects/memberships/" + enrolled + "/action", owner.token(),
                "{\"remove\":\"\"}").status()).isEqualTo(200);
        // System projects are closed.
        assertThat(http.postJson("/account/v1.0/projects/memberships", member.token(),
                "{\"join\":{\"project\":\"" + owner.uuid() + "\"}}").status()).isEqualTo(409);
    }
}
