package org.synnefo.reactive.astakos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.ServiceCatalog;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.UnauthorizedException;
import org.synnefo.reactive.core.json.SynnefoJson;

/** Parsing of the Astakos answers of synnefo-api.md §1, from samples in the spec's shapes. */
class ModelParsingTest {

    private static JsonNode json(String s) {
        return SynnefoJson.readTree(s.replace('\'', '"').getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static final String AUTH = """
            {'access': {
               'token': {'id': 'tok-123', 'expires': '2013-06-19T15:23:59.975572+00:00',
                         'tenant': {'id': 'proj-default', 'name': 'Example User'}},
               'user': {'id': 'uuid-1', 'name': 'Example User', 'roles': [{'id': '1', 'name': 'default'}],
                        'roles_links': [], 'projects': ['uuid-1', 'proj-2'], 'newField': 7},
               'serviceCatalog': [
                 {'name': 'astakos_account', 'type': 'account', 'endpoints_links': [],
                  'endpoints': [{'versionId': 'v1.0', 'publicURL': 'https://acc.example.org/account/v1.0',
                                 'SNF:uiURL': 'https://acc.example.org/ui', 'region': 'default'}]},
                 {'name': 'cyclades_network', 'type': 'network', 'endpoints_links': [],
                  'endpoints': [{'versionId': 'v2.0', 'publicURL': 'https://cyc.example.org/cyclades/network',
                                 'SNF:exposeVersion': 'false', 'region': 'default'}]}
               ]}}
            """;

    @Test
    void authenticationResponseGivesEveryField() {
        AuthenticationResult r = AuthenticationResult.fromJson(json(AUTH));
        assertThat(r.tokenId()).isEqualTo("tok-123");
        assertThat(r.expires()).isEqualTo(Instant.parse("2013-06-19T15:23:59.975572Z"));
        assertThat(r.userUuid()).isEqualTo("uuid-1");
        assertThat(r.userName()).isEqualTo("Example User");
        assertThat(r.roles()).containsExactly(new Role("1", "default"));
        assertThat(r.projects()).containsExactly("uuid-1", "proj-2");
        assertThat(r.defaultProject()).isEqualTo("proj-default");
        assertThat(r.tenantName()).isEqualTo("Example User");
        assertThat(r.user().raw().path("newField").asInt()).isEqualTo(7);
        assertThat(r.raw().path("access").path("token").path("id").asText()).isEqualTo("tok-123");
        assertThat(r.catalog().apiUrl("network")).contains("https://cyc.example.org/cyclades/network/v2.0");
        assertThat(r.toString()).doesNotContain("tok-123");
    }

    @Test
    void authenticationWithoutTokenOrUserIsRejected() {
        assertThatThrownBy(() -> AuthenticationResult.fromJson(json("{'access': {'serviceCatalog': []}}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accountUrlIsFoundByCatalogNameThenType() {
        ServiceCatalog c = AuthenticationResult.fromJson(json(AUTH)).catalog();
        assertThat(AstakosClient.accountUrl(c)).isEqualTo("https://acc.example.org/account/v1.0");
        ServiceCatalog byType = ServiceCatalog.fromJson(json("""
                [{'name': 'other', 'type': 'account', 'endpoints': [
                   {'versionId': 'v0.9', 'publicURL': 'https://old/account/v0.9'},
                   {'versionId': 'v1.0', 'publicURL': 'https://x/astakos/account', 'SNF:exposeVersion': false}]}]
                """));
        assertThat(AstakosClient.accountUrl(byType)).isEqualTo("https://x/astakos/account/v1.0");
        assertThat(AstakosClient.accountUrl(ServiceCatalog.fromJson(json("[]")))).isNull();
    }

    @Test
    void quotasAndEffectiveLimit() {
        Quota q = Quota.fromJson(json("""
                {'usage': 2, 'limit': 5, 'pending': 1, 'project_usage': 8, 'project_limit': 10,
                 'project_pending': 0, 'extra': true}
                """));
        assertThat(q).isEqualTo(new Quota(2, 5, 1, 8, 10, 0));
        // min(5, 10 - (8 - 2)) = 4, of which 2 used and 1 pending
        assertThat(q.effectiveLimit()).isEqualTo(4);
        assertThat(q.available()).isEqualTo(1);
        // Byte figures beyond int range, and numbers sent as strings
        Quota big = Quota.fromJson(json("{'usage': '1073741824', 'limit': 53687091200}"));
        assertThat(big.usage()).isEqualTo(1L << 30);
        assertThat(big.limit()).isEqualTo(53687091200L);
        assertThat(big.projectLimit()).isZero();
    }

    @Test
    void projectWithUnknownStateAndLastApplication() {
        Project p = Project.fromJson(json("""
                {'id': 'p-1', 'state': 'hibernating', 'creation_date': '2014-01-02T03:04:05.123456',
                 'name': 'test.example.org', 'owner': 'uuid-1', 'homepage': '', 'description': 'd',
                 'end_date': '2030-01-01T00:00:00+00:00', 'join_policy': 'moderated', 'leave_policy': 'auto',
                 'max_members': 9223372036854775807, 'private': false, 'base_project': false,
                 'resources': {'cyclades.vm': {'member_capacity': 2, 'project_capacity': 10}},
                 'last_application': {'id': 42, 'state': 'pending', 'name': 'test.example.org',
                   'owner': 'uuid-1', 'applicant': 'uuid-1', 'start_date': null,
                   'end_date': '2030-01-01T00:00:00+00:00', 'join_policy': 'auto', 'leave_policy': 'closed',
                   'max_members': 5, 'private': true, 'resources': {}}}
                """));
        assertThat(p.state()).isEqualTo(new ProjectState("hibernating")).isNotEqualTo(ProjectState.ACTIVE);
        assertThat(p.creationDate()).isEqualTo(Instant.parse("2014-01-02T03:04:05.123456Z"));
        assertThat(p.endDate()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(p.joinPolicy()).isEqualTo(MembershipPolicy.MODERATED);
        assertThat(p.maxMembers()).isEqualTo(Long.MAX_VALUE);
        assertThat(p.resources()).containsEntry("cyclades.vm", new ResourceCapacity(10, 2));
        assertThat(p.systemProject()).isFalse();
        ProjectApplicationDetails app = p.lastApplication().orElseThrow();
        assertThat(app.id()).isEqualTo(42);
        assertThat(app.state()).isEqualTo(ProjectApplicationState.PENDING);
        assertThat(app.startDate()).isNull();
        assertThat(app.leavePolicy()).isEqualTo(MembershipPolicy.CLOSED);
        assertThat(app.isPrivate()).isTrue();
        assertThat(p.deactivationDate()).isEmpty();
        assertThat(Project.fromJson(json("{'id': 'u', 'state': 'active', 'system_project': true}")).systemProject())
                .isTrue();
    }

    @Test
    void membershipKeepsStateDatesAndAllowedActions() {
        Membership m = Membership.fromJson(json("""
                {'id': 7, 'user': 'uuid-2', 'project': 'p-1', 'state': 'requested',
                 'allowed_actions': ['accept', 'cancel', 'reject'],
                 'requested': '2014-01-02T03:04:05+00:00'}
                """));
        assertThat(m.id()).isEqualTo(7);
        assertThat(m.state()).isEqualTo(MembershipState.REQUESTED);
        assertThat(m.allowedActions()).containsExactly("accept", "cancel", "reject");
        assertThat(m.stateDates()).containsEntry("requested", Instant.parse("2014-01-02T03:04:05Z"));
    }

    @Test
    void applicationSendsOnlySetFieldsUnderWireNames() {
        ProjectApplication a = ProjectApplication.builder().name("p.example.org")
                .endDate(Instant.parse("2030-01-01T00:00:00Z")).joinPolicy(MembershipPolicy.AUTO).maxMembers(3)
                .isPrivate(true).resource("cyclades.vm", 10, 2).build();
        Map<String, Object> body = a.toJson();
        assertThat(body).containsOnlyKeys("name", "end_date", "join_policy", "max_members", "private", "resources");
        assertThat(body.get("end_date")).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(body.get("join_policy")).isEqualTo("auto");
        assertThat(body.get("private")).isEqualTo(true);
        assertThat(SynnefoJson.mapper().valueToTree(body).path("resources").path("cyclades.vm").toString())
                .isEqualTo("{\"project_capacity\":10,\"member_capacity\":2}");
        assertThat(ProjectApplication.builder().description("x").build().toJson()).containsOnlyKeys("description");
    }

    @Test
    void commissionsRoundTrip() {
        CommissionRequest r = CommissionRequest.forUser("vm create", "u", "p", Map.of("cyclades.vm", 1L))
                .withAutoAccept(true);
        JsonNode body = SynnefoJson.mapper().valueToTree(r.toJson());
        assertThat(body.path("auto_accept").asBoolean()).isTrue();
        assertThat(body.path("provisions")).hasSize(2);
        assertThat(body.path("provisions").get(0).path("holder").asText()).isEqualTo("user:u");
        assertThat(body.path("provisions").get(0).path("source").asText()).isEqualTo("project:p");
        assertThat(body.path("provisions").get(1).path("holder").asText()).isEqualTo("project:p");
        assertThat(body.path("provisions").get(1).get("source").isNull()).isTrue();

        CommissionResolution res = CommissionResolution.fromJson(json("""
                {'accepted': [1, 2], 'rejected': [3],
                 'failed': [[9, {'itemNotFound': {'code': 404, 'message': 'serial 9 does not exist'}}]]}
                """));
        assertThat(res.accepted()).containsExactly(1L, 2L);
        assertThat(res.rejected()).containsExactly(3L);
        assertThat(res.failed().get(9L).has("itemNotFound")).isTrue();

        CommissionInfo info = CommissionInfo.fromJson(json("""
                {'serial': 5, 'name': 'n', 'issue_time': '2014-01-01T00:00:00',
                 'provisions': [{'holder': 'user:u', 'source': 'project:p', 'resource': 'cyclades.vm', 'quantity': 1}]}
                """));
        assertThat(info.serial()).isEqualTo(5);
        assertThat(info.provisions()).containsExactly(new Provision("user:u", "project:p", "cyclades.vm", 1));
    }

    @Test
    void resourcesKeepUnknownFields() {
        Resource r = Resource.fromJson("cyclades.ram", json("""
                {'service': 'cyclades_compute', 'description': 'Virtual machine memory', 'unit': 'bytes',
                 'ui_visible': true, 'api_visible': true, 'allow_in_projects': true}
                """));
        assertThat(r.unit()).isEqualTo("bytes");
        assertThat(r.apiVisible()).isTrue();
        assertThat(r.raw().path("allow_in_projects").asBoolean()).isTrue();
        assertThat(Resource.fromJson("cyclades.vm", json("{'unit': null}")).unit()).isNull();
    }

    @Test
    void redactionRemovesTheTokenFromEveryField() {
        UnauthorizedException e = new UnauthorizedException("unauthorized", "Invalid token secret-tok",
                "details secret-tok", "POST", "http://h/identity/v2.0/tokens");
        var r = AstakosClient.redact(e, "secret-tok");
        assertThat(r).isInstanceOf(UnauthorizedException.class);
        assertThat(r.getMessage()).doesNotContain("secret-tok").contains("http://h/identity/v2.0/tokens");
        assertThat(r.details()).doesNotContain("secret-tok");
    }

    @Test
    void malformedShapesAreReportedClearly() {
        assertThatThrownBy(() -> AstakosClient.requireObject(json("[]"), "quotas"))
                .isInstanceOf(SynnefoException.class).hasMessageContaining("quotas");
        assertThatThrownBy(() -> AstakosClient.requireArray(json("{}"), "projects"))
                .isInstanceOf(SynnefoException.class).hasMessageContaining("projects");
    }
}
