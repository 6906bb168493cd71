package org.synnefo.reactive.emulator.internal.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.internal.EmulatorFault;
import org.synnefo.reactive.emulator.internal.EmulatorState;
import org.synnefo.reactive.emulator.internal.Endpoints;
import org.synnefo.reactive.emulator.internal.Exchange;
import org.synnefo.reactive.emulator.internal.Json;
import org.synnefo.reactive.emulator.internal.QuotaLedger.Capacity;
import org.synnefo.reactive.emulator.internal.QuotaLedger;
import org.synnefo.reactive.emulator.internal.ServiceHandler;
import reactor.core.publisher.Mono;

/**
 * Astakos' account API under {@link Endpoints#ACCOUNT} (§1.3 to §1.5): resources, quotas (user and
 * service views), commissions, user catalogs, the default project, feedback and the projects API.
 * Paths take an optional trailing slash, as Astakos' URL patterns do; anything else is 400
 * "API endpoint not found".
 */
final class AccountService implements ServiceHandler {

    private static final Pattern DOMAIN_NAME =
            Pattern.compile("^([a-zA-Z0-9]([a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,6}$");
    private static final Set<String> PROJECT_FILTERS = Set.of("name", "owner", "state", "mode");
    /** Query parameters that are not project filters (the token may come as a query parameter). */
    private static final Set<String> NOT_FILTERS = Set.of("X-Auth-Token", "format");

    private final EmulatorState state;
    private final QuotaLedger ledger;
    private final ProjectRegistry projects;

    AccountService(EmulatorState state, QuotaLedger ledger, ProjectRegistry projects) {
        this.state = state;
        this.ledger = ledger;
        this.projects = projects;
    }

    @Override
    public String prefix() {
        return Endpoints.ACCOUNT;
    }

    @Override
    public Publisher<Void> handle(Exchange ex) {
        List<String> seg = new ArrayList<>(ex.segments());
        if (!seg.isEmpty() && seg.get(seg.size() - 1).isEmpty()) {
            seg.remove(seg.size() - 1);
        }
        if (seg.isEmpty()) {
            throw notFound();
        }
        String first = seg.get(0);
        int n = seg.size();
        switch (first) {
            case "resources" -> {
                only(n, 1);
                method(ex, "GET");
                return ex.json(200, resources());
            }
            case "quotas" -> {
                only(n, 1);
                method(ex, "GET");
                return ex.json(200, quotas(user(ex)));
            }
            case "service_quotas" -> {
                only(n, 1);
                method(ex, "GET");
                service(ex);
                return ex.json(200, serviceQuotas(ex));
            }
            case "service_project_quotas" -> {
                only(n, 1);
                method(ex, "GET");
                service(ex);
                return ex.json(200, serviceProjectQuotas(ex));
            }
            case "commissions" -> {
                return commissions(ex, seg);
            }
            case "user_catalogs" -> {
                only(n, 1);
                method(ex, "POST");
                user(ex);
                return catalogs(ex, true);
            }
            case "service" -> {
                if (n != 2 || !seg.get(1).equals("user_catalogs")) {
                    throw notFound();
                }
                method(ex, "POST");
                service(ex);
                return catalogs(ex, false);
            }
            case "myaccount" -> {
                if (n != 2 || !seg.get(1).equals("default_project")) {
                    throw notFound();
                }
                method(ex, "POST");
                EmulatorUser user = user(ex);
                return ex.jsonBody().flatMap(body -> {
                    JsonNode id = body.get("project_id");
                    if (id == null || id.isNull()) {
                        return Mono.error(EmulatorFault.forbidden("Project id not specified"));
                    }
                    projects.setDefaultProject(user.uuid(), id.asText());
                    return Mono.from(ex.empty(200));
                });
            }
            case "feedback" -> {
                only(n, 1);
                method(ex, "POST");
                user(ex);
                // Feedback is mailed by a real deployment; here it is accepted and dropped.
                return ex.body().flatMap(b -> Mono.from(ex.empty(200)));
            }
            case "projects" -> {
                return projectsApi(ex, seg);
            }
            default -> throw notFound();
        }
    }

    private static EmulatorFault notFound() {
        return EmulatorFault.badRequest("API endpoint not found");
    }

    private static void only(int n, int expected) {
        if (n != expected) {
            throw notFound();
        }
    }

