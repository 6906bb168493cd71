package org.synnefo.reactive.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** §1.1, §1.2 and §7 item 50: the identity API over HTTP. */
class IdentityTokensTest {

    private TestClock clock;
    private SynnefoEmulator emulator;
    private AstakosHttp http;
    private EmulatorUser user;

    @BeforeEach
    void start() {
        clock = new TestClock(Instant.parse("2024-01-01T00:00:00Z"));
        emulator = SynnefoEmulator.builder().clock(clock).tokenLifetime(Duration.ofDays(1)).start();
        http = new AstakosHttp(emulator);
        user = emulator.users().get(0);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private AstakosHttp.Response auth(String json) {
        return http.postJson("/identity/v2.0/tokens", null, json);
    }

    @Test
    void getOnTokensIsNotAllowed() {
        AstakosHttp.Response r = http.get("/identity/v2.0/tokens", null);
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("POST");
        assertThat(r.json().path("notAllowed").path("code").asInt()).isEqualTo(405);
    }

    @Test
    void emptyPostIsPublicModeWithTheCatalogOnly() {
        AstakosHttp.Response r = http.send("POST", "/identity/v2.0/tokens", null, null, null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode access = r.json().get("access");
        assertThat(access.has("token")).isFalse();
        assertThat(access.has("user")).isFalse();
        assertThat(access.get("serviceCatalog").size()).isEqualTo(9);
    }

    @Test
    void catalogListsEveryServiceWithRealNamesAndUrlsOnThisServer() {
        JsonNode catalog = auth("{\"auth\":{\"token\":{\"id\":\"" + user.token() + "\"}}}").json()
                .get("access").get("serviceCatalog");
        Map<String, JsonNode> byType = new HashMap<>();
        catalog.forEach(s -> byType.put(s.get("type").asText(), s));
        String base = emulator.baseUrl();
        expect(byType, "identity", "astakos_identity", "v2.0", base + "/identity/v2.0", "True");
        expect(byType, "account", "astakos_account", "v1.0", base + "/account/v1.0", "True");
        expect(byType, "compute", "cyclades_compute", "v2.0", base + "/compute/v2.0", "True");
        expect(byType, "network", "cyclades_network", "v2.0", base + "/network", "False");
        expect(byType, "volume", "cyclades_volume", "v2.0", base + "/volume", "False");
        expect(byType, "image", "cyclades_plankton", "v1.0", base + "/image", "False");
        expect(byType, "object-store", "pithos_object-store", "v1", base + "/object-store/v1", "True");
        expect(byType, "astakos_weblogin", "astakos_weblogin", "", base + "/astakos/weblogin", "True");
        // not a public service, yet listed: public object URLs are built under it
        expect(byType, "pithos_public", "pithos_public", "", base + "/pithos/public", "True");
        assertThat(byType.get("identity").get("endpoints_links").isArray()).isTrue();
        assertThat(byType.get("astakos_weblogin").get("endpoints").get(0).get("SNF:webloginURL").asText())
                .isEqualTo(base + "/astakos/weblogin");
    }

    private static void expect(Map<String, JsonNode> byType, String type, String name, String version, String url,
            String expose) {
        JsonNode s = byType.get(type);
        assertThat(s).as(type).isNotNull();
        assertThat(s.get("name").asText()).isEqualTo(name);
        JsonNode e = s.get("endpoints").get(0);
        assertThat(e.get("versionId").asText()).isEqualTo(version);
        assertThat(e.get("publicURL").asText()).isEqualTo(url);
        assertThat(e.get("SNF:exposeVersion").isTextual()).isTrue();
        assertThat(e.get("SNF:exposeVersion").asText()).isEqualTo(expose);
    }

    @Test
    void tokenFormAnswersTheFullAccessShape() {
        AstakosHttp.Response r = auth("{\"auth\":{\"token\":{\"id\":\"" + user.token() + "\"},\"tenantName\":\""
                + user.uuid() + "\"}}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode access = r.json().get("access");
        assertThat(access.at("/token/id").asText()).isEqualTo(user.token());
        assertThat(access.at("/token/expires").asText()).isEqualTo("2024-01-02T00:00:00.000000+00:00");
        assertThat(access.at("/token/tenant/id").asText()).isEqualTo(user.uuid());
        assertThat(access.at("/token/tenant/name").asText()).isEqualTo(user.realName());
        assertThat(access.at("/user/id").asText()).isEqualTo(user.uuid());
        assertThat(access.at("/user/name").asText()).isEqualTo(user.realName());
        assertThat(access.at("/user/roles/0/id").isTextual()).isTrue();
        assertThat(access.at("/user/roles/0/name").asText()).isEqualTo("default");
        assertThat(access.at("/user/roles_links").isArray()).isTrue();
        assertThat(access.at("/user/projects").toString()).isEqualTo("[\"" + user.uuid() + "\"]");
    }

    @Test
    void passwordCredentialsFormWorksAndChecksTheUsername() {
        AstakosHttp.Response ok = auth("{\"auth\":{\"passwordCredentials\":{\"username\":\"" + user.uuid()
                + "\",\"password\":\"" + user.token() + "\"},\"tenantName\":\"\"}}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().at("/access/user/id").asText()).isEqualTo(user.uuid());

        AstakosHttp.Response wrong = auth("{\"auth\":{\"passwordCredentials\":{\"username\":\""
                + emulator.users().get(1).uuid() + "\",\"password\":\"" + user.token() + "\"}}}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().at("/unauthorized/message").asText()).isEqualTo("Invalid credentials");
    }

    @Test
    void theErrorMatrixOfSection11() {
        AstakosHttp.Response xml = http.send("POST", "/identity/v2.0/tokens", null, "application/xml", "<auth/>");
        assertThat(xml.status()).isEqualTo(400);
        assertThat(xml.json().at("/badRequest/message").asText()).isEqualTo("Unsupported Content-type: 'application/xml'");

        AstakosHttp.Response notJson = auth("{nope");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().at("/badRequest/message").asText()).isEqualTo("Could not decode request body as JSON");

        AstakosHttp.Response malformed = auth("{\"auth\":{}}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/badRequest/message").asText()).startsWith("Malformed request");

        AstakosHttp.Response unknown = auth("{\"auth\":{\"token\":{\"id\":\"nope\"}}}");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().at("/unauthorized/message").asText()).isEqualTo("Invalid token");

        AstakosHttp.Response tenant = auth("{\"auth\":{\"token\":{\"id\":\"" + user.token()
                + "\"},\"tenantName\":\"someone-else\"}}");
        assertThat(tenant.status()).isEqualTo(400);
        assertThat(tenant.json().at("/badRequest/message").asText()).isEqualTo("Not conforming tenantName");
    }

    @Test
    void inactiveUsersAndExpiredTokensAreRefused() {
        emulator.setUserActive(user.uuid(), false);
        AstakosHttp.Response inactive = auth("{\"auth\":{\"token\":{\"id\":\"" + user.token() + "\"}}}");
        assertThat(inactive.status()).isEqualTo(401);
        assertThat(inactive.json().at("/unauthorized/message").asText()).isEqualTo("User inactive");
        emulator.setUserActive(user.uuid(), true);

        clock.advance(Duration.ofDays(2));
        AstakosHttp.Response expired = auth("{\"auth\":{\"token\":{\"id\":\"" + user.token() + "\"}}}");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().at("/unauthorized/message").asText()).isEqualTo("Authentication expired");
    }

    @Test
    void tokenValidationAndVersionDocuments() {
        AstakosHttp.Response valid = http.get("/identity/v2.0/tokens/" + user.token(), null);
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.json().at("/access/user/id").asText()).isEqualTo(user.uuid());
        assertThat(valid.json().at("/access/token/id").asText()).isEqualTo(user.token());

        assertThat(http.get("/identity/v2.0/tokens/unknown", null).status()).isEqualTo(404);
        AstakosHttp.Response post = http.postJson("/identity/v2.0/tokens/" + user.token(), null, "{}");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET");

        assertThat(http.get("/identity/", null).json().at("/versions/values/0/id").asText()).isEqualTo("v2.0");
        assertThat(http.get("/identity/v2.0", null).json().at("/version/id").asText()).isEqualTo("v2.0");

        AstakosHttp.Response missing = http.get("/identity/v2.0/nonexistent", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().at("/badRequest/message").asText()).isEqualTo("API endpoint not found");
    }

    @Test
    void publicUrlIsWhatTheCatalogAdvertises() {
        try (SynnefoEmulator proxied = SynnefoEmulator.builder().publicUrl("https://cloud.example.org/").start()) {
            JsonNode catalog = new AstakosHttp("http://127.0.0.1:" + proxied.port()).send("POST", "/identity/v2.0/tokens", null, null, null)
                    .json().at("/access/serviceCatalog");
            catalog.forEach(s -> assertThat(s.at("/endpoints/0/publicURL").asText())
                    .startsWith("https://cloud.example.org/"));
            assertThat(proxied.authUrl()).isEqualTo("https://cloud.example.org/identity/v2.0");
        }
    }
}
