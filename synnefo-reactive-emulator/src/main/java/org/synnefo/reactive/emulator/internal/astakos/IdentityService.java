package org.synnefo.reactive.emulator.internal.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.reactivestreams.Publisher;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.internal.EmulatorFault;
import org.synnefo.reactive.emulator.internal.EmulatorState;
import org.synnefo.reactive.emulator.internal.Exchange;
import org.synnefo.reactive.emulator.internal.Json;
import org.synnefo.reactive.emulator.internal.ServiceHandler;
import reactor.core.publisher.Mono;

/**
 * Astakos identity, mounted at {@code /identity}: Keystone version documents at {@code /identity/} and
 * {@code /identity/v2.0}, {@code POST /identity/v2.0/tokens} (§1.1, public mode included) and
 * {@code GET /identity/v2.0/tokens/<id>} (§1.2).
 */
final class IdentityService implements ServiceHandler {

    private final EmulatorState state;
    private final ProjectRegistry projects;

    IdentityService(EmulatorState state, ProjectRegistry projects) {
        this.state = state;
        this.projects = projects;
    }

    @Override
    public String prefix() {
        return "/identity";
    }

    @Override
    public Publisher<Void> handle(Exchange ex) {
        List<String> seg = ex.segments();
        if (!seg.isEmpty() && seg.get(seg.size() - 1).isEmpty()) {
            seg = seg.subList(0, seg.size() - 1);
        }
        if (seg.isEmpty()) {
            requireGet(ex);
            return ex.json(200, versions());
        }
        if (!seg.get(0).equals("v2.0")) {
            throw EmulatorFault.badRequest("API endpoint not found");
        }
        if (seg.size() == 1) {
            requireGet(ex);
            ObjectNode body = Json.object();
            body.set("version", version());
            return ex.json(200, body);
        }
        if (!seg.get(1).equals("tokens") || seg.size() > 3) {
            throw EmulatorFault.badRequest("API endpoint not found");
        }
        if (seg.size() == 2) {
            if (!ex.method().equals("POST")) {
                throw EmulatorFault.notAllowed("POST");
            }
            return authenticate(ex);
        }
        if (!ex.method().equals("GET")) {
            throw EmulatorFault.notAllowed("GET");
        }
        return validate(ex, seg.get(2));
    }

    private static void requireGet(Exchange ex) {
        if (!ex.method().equals("GET")) {
            throw EmulatorFault.notAllowed("GET");
        }
    }

    private ObjectNode version() {
        ObjectNode v = Json.object();
        v.put("id", "v2.0");
        v.put("status", "stable");
        v.put("updated", "2014-04-17T00:00:00Z");
        ArrayNode links = v.putArray("links");
        ObjectNode self = links.addObject();
        self.put("href", state.publicBaseUrl() + "/identity/v2.0/");
        self.put("rel", "self");
        ArrayNode types = v.putArray("media-types");
        ObjectNode json = types.addObject();
        json.put("base", "application/json");
        json.put("type", "application/vnd.openstack.identity-v2.0+json");
        return v;
    }

    private ObjectNode versions() {
        ObjectNode body = Json.object();
        ObjectNode versions = body.putObject("versions");
        versions.putArray("values").add(version());
        return body;
    }

    private Publisher<Void> authenticate(Exchange ex) {
        String length = ex.header("Content-Length").orElse("");
        if (length.isEmpty() || length.trim().equals("0")) {
            // Public mode, decided on Content-Length alone as Astakos does (a chunked body without
            // Content-Length is public mode too): only the catalog.
            return ex.body().flatMap(b -> Mono.from(ex.json(200, access(null))));
        }
        return ex.jsonBody().flatMap(req -> Mono.from(ex.json(200, access(authenticated(req)))));
    }

    private EmulatorUser authenticated(JsonNode req) {
        JsonNode auth = req.path("auth");
        String token;
        String uuid = null;
        JsonNode tokenNode = auth.path("token").path("id");
        if (!tokenNode.isMissingNode()) {
            token = tokenNode.isNull() ? null : tokenNode.asText();
        } else {
            JsonNode creds = auth.path("passwordCredentials");
            if (creds.path("password").isMissingNode() || creds.path("username").isMissingNode()) {
                throw EmulatorFault.badRequest("Malformed request");
            }
            token = creds.path("password").isNull() ? null : creds.path("password").asText();
            uuid = creds.path("username").isNull() ? null : creds.path("username").asText();
        }
        if (token == null) {
            throw EmulatorFault.badRequest("Malformed request");
        }
        EmulatorUser user = state.userByToken(token).orElseThrow(() -> EmulatorFault.unauthorized("Invalid token"));
        state.validate(user);
        if (uuid != null && !uuid.equals(user.uuid())) {
            throw EmulatorFault.unauthorized("Invalid credentials");
        }
        JsonNode tenant = auth.path("tenantName");
        if (!tenant.isMissingNode() && !tenant.isNull()) {
            String name = tenant.asText();
            if (!name.isEmpty() && !name.equals(user.uuid())) {
                throw EmulatorFault.badRequest("Not conforming tenantName");
            }
        }
        return user;
    }

    private ObjectNode access(EmulatorUser user) {
        ObjectNode body = Json.object();
        ObjectNode access = body.putObject("access");
        if (user != null) {
            access.set("token", token(user));
            access.set("user", user(user));
        }
        access.set("serviceCatalog", Catalog.build(state.publicBaseUrl()));
        return body;
    }

    private ObjectNode token(EmulatorUser user) {
        ObjectNode token = Json.object();
        token.put("id", user.token());
        token.put("expires", ProjectRegistry.date(state.tokenExpires(user)));
        ObjectNode tenant = token.putObject("tenant");
        tenant.put("id", projects.defaultProject(user.uuid()).orElse(user.uuid()));
        tenant.put("name", user.realName());
        return token;
    }

    private ObjectNode user(EmulatorUser user) {
        ObjectNode u = Json.object();
        u.put("id", user.uuid());
        u.put("name", user.realName());
        ArrayNode roles = u.putArray("roles");
        ObjectNode role = roles.addObject();
        role.put("id", "1");
        role.put("name", "default");
        u.putArray("roles_links");
        ArrayNode list = u.putArray("projects");
        projects.quotaProjects(user.uuid()).forEach(list::add);
        return u;
    }

    /** §1.2: our user tokens double as access tokens; unknown, inactive or expired ones are 404. */
    private Publisher<Void> validate(Exchange ex, String tokenId) {
        EmulatorUser user = state.userByToken(tokenId)
                .filter(u -> {
                    try {
                        state.validate(u);
                        return true;
                    } catch (EmulatorFault f) {
                        return false;
                    }
                })
                .orElseThrow(() -> EmulatorFault.notFound("Token not found"));
        ObjectNode body = Json.object();
        ObjectNode access = body.putObject("access");
        access.set("token", token(user));
        access.set("user", user(user));
        return ex.json(200, body);
    }
}