    private static void method(Exchange ex, String... allowed) {
        for (String m : allowed) {
            if (m.equals(ex.method())) {
                return;
            }
        }
        throw EmulatorFault.notAllowed(allowed);
    }

    /** The account API's user check: 401 for a missing, unknown, inactive or expired token. */
    private EmulatorUser user(Exchange ex) {
        Optional<String> token = ex.token();
        if (token.isEmpty() || token.get().isEmpty()) {
            throw EmulatorFault.unauthorized("Access denied. No authentication token");
        }
        EmulatorUser user = state.userByToken(token.get())
                .orElseThrow(() -> EmulatorFault.unauthorized("Invalid X-Auth-Token"));
        state.validate(user);
        return user;
    }

    private void service(Exchange ex) {
        Optional<String> token = ex.token();
        if (token.isEmpty() || token.get().isEmpty()) {
            throw EmulatorFault.unauthorized("Access denied. No authentication token");
        }
        if (!token.get().equals(state.serviceToken())) {
            throw EmulatorFault.unauthorized("Invalid X-Auth-Token");
        }
    }

    // ---- resources and quotas ----

    private static ObjectNode resources() {
        ObjectNode out = Json.object();
        for (ResourceCatalog.Resource r : ResourceCatalog.visible()) {
            ObjectNode o = out.putObject(r.name());
            o.put("service", r.service());
            o.put("description", r.description());
            o.put("unit", r.unit());
            o.put("ui_visible", r.uiVisible());
            o.put("api_visible", r.apiVisible());
        }
        return out;
    }

    private ObjectNode quotas(EmulatorUser user) {
        ObjectNode out = Json.object();
        for (String project : projects.quotaProjects(user.uuid())) {
            out.set(project, userEntries(project, user.uuid(), ResourceCatalog.visible()));
        }
        return out;
    }

    private ObjectNode userEntries(String project, String user, List<ResourceCatalog.Resource> resources) {
        ObjectNode p = Json.object();
        for (ResourceCatalog.Resource r : resources) {
            QuotaLedger.Entry e = ledger.entry(project, user, r.name());
            ObjectNode o = p.putObject(r.name());
            o.put("limit", e.limit());
            o.put("usage", e.usage());
            o.put("pending", e.pending());
            o.put("project_limit", e.projectLimit());
            o.put("project_usage", e.projectUsage());
            o.put("project_pending", e.projectPending());
        }
        return p;
    }

    private static Optional<List<String>> csv(Exchange ex, String name) {
        return ex.query(name).map(v -> List.of(v.split(",")));
    }

    private ObjectNode serviceQuotas(Exchange ex) {
        Optional<List<String>> users = csv(ex, "user");
        Optional<List<String>> sources = csv(ex, "project");
        ObjectNode out = Json.object();
        projects.quotaHolders().forEach((user, list) -> {
            if (users.isPresent() && !users.get().contains(user)) {
                return;
            }
            ObjectNode u = Json.object();
            for (String project : list) {
                if (sources.isEmpty() || sources.get().contains(project)) {
                    u.set(project, userEntries(project, user, ResourceCatalog.all()));
                }
            }
            out.set(user, u);
        });
        if (users.isPresent() && out.isEmpty()) {
            throw EmulatorFault.notFound("No user with UUID '" + ex.query("user").orElse("") + "'");
        }
        return out;
    }

    private ObjectNode serviceProjectQuotas(Exchange ex) {
        Optional<List<String>> wanted = csv(ex, "project");
        ObjectNode out = Json.object();
        for (String project : projects.liveProjectIds()) {
            if (wanted.isPresent() && !wanted.get().contains(project)) {
                continue;
            }
            ObjectNode p = out.putObject(project);
            for (ResourceCatalog.Resource r : ResourceCatalog.all()) {
                QuotaLedger.Entry e = ledger.projectEntry(project, r.name());
                ObjectNode o = p.putObject(r.name());
                o.put("project_limit", e.projectLimit());
                o.put("project_usage", e.projectUsage());
                o.put("project_pending", e.projectPending());
            }
        }
        if (wanted.isPresent() && out.isEmpty()) {
            throw EmulatorFault.notFound("No project with UUID '" + ex.query("project").orElse("") + "'");
        }
        return out;
    }

    // ---- commissions ----

    private Publisher<Void> commissions(Exchange ex, List<String> seg) {
        int n = seg.size();
        if (n == 1) {
            method(ex, "GET", "POST");
            service(ex);
            if (ex.method().equals("GET")) {
                ArrayNode list = Json.array();
                ledger.pendingCommissions().forEach(list::add);
                return ex.json(200, list);
            }
            return ex.jsonBody().flatMap(body -> Mono.from(issue(ex, body)));
        }
        if (n == 2 && seg.get(1).equals("action")) {
            method(ex, "POST");
            service(ex);
            return ex.jsonBody().flatMap(body -> Mono.from(resolveMany(ex, body)));
        }
        if ((n == 2 || (n == 3 && seg.get(2).equals("action"))) && seg.get(1).matches("\\d+")) {
            long serial = Long.parseLong(seg.get(1));
            if (n == 2) {
                method(ex, "GET");
                service(ex);
                return ledger.commission(serial)
                        .map(c -> ex.json(200, commissionJson(c)))
                        .orElseGet(() -> ex.empty(404));
            }
            method(ex, "POST");
            service(ex);
            return ex.jsonBody().flatMap(body -> {
                requireDict(body);
                boolean accept = body.has("accept");
                boolean reject = body.has("reject");
                if (accept == reject) {
                    return Mono.error(EmulatorFault.badRequest("Specify either accept or reject action."));
                }
                return Mono.from(ex.empty(ledger.resolve(serial, accept) ? 200 : 404));
            });
        }
        throw notFound();
    }

    private static void requireDict(JsonNode body) {
        if (!body.isObject()) {
            throw EmulatorFault.badRequest("Request should be a JSON dict");
        }
    }

    private Publisher<Void> issue(Exchange ex, JsonNode body) {
        requireDict(body);
        JsonNode provisions = body.get("provisions");
        if (provisions == null || provisions.isNull()) {
            throw EmulatorFault.badRequest("Provisions are missing.");
        }
        if (!provisions.isArray()) {
            throw EmulatorFault.badRequest("Provisions should be a list.");
        }
        List<QuotaLedger.Provision> list = new ArrayList<>();
        List<JsonNode> raw = new ArrayList<>();
        for (JsonNode p : provisions) {
            if (!p.isObject() || !p.has("holder") || !p.has("source") || !p.has("resource") || !p.has("quantity")
                    || !p.get("quantity").isIntegralNumber()) {
                throw EmulatorFault.badRequest("Malformed provision " + p);
            }
            raw.add(p);
        }
        JsonNode force = body.get("force");
        if (force != null && !force.isBoolean()) {
            throw EmulatorFault.badRequest("\"force\" option should be a boolean.");
        }
        JsonNode auto = body.get("auto_accept");
        if (auto != null && !auto.isBoolean()) {
            throw EmulatorFault.badRequest("\"auto_accept\" option should be a boolean.");
        }
        JsonNode name = body.get("name");
        if (name != null && !name.isTextual()) {
            throw EmulatorFault.badRequest("Commission name should be a string.");
        }
        for (JsonNode p : raw) {
            Optional<QuotaLedger.Provision> prov = provision(p);
            if (prov.isEmpty()) {
                ObjectNode fault = Json.object();
                ObjectNode inner = fault.putObject("itemNotFound");
                inner.put("message", "There is no such holding (u'" + p.get("holder").asText() + "', "
                        + (p.get("source").isNull() ? "None" : "u'" + p.get("source").asText() + "'") + ", u'"
                        + p.get("resource").asText() + "')");
                inner.put("code", 404);
                ObjectNode data = inner.putObject("data");
                data.put("name", "NoHoldingError");
                data.set("provision", p);
                return ex.json(404, fault);
            }
            list.add(prov.get());
        }
        long serial;
        try {
            serial = ledger.issue(name == null ? "" : name.asText(), list, force != null && force.asBoolean(),
                    state.clock().instant());
        } catch (QuotaLedger.NoCapacity e) {
            ObjectNode fault = Json.object();
            ObjectNode inner = fault.putObject("overLimit");
            inner.put("message", e.getMessage());
            inner.put("code", 413);
            // quotaholder's CommissionException.data: the class name, the provision, usage and limit
            ObjectNode data = inner.putObject("data");
            data.put("name", e.errorName());
            data.set("provision", provisionJson(e.provision()));
            data.put("usage", e.usage());
            data.put("limit", e.limit());
            return ex.json(413, fault);
        }
        if (auto != null && auto.asBoolean()) {
            ledger.resolve(serial, true);
        }
        ObjectNode out = Json.object();
        out.put("serial", serial);
        return ex.json(201, out);
    }

    /** Parses a provision; empty when its holder, source or resource is unknown. */
    private Optional<QuotaLedger.Provision> provision(JsonNode p) {
        String holder = p.get("holder").asText();
        JsonNode sourceNode = p.get("source");
        String source = sourceNode.isNull() ? null : sourceNode.asText();
        String resource = p.get("resource").asText();
        long quantity = p.get("quantity").asLong();
        if (ResourceCatalog.find(resource).isEmpty()) {
            return Optional.empty();
        }
        if (holder.startsWith("user:") && source != null && source.startsWith("project:")) {
            String user = holder.substring(5);
            String project = source.substring(8);
            if (state.userByUuid(user).isEmpty() || !projects.exists(project)) {
                return Optional.empty();
            }
            return Optional.of(new QuotaLedger.Provision(project, user, resource, quantity));
        }
        if (holder.startsWith("project:") && source == null) {
            String project = holder.substring(8);
            if (!projects.exists(project)) {
                return Optional.empty();
            }
            return Optional.of(new QuotaLedger.Provision(project, null, resource, quantity));
        }
        return Optional.empty();
    }

    private static ObjectNode provisionJson(QuotaLedger.Provision p) {
        ObjectNode o = Json.object();
        if (p.user() == null) {
            o.put("holder", "project:" + p.projectId());
            o.putNull("source");
        } else {
            o.put("holder", "user:" + p.user());
            o.put("source", "project:" + p.projectId());
        }
        o.put("resource", p.resource());
        o.put("quantity", p.quantity());
        return o;
    }

    private static ObjectNode commissionJson(QuotaLedger.Commission c) {
        ObjectNode o = Json.object();
        o.put("serial", c.serial());
        o.put("name", c.name());
        o.put("issue_time", ProjectRegistry.date(c.issueTime()));
        ArrayNode list = o.putArray("provisions");
        c.provisions().forEach(p -> list.add(provisionJson(p)));
        return o;
    }

    private Publisher<Void> resolveMany(Exchange ex, JsonNode body) {
        requireDict(body);
        JsonNode accept = body.has("accept") ? body.get("accept") : Json.array();
        JsonNode reject = body.has("reject") ? body.get("reject") : Json.array();
        if (!accept.isArray() || !reject.isArray()) {
            throw EmulatorFault.badRequest("\"accept\" and \"reject\" should reference lists of serials.");
        }
        List<Long> acc = new ArrayList<>();
        List<Long> rej = new ArrayList<>();
        for (JsonNode s : accept) {
            if (!s.isIntegralNumber()) {
                throw EmulatorFault.badRequest("Serials should be integer.");
            }
            acc.add(s.asLong());
        }
        for (JsonNode s : reject) {
            if (!s.isIntegralNumber()) {
                throw EmulatorFault.badRequest("Serials should be integer.");
            }
            rej.add(s.asLong());
        }
        ObjectNode out = Json.object();
        ArrayNode accepted = out.putArray("accepted");
        ArrayNode rejected = out.putArray("rejected");
        ArrayNode failed = out.putArray("failed");
        for (Long s : acc) {
            if (rej.contains(s)) {
                ArrayNode f = failed.addArray();
                f.add(s);
                ObjectNode inner = f.addObject().putObject("badRequest");
                inner.put("code", 400);
                inner.put("message", "cannot both accept and reject serial " + s);
            } else if (ledger.resolve(s, true)) {
                accepted.add(s);
            } else {
                notFoundSerial(failed, s);
            }
        }
        for (Long s : rej) {
            if (acc.contains(s)) {
                continue;
            }
            if (ledger.resolve(s, false)) {
                rejected.add(s);
            } else {
                notFoundSerial(failed, s);
            }
        }
        return ex.json(200, out);
    }

    private static void notFoundSerial(ArrayNode failed, long s) {
        ArrayNode f = failed.addArray();
        f.add(s);
        ObjectNode inner = f.addObject().putObject("itemNotFound");
        inner.put("code", 404);
        inner.put("message", "serial " + s + " does not exist");
    }

    // ---- user catalogs ----

    private Publisher<Void> catalogs(Exchange ex, boolean userCall) {
        return ex.body().flatMap(bytes -> {
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(bytes);
            } catch (java.io.IOException e) {
                body = null;
            }
            if (body == null || body.isMissingNode()) {
                return Mono.error(EmulatorFault.badRequest("Request body should be json formatted."));
            }
            if (!body.isObject()) {
                return Mono.error(EmulatorFault.badRequest("Request body should be a json formatted dictionary"));
            }
            JsonNode uuids = body.has("uuids") ? body.get("uuids") : Json.array();
            if (uuids.isNull() && userCall) {
                uuids = Json.array();
            }
            JsonNode names = body.has("displaynames") ? body.get("displaynames") : Json.array();
            if (!names.isArray()) {
                return Mono.error(EmulatorFault.badRequest("Invalid displaynames: " + names));
            }
            for (JsonNode item : names) {
                if (!item.isTextual()) {
                    return Mono.error(EmulatorFault.badRequest("Items in 'displaynames' must be strings"));
                }
            }
            ObjectNode out = Json.object();
            ObjectNode byUuid = out.putObject("uuid_catalog");
            ObjectNode byName = out.putObject("displayname_catalog");
            List<EmulatorUser> users = state.users();
            if (uuids.isNull()) {
                users.forEach(u -> byUuid.put(u.uuid(), u.displayName()));
            } else if (uuids.isArray()) {
                for (JsonNode id : uuids) {
                    state.userByUuid(id.asText()).ifPresent(u -> byUuid.put(u.uuid(), u.displayName()));
                }
            }
            for (JsonNode name : names) {
                users.stream().filter(u -> u.displayName().equals(name.asText())).findFirst()
                        .ifPresent(u -> byName.put(u.displayName(), u.uuid()));
            }
            return Mono.from(ex.json(200, out));
        });
    }

    // ---- projects ----

    private Publisher<Void> projectsApi(Exchange ex, List<String> seg) {
        int n = seg.size();
        if (n == 1) {
            method(ex, "GET", "POST");
            EmulatorUser user = user(ex);
            if (ex.method().equals("GET")) {
                return ex.json(200, listProjects(ex, user));
            }
            return jsonLoose(ex).flatMap(body -> {
                ProjectRegistry.AppRequest req = appRequest(body, true);
                Object[] ids = projects.submit(user.uuid(), null, req);
                return Mono.from(ex.json(201, created(ids)));
            });
        }
        if (seg.get(1).equals("memberships")) {
            return membershipsApi(ex, seg);
        }
        String projectId = seg.get(1);
        if (n == 2) {
            method(ex, "GET", "PUT");
            EmulatorUser user = user(ex);
            if (ex.method().equals("GET")) {
                return ex.json(200, projects.get(user.uuid(), projectId));
            }
            return jsonLoose(ex).flatMap(body -> {
                ProjectRegistry.AppRequest req = appRequest(body, false);
                Object[] ids = projects.submit(user.uuid(), projectId, req);
                return Mono.from(ex.json(201, created(ids)));
            });
        }
        if (n == 3 && seg.get(2).equals("action")) {
            method(ex, "POST");
            EmulatorUser user = user(ex);
            return jsonLoose(ex).flatMap(body -> {
                Map.Entry<String, JsonNode> action = action(body,
                        List.of("terminate", "suspend", "unsuspend", "reinstate", "approve", "deny", "dismiss", "cancel"));
                String name = action.getKey();
                if (Set.of("approve", "deny", "dismiss", "cancel").contains(name)) {
                    JsonNode appId = action.getValue().get("app_id");
                    if (appId == null || !(appId.isIntegralNumber() || appId.asText().matches("\\d+"))) {
                        return Mono.error(EmulatorFault.badRequest("Missing or invalid app_id"));
                    }
                    projects.applicationAction(user.uuid(), projectId, name, appId.asLong());
                } else {
                    projects.projectAction(user.uuid(), projectId, name);
                }
                return Mono.from(ex.empty(200));
            });
        }
        throw notFound();
    }

    private static ObjectNode created(Object[] ids) {
        ObjectNode out = Json.object();
        out.put("id", (String) ids[0]);
        out.put("application", (Long) ids[1]);
        return out;
    }

    private ArrayNode listProjects(Exchange ex, EmulatorUser user) {
        for (String key : ex.queryParams().keySet()) {
            if (!PROJECT_FILTERS.contains(key) && !NOT_FILTERS.contains(key)) {
                throw EmulatorFault.badRequest("Unrecognized filter " + key);
            }
        }
        String st = ex.query("state").orElse(null);
        if (st != null && !ProjectRegistry.PROJECT_STATES.contains(st)) {
            throw EmulatorFault.badRequest("Unrecognized state " + st);
        }
        String mode = ex.query("mode").orElse("default");
        if (!mode.equals("default") && !mode.equals("member")) {
            throw EmulatorFault.badRequest("Unrecognized mode '" + mode + "'.");
        }
        return projects.list(user.uuid(), ex.query("name").orElse(null), ex.query("owner").orElse(null), st, mode);
    }

    /** Astakos reads project bodies with a bare {@code json.loads}: no Content-Type requirement. */
    private static Mono<JsonNode> jsonLoose(Exchange ex) {
        return ex.body().map(bytes -> {
            if (bytes.length == 0) {
                return Json.object();
            }
            return Json.parse(bytes);
        });
    }

    /** {@code get_action}: exactly one known action key. */
    private static Map.Entry<String, JsonNode> action(JsonNode body, List<String> known) {
        if (!body.isObject()) {
            throw EmulatorFault.badRequest("No recognized action");
        }
        String found = null;
        for (String k : known) {
            if (body.has(k)) {
                if (found != null) {
                    throw EmulatorFault.badRequest("Multiple actions not supported");
                }
                found = k;
            }
        }
        if (found == null) {
            throw EmulatorFault.badRequest("No recognized action");
        }
        return Map.entry(found, body.get(found));
    }

    private Publisher<Void> membershipsApi(Exchange ex, List<String> seg) {
        int n = seg.size();
        if (n == 2) {
            method(ex, "GET", "POST");
            EmulatorUser user = user(ex);
            if (ex.method().equals("GET")) {
                return ex.json(200, projects.memberships(user.uuid(), ex.query("project").orElse(null)));
            }
            return jsonLoose(ex).flatMap(body -> {
                Map.Entry<String, JsonNode> action = action(body, List.of("join", "enroll"));
                JsonNode data = action.getValue();
                String project = data.hasNonNull("project") ? data.get("project").asText() : null;
                long id = action.getKey().equals("join")
                        ? projects.join(user.uuid(), project)
                        : projects.enroll(user.uuid(), project, data.path("user").asText(""));
                ObjectNode out = Json.object();
                out.put("id", id);
                return Mono.from(ex.json(200, out));
            });
        }
        if (!seg.get(2).matches("\\d+")) {
            throw notFound();
        }
        long id = Long.parseLong(seg.get(2));
        if (n == 3) {
            method(ex, "GET");
            EmulatorUser user = user(ex);
            return ex.json(200, projects.membership(user.uuid(), id));
        }
        if (n == 4 && seg.get(3).equals("action")) {
            method(ex, "POST");
            EmulatorUser user = user(ex);
            return jsonLoose(ex).flatMap(body -> {
                Map.Entry<String, JsonNode> action = action(body, List.of("leave", "cancel", "accept", "reject", "remove"));
                projects.membershipAction(user.uuid(), id, action.getKey());
                return Mono.from(ex.empty(200));
            });
        }
        throw notFound();
    }

    // ---- application parsing (submit_new_project / submit_modification) ----

    private ProjectRegistry.AppRequest appRequest(JsonNode d, boolean create) {
        if (!d.isObject()) {
            throw EmulatorFault.badRequest("Malformed request");
        }
        ProjectRegistry.AppRequest r = new ProjectRegistry.AppRequest();
        if (d.hasNonNull("owner")) {
            String owner = d.get("owner").asText();
            if (state.userByUuid(owner).isEmpty()) {
                throw EmulatorFault.badRequest("User does not exist.");
            }
            r.owner = owner;
        }
        if (create) {
            if (!d.has("name")) {
                throw EmulatorFault.badRequest("Name missing.");
            }
        }
        if (d.hasNonNull("name")) {
            r.name = d.get("name").asText();
            if (!DOMAIN_NAME.matcher(r.name).matches()) {
                throw EmulatorFault.badRequest("Project name should be in domain format");
            }
        }
        r.joinPolicy = policy(d, "join_policy", "Invalid join policy");
        r.leavePolicy = policy(d, "leave_policy", "Invalid leave policy");
        r.startDate = date(d, "start_date");
        r.endDate = date(d, "end_date");
        if (create && r.endDate == null) {
            throw EmulatorFault.badRequest("Missing end date");
        }
        if (d.hasNonNull("max_members")) {
            JsonNode m = d.get("max_members");
            long v;
            try {
                v = m.isIntegralNumber() ? m.asLong() : Long.parseLong(m.asText().trim());
            } catch (NumberFormatException e) {
                throw EmulatorFault.badRequest("Invalid max_members");
            }
            if (v < 0) {
                throw EmulatorFault.badRequest("Invalid max_members");
            }
            r.maxMembers = v;
        }
        if (d.hasNonNull("private")) {
            if (!d.get("private").isBoolean()) {
                throw EmulatorFault.badRequest("private must be boolean");
            }
            r.isPrivate = d.get("private").asBoolean();
        }
        r.homepage = string(d, "homepage");
        r.description = string(d, "description");
        r.comments = string(d, "comments");
        if (create) {
            r.homepage = r.homepage == null ? "" : r.homepage;
            r.description = r.description == null ? "" : r.description;
            r.comments = r.comments == null ? "" : r.comments;
            r.joinPolicy = r.joinPolicy == null ? "moderated" : r.joinPolicy;
            r.leavePolicy = r.leavePolicy == null ? "auto" : r.leavePolicy;
            r.maxMembers = r.maxMembers == null ? ProjectRegistry.PRACTICALLY_INFINITE : r.maxMembers;
            r.isPrivate = r.isPrivate != null && r.isPrivate;
        }
        JsonNode res = d.has("resources") ? d.get("resources") : Json.object();
        if (!res.isObject()) {
            throw EmulatorFault.badRequest("Malformed resource policies");
        }
        Map<String, Capacity> caps = new LinkedHashMap<>();
        var it = res.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!ResourceCatalog.isVisible(e.getKey()) || !e.getValue().isObject()) {
                throw EmulatorFault.badRequest("Malformed resource policies");
            }
            JsonNode pc = e.getValue().get("project_capacity");
            JsonNode mc = e.getValue().get("member_capacity");
            if (pc == null || mc == null || !pc.isIntegralNumber() || !mc.isIntegralNumber()) {
                throw EmulatorFault.badRequest("Malformed resource policies");
            }
            if (pc.asLong() < 0 || mc.asLong() < 0) {
                throw EmulatorFault.badRequest("Negative quota limit is not allowed");
            }
            if (pc.asLong() < mc.asLong()) {
                throw EmulatorFault.badRequest("Project quota limit is less than member limit for resource '"
                        + e.getKey() + "'");
            }
            caps.put(e.getKey(), new Capacity(pc.asLong(), mc.asLong()));
        }
        r.resources = caps;
        return r;
    }

    private static String policy(JsonNode d, String key, String message) {
        if (!d.hasNonNull(key)) {
            return null;
        }
        String v = d.get(key).asText();
        if (!ProjectRegistry.POLICIES.contains(v)) {
            throw EmulatorFault.badRequest(message);
        }
        return v;
    }

    private static String string(JsonNode d, String key) {
        if (!d.hasNonNull(key)) {
            return null;
        }
        if (!d.get(key).isTextual()) {
            throw EmulatorFault.badRequest(key + " must be string");
        }
        return d.get(key).asText();
    }

    /** ISO 8601 dates as Astakos' {@code isoparse} takes them: with or without offset, or a bare date. */
    private static Instant date(JsonNode d, String key) {
        if (!d.hasNonNull(key)) {
            return null;
        }
        String s = d.get(key).asText();
        List<Function<String, Instant>> parsers = List.of(
                v -> OffsetDateTime.parse(v).toInstant(),
                v -> LocalDateTime.parse(v).toInstant(ZoneOffset.UTC),
                v -> LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC));
        for (Function<String, Instant> p : parsers) {
            try {
                return p.apply(s);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        throw EmulatorFault.badRequest("Invalid " + key);
    }
}
