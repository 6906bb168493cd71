package org.synnefo.reactive.emulator.internal.pithos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.reactivestreams.Publisher;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.internal.EmulatorContext;
import org.synnefo.reactive.emulator.internal.EmulatorFault;
import org.synnefo.reactive.emulator.internal.Exchange;
import org.synnefo.reactive.emulator.internal.Ids;
import org.synnefo.reactive.emulator.internal.Json;
import org.synnefo.reactive.emulator.internal.ProjectDirectory;
import org.synnefo.reactive.emulator.internal.ServiceHandler;
import org.synnefo.reactive.emulator.internal.pithos.Model.Account;
import org.synnefo.reactive.emulator.internal.pithos.Model.Container;
import org.synnefo.reactive.emulator.internal.pithos.Model.Entry;
import org.synnefo.reactive.emulator.internal.pithos.Model.Sharing;
import org.synnefo.reactive.emulator.internal.pithos.Model.Version;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The Pithos+ object-store API (synnefo-api.md §6) at {@code /object-store/v1}: top level, account,
 * container and object levels with every method, the hashmap protocol and streaming data.
 */
final class PithosApi implements ServiceHandler {

    static final String DIRECTORY = "application/directory";
    private static final String OCTET = "application/octet-stream";
    private static final int LIST_LIMIT = 10000;
    private static final int MAX_META = 32;
    private static final String ALNUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final EmulatorContext context;
    private final PithosStore store;
    private final DataPath data;
    private final Hashing hashing;
    private final Access access;
    private final String prefix;
    private final String publicPrefix;
    private long lastMicros;

    PithosApi(EmulatorContext context, PithosStore store, DataPath data, String prefix, String publicPrefix) {
        this.context = context;
        this.store = store;
        this.data = data;
        this.hashing = data.store().hashing();
        this.access = new Access(store);
        this.prefix = prefix;
        this.publicPrefix = publicPrefix;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    Access access() {
        return access;
    }

    // =====================================================================================
    // routing

    @Override
    public Publisher<Void> handle(Exchange ex) {
        String sub = ex.rawSubPath();
        if (sub.isEmpty() || sub.equals("/")) {
            return top(ex);
        }
        String rest = sub.substring(1);
        int s1 = rest.indexOf('/');
        String account = Exchange.decodePath(s1 < 0 ? rest : rest.substring(0, s1));
        String afterAccount = s1 < 0 ? "" : rest.substring(s1 + 1);
        if (afterAccount.isEmpty()) {
            return account(ex, account);
        }
        int s2 = afterAccount.indexOf('/');
        String container = Exchange.decodePath(s2 < 0 ? afterAccount : afterAccount.substring(0, s2));
        String rawObject = s2 < 0 ? "" : afterAccount.substring(s2 + 1);
        if (container.length() > 256) {
            throw EmulatorFault.badRequest("Container name too large.");
        }
        if (rawObject.isEmpty()) {
            return container(ex, account, container);
        }
        String object = Exchange.decodePath(rawObject);
        if (object.length() > 1024) {
            throw EmulatorFault.badRequest("Object name too large.");
        }
        return object(ex, account, container, object);
    }

    private Publisher<Void> top(Exchange ex) {
        if (!ex.method().equals("GET")) {
            throw EmulatorFault.notAllowed("GET");
        }
        if (ex.token().isEmpty()) {
            String user = ex.header("X-Auth-User").orElse(null);
            String key = ex.header("X-Auth-Key").orElse(null);
            if (user == null || key == null) {
                throw EmulatorFault.badRequest("Missing X-Auth-User or X-Auth-Key header");
            }
            String url = context.state().publicBaseUrl() + prefix + "/" + user;
            ex.header("X-Auth-Token", key).header("X-Storage-Url", url);
            return ex.empty(204);
        }
        EmulatorUser user = ex.requireUser();
        List<ObjectNode> rows = new ArrayList<>();
        synchronized (store) {
            List<Account> all = store.accounts();
            all.sort((a, b) -> a.uuid.compareTo(b.uuid));
            for (Account a : all) {
                if (!a.uuid.equals(user.uuid()) && access.accountVisible(user.uuid(), a)) {
                    rows.add(Json.object().put("name", a.uuid).put("last_modified", Wire.isoDate(a.mtime)));
                }
            }
        }
        rows = page(rows, ex, r -> r.path("name").asText());
        return listing(ex, rows, r -> r.path("name").asText());
    }

    // =====================================================================================
    // account

    private Publisher<Void> account(Exchange ex, String account) {
        String m = ex.method();
        if (!m.equals("HEAD") && !m.equals("GET") && !m.equals("POST")) {
            throw EmulatorFault.notAllowed("HEAD", "GET", "POST");
        }
        EmulatorUser user = ex.requireUser();
        boolean owner = user.uuid().equals(account);
        if (m.equals("POST")) {
            if (!owner) {
                throw EmulatorFault.forbidden("Not allowed");
            }
            return accountPost(ex, account);
        }
        Long until = until(ex);
        if (!owner && until != null) {
            throw EmulatorFault.forbidden("Not allowed");
        }
        if (ex.hasQuery("public") && !owner && m.equals("GET")) {
            throw EmulatorFault.forbidden("Not allowed");
        }
        long untilMicros = until == null ? Long.MAX_VALUE : until * 1_000_000L;
        List<ObjectNode> rows = new ArrayList<>();
        long count = 0;
        long bytes = 0;
        long mtime;
        synchronized (store) {
            Account a = owner ? store.account(account) : store.existingAccount(account).orElse(null);
            if (a == null || !access.accountVisible(user.uuid(), a)) {
                throw EmulatorFault.forbidden("Not allowed");
            }
            mtime = a.mtime;
            for (Container c : a.containers.values()) {
                if (c.ctime > untilMicros) {
                    continue;
                }
                long[] stats = stats(c, untilMicros);
                count++;
                bytes += stats[1];
                if (!access.containerVisible(user.uuid(), account, c)) {
                    continue;
                }
                if (ex.hasQuery("shared") && !hasMatching(c, e -> access.permission(account, c, e.name) != null)) {
                    continue;
                }
                if (ex.hasQuery("public") && !hasMatching(c, e -> e.publicToken != null)) {
                    continue;
                }
                ObjectNode row = Json.object().put("name", c.name).put("count", stats[0]).put("bytes", stats[1])
                        .put("last_modified", Wire.isoDate(until == null ? c.mtime : Math.min(stats[2], untilMicros)));
                ObjectNode policy = row.putObject("x_container_policy");
                policy.put("quota", Long.toString(c.quota)).put("versioning", c.versioning).put("project", c.project);
                if (until != null) {
                    row.put("x_container_until_timestamp", Wire.isoDate(untilMicros));
                }
                rows.add(row);
            }
            if (owner) {
                ex.header("X-Account-Container-Count", Long.toString(count));
                ex.header("X-Account-Bytes-Used", Long.toString(bytes));
                a.meta.forEach((k, v) -> putHeader(ex, "X-Account-Meta-" + k, v));
                a.groups.forEach((g, members) -> putHeader(ex, "X-Account-Group-" + Wire.capitalize(g),
                        String.join(",", new TreeSet<>(members))));
                accountQuotaHeaders(ex, a);
                if (until != null) {
                    putHeader(ex, "X-Account-Until-Timestamp", Wire.httpDate(untilMicros));
                }
            }
        }
        ex.header("Last-Modified", Wire.httpDate(mtime));
        checkModified(ex, mtime);
        if (m.equals("HEAD")) {
            return ex.empty(204);
        }
        rows = page(rows, ex, r -> r.path("name").asText());
        return listing(ex, rows, r -> r.path("name").asText());
    }

    private void accountQuotaHeaders(Exchange ex, Account a) {
        var ledger = context.ledger();
        Set<String> projects = new LinkedHashSet<>();
        projects.add(a.uuid);
        a.containers.values().forEach(c -> projects.add(c.project));
        long total = 0;
        for (String p : projects) {
            long limit = ledger.entry(p, a.uuid, "pithos.diskspace").limit();
            total += Math.max(0, limit);
            putHeader(ex, "X-Account-Policy-Quota-" + Wire.capitalize(p), Long.toString(limit));
        }
        putHeader(ex, "X-Account-Policy-Quota", Long.toString(total));
    }

    private Publisher<Void> accountPost(Exchange ex, String account) {
        boolean update = ex.hasQuery("update");
        Map<String, String> meta = metaHeaders(ex, "x-account-meta-");
        Map<String, List<String>> groups = groupHeaders(ex);
        return store.write(() -> {
            synchronized (store) {
                Account a = store.account(account);
                Map<String, String> newMeta = merge(a.meta, meta, update);
                Map<String, List<String>> newGroups = new TreeMap<>(a.groups);
                if (!update && !groups.isEmpty()) {
                    newGroups.clear();
                }
                groups.forEach((g, members) -> {
                    if (members.isEmpty()) {
                        newGroups.remove(g);
                    } else {
                        newGroups.put(g, members);
                    }
                });
                if (newMeta.size() > MAX_META) {
                    throw EmulatorFault.badRequest("Too many metadata items");
                }
                if (newGroups.size() > MAX_META) {
                    throw EmulatorFault.badRequest("Too many groups");
                }
                store.commit(List.of(PithosStore.accountOp(a, newMeta, newGroups, now())));
            }
            return 0;
        }).then(Mono.defer(() -> Mono.from(ex.empty(202))));
    }

    private Map<String, List<String>> groupHeaders(Exchange ex) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Map.Entry<String, String> h : ex.headers()) {
            String name = Wire.unquote(h.getKey()).toLowerCase(Locale.ROOT);
            if (!name.startsWith("x-account-group-")) {
                continue;
            }
            String group = name.substring("x-account-group-".length());
            if (group.isEmpty() || group.contains("-") || group.contains("_")) {
                throw EmulatorFault.badRequest("Bad characters in group name");
            }
            Set<String> members = new TreeSet<>();
            for (String m : Wire.unquote(h.getValue()).replace(" ", "").split(",")) {
                if (!m.isEmpty()) {
                    members.add(m.toLowerCase(Locale.ROOT));
                }
            }
            if (members.size() > MAX_META) {
                throw EmulatorFault.badRequest("Too many members in group");
            }
            out.put(group, new ArrayList<>(members));
        }
        if (out.size() > MAX_META) {
            throw EmulatorFault.badRequest("Too many groups");
        }
        return out;
    }

    // =====================================================================================
    // container

    private Publisher<Void> container(Exchange ex, String account, String name) {
        String m = ex.method();
        switch (m) {
            case "HEAD", "GET", "PUT", "POST", "DELETE" -> { }
            default -> throw EmulatorFault.notAllowed("HEAD", "GET", "PUT", "POST", "DELETE");
        }
        EmulatorUser user = ex.requireUser();
        boolean owner = user.uuid().equals(account);
        if (!owner && !m.equals("HEAD") && !m.equals("GET")) {
            throw EmulatorFault.forbidden("Not allowed");
        }
        return switch (m) {
            case "PUT" -> containerPut(ex, account, name);
            case "POST" -> containerPost(ex, account, name);
            case "DELETE" -> containerDelete(ex, account, name);
            default -> containerGet(ex, user, account, name);
        };
    }

    private record Policy(Long quota, String versioning, String project) {
        boolean any() {
            return quota != null || versioning != null || project != null;
        }
    }

    private Policy policyHeaders(Exchange ex) {
        Long quota = null;
        String versioning = null;
        String project = null;
        for (Map.Entry<String, String> h : ex.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith("x-container-policy-")) {
                continue;
            }
            String key = name.substring("x-container-policy-".length());
            String value = Wire.unquote(h.getValue()).trim();
            switch (key) {
                case "quota" -> {
                    quota = Wire.parseLong(value);
                    if (quota == null || quota < 0) {
                        throw EmulatorFault.badRequest("Invalid quota policy value");
                    }
                }
                case "versioning" -> {
                    versioning = value.toLowerCase(Locale.ROOT);
                    if (!versioning.equals("auto") && !versioning.equals("none")) {
                        throw EmulatorFault.badRequest("Invalid versioning policy value");
                    }
                }
                case "project" -> project = value;
                default -> throw EmulatorFault.badRequest("The only allowed policies are 'quota' or 'versioning'.");
            }
        }
        return new Policy(quota, versioning, project);
    }

    private Publisher<Void> containerPut(Exchange ex, String account, String name) {
        Map<String, String> meta = metaHeaders(ex, "x-container-meta-");
        Policy policy = policyHeaders(ex);
        return store.write(() -> {
            synchronized (store) {
                Account a = store.account(account);
                Container c = a.containers.get(name);
                if (c == null) {
                    if (meta.size() > MAX_META) {
                        throw EmulatorFault.badRequest("Too many metadata items");
                    }
                    long t = now();
                    String project = policy.project() != null ? policy.project() : account;
                    store.commit(List.of(PithosStore.containerOp(account, name, meta,
                            policy.quota() == null ? 0 : policy.quota(),
                            policy.versioning() == null ? "auto" : policy.versioning(), project, t, t)));
                    return 201;
                }
                updateContainer(account, c, meta, policy, true);
                return 202;
            }
        }).flatMap(status -> Mono.from(ex.empty(status)));
    }

    /** Caller holds the monitor. */
    private void updateContainer(String account, Container c, Map<String, String> meta, Policy policy,
            boolean update) {
        Map<String, String> newMeta = merge(c.meta, meta, update);
        if (newMeta.size() > MAX_META) {
            throw EmulatorFault.badRequest("Too many metadata items");
        }
        long quota = c.quota;
        String versioning = c.versioning;
        String project = c.project;
        if (policy.any()) {
            if (!update) {
                quota = 0;
                versioning = "auto";
            }
            if (policy.quota() != null) {
                quota = policy.quota();
            }
            if (policy.versioning() != null) {
                versioning = policy.versioning();
            }
            if (policy.project() != null && !policy.project().equals(c.project)) {
                project = policy.project();
                requireHolding(account, project, c.bytes);
                try {
                    context.ledger().move(c.project, project, account, "pithos.diskspace", c.bytes);
                } catch (EmulatorFault f) {
                    throw relayQuota(f);
                }
            }
        }
        store.commit(List.of(PithosStore.containerOp(account, c.name, newMeta, quota, versioning, project,
                c.ctime, now())));
    }

    private Publisher<Void> containerPost(Exchange ex, String account, String name) {
        boolean update = ex.hasQuery("update");
        Map<String, String> meta = metaHeaders(ex, "x-container-meta-");
        Policy policy = policyHeaders(ex);
        String ct = ex.header("Content-Type").orElse(null);
        boolean blocks = OCTET.equals(ct);
        if (blocks && !ex.headers().contains("Content-Length") && !chunked(ex)) {
            throw EmulatorFault.lengthRequired("Missing Content-Length header");
        }
        Mono<Integer> updated = store.write(() -> {
            synchronized (store) {
                Container c = store.container(account, name);
                if (c == null) {
                    throw EmulatorFault.notFound("Container does not exist");
                }
                if (!meta.isEmpty() || policy.any() || !update) {
                    updateContainer(account, c, meta, policy, update);
                }
            }
            return 0;
        });
        if (!blocks) {
            return updated.then(Mono.defer(() -> Mono.from(ex.empty(202))));
        }
        return updated.then(data.storeBlocks(ex.bodyStream()))
                .flatMap(hashes -> Mono.from(ex.json(202, hashes)));
    }

    private Publisher<Void> containerDelete(Exchange ex, String account, String name) {
        Long until = until(ex);
        String delimiter = ex.query("delimiter").orElse(null);
        return store.write(() -> {
            synchronized (store) {
                Container c = store.container(account, name);
                if (c == null) {
                    throw EmulatorFault.notFound("Container does not exist");
                }
                if (until != null) {
                    long u = until * 1_000_000L;
                    List<ObjectNode> ops = new ArrayList<>();
                    for (Entry e : c.entries.values()) {
                        List<Long> ids = new ArrayList<>();
                        Version live = e.live();
                        for (Version v : e.versions) {
                            if (v.mtime() <= u && v != live) {
                                ids.add(v.id());
                            }
                        }
                        if (!ids.isEmpty()) {
                            ops.add(PithosStore.dropOp(account, name, e.name, ids));
                        }
                    }
                    store.commit(ops);
                    return 0;
                }
                if (delimiter != null) {
                    for (Entry e : new ArrayList<>(c.entries.values())) {
                        if (e.live() != null) {
                            deleteEntry(account, c, e);
                        }
                    }
                    return 0;
                }
                if (c.count > 0) {
                    throw EmulatorFault.conflict("Container is not empty");
                }
                store.commit(List.of(PithosStore.containerDeleteOp(account, name)));
                return 0;
            }
        }).then(Mono.defer(() -> Mono.from(ex.empty(204))));
    }

    private Publisher<Void> containerGet(Exchange ex, EmulatorUser user, String account, String name) {
        boolean owner = user.uuid().equals(account);
        Long until = until(ex);
        if (!owner && until != null) {
            throw EmulatorFault.forbidden("Not allowed");
        }
        if (ex.hasQuery("public") && !owner && ex.method().equals("GET")) {
            throw EmulatorFault.forbidden("Not allowed");
        }
        long untilMicros = until == null ? Long.MAX_VALUE : until * 1_000_000L;
        List<ObjectNode> rows;
        long mtime;
        synchronized (store) {
            Container c = existingContainer(user.uuid(), account, name);
            if (!access.containerVisible(user.uuid(), account, c)) {
                throw EmulatorFault.forbidden("Not allowed");
            }
            long[] stats = stats(c, untilMicros);
            mtime = until == null ? c.mtime : Math.min(stats[2], untilMicros);
            ex.header("X-Container-Block-Size", Integer.toString(data.blockSize()));
            ex.header("X-Container-Block-Hash", hashing.name());
            Set<String> metaKeys = new TreeSet<>();
            for (Entry e : c.entries.values()) {
                Version v = until == null ? e.live() : e.at(untilMicros);
                if (v != null) {
                    metaKeys.addAll(v.meta().keySet());
                }
            }
            putHeader(ex, "X-Container-Object-Meta", String.join(",", metaKeys));
            if (owner) {
                ex.header("X-Container-Object-Count", Long.toString(stats[0]));
                ex.header("X-Container-Bytes-Used", Long.toString(stats[1]));
                putHeader(ex, "X-Container-Policy-Quota", Long.toString(c.quota));
                putHeader(ex, "X-Container-Policy-Versioning", c.versioning);
                putHeader(ex, "X-Container-Policy-Project", c.project);
                c.meta.forEach((k, v) -> putHeader(ex, "X-Container-Meta-" + k, v));
                if (until != null) {
                    putHeader(ex, "X-Container-Until-Timestamp", Wire.httpDate(untilMicros));
                }
            }
            ex.header("Last-Modified", Wire.httpDate(mtime));
            checkModified(ex, mtime);
            if (ex.method().equals("HEAD")) {
                rows = List.of();
            } else {
                rows = listObjects(ex, user.uuid(), account, c, until == null ? null : untilMicros);
            }
        }
        if (ex.method().equals("HEAD")) {
            return ex.empty(204);
        }
        return listing(ex, rows, r -> r.has("subdir") ? r.path("subdir").asText() : r.path("name").asText());
    }

    /** Per container at a time: {count, bytes, last modification}. */
    private static long[] stats(Container c, long untilMicros) {
        if (untilMicros == Long.MAX_VALUE) {
            return new long[] {c.count, c.bytes, c.mtime};
        }
        long count = 0;
        long bytes = 0;
        long mtime = c.ctime;
        for (Entry e : c.entries.values()) {
            Version v = e.at(untilMicros);
            if (v != null) {
                count++;
                bytes += v.bytes();
            }
            for (Version x : e.versions) {
                if (x.mtime() <= untilMicros) {
                    mtime = Math.max(mtime, x.mtime());
                }
            }
        }
        return new long[] {count, bytes, mtime};
    }

    private static boolean hasMatching(Container c, java.util.function.Predicate<Entry> p) {
        for (Entry e : c.entries.values()) {
            if (e.live() != null && p.test(e)) {
                return true;
            }
        }
        return false;
    }

    /** The object listing of a container (caller holds the monitor). */
    private List<ObjectNode> listObjects(Exchange ex, String user, String account, Container c, Long until) {
        String prefixParam = ex.query("prefix").orElse("");
        String delimiter = ex.query("delimiter").filter(d -> !d.isEmpty()).orElse(null);
        String path = ex.query("path").orElse(null);
        boolean pathMode = path != null;
        if (pathMode) {
            prefixParam = path.isEmpty() ? "" : (path.endsWith("/") ? path : path + "/");
            delimiter = "/";
        } else if (delimiter != null && !prefixParam.isEmpty() && !prefixParam.endsWith(delimiter)) {
            prefixParam = prefixParam + delimiter;
        }
        String marker = ex.query("marker").orElse(null);
        int limit = limit(ex);
        List<MetaFilter> filters = MetaFilter.parse(ex.query("meta").orElse(""));
        boolean shared = ex.hasQuery("shared");
        boolean pub = ex.hasQuery("public");
        boolean owner = user.equals(account);
        List<ObjectNode> out = new ArrayList<>();
        String lastSubdir = null;
        Map<String, Entry> candidates = prefixParam.isEmpty() ? c.entries : c.entries.tailMap(prefixParam, true);
        for (Entry e : candidates.values()) {
            if (!e.name.startsWith(prefixParam)) {
                break;
            }
            Version v = until == null ? e.live() : e.at(until);
            if (v == null) {
                continue;
            }
            if (!access.canRead(user, account, c, e.name)) {
                continue;
            }
            if (shared && access.permission(account, c, e.name) == null) {
                continue;
            }
            if (pub && e.publicToken == null) {
                continue;
            }
            if (!MetaFilter.matches(filters, v.meta())) {
                continue;
            }
            String rest = e.name.substring(prefixParam.length());
            if (delimiter != null) {
                int d = rest.indexOf(delimiter);
                if (d >= 0) {
                    if (pathMode) {
                        if (d + delimiter.length() != rest.length()) {
                            continue;
                        }
                    } else {
                        String subdir = prefixParam + rest.substring(0, d + delimiter.length());
                        if (subdir.equals(lastSubdir) || (marker != null && subdir.compareTo(marker) <= 0)) {
                            continue;
                        }
                        lastSubdir = subdir;
                        out.add(Json.object().put("subdir", subdir));
                        if (out.size() >= limit) {
                            break;
                        }
                        continue;
                    }
                }
            }
            if (marker != null && e.name.compareTo(marker) <= 0) {
                continue;
            }
            out.add(objectRow(user, account, c, e, v, until != null, owner));
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    private ObjectNode objectRow(String user, String account, Container c, Entry e, Version v, boolean until,
            boolean owner) {
        ObjectNode row = Json.object();
        row.put("name", e.name).put("bytes", v.bytes()).put("content_type", v.contentType()).put("hash", "")
                .put("x_object_hash", merkle(v)).put("x_object_uuid", v.uuid()).put("x_object_version", v.id())
                .put("x_object_version_timestamp", Wire.timestamp(v.mtime()));
        if (!until) {
            row.put("last_modified", Wire.isoDate(v.mtime()));
        }
        row.put("x_object_modified_by", v.modifiedBy()).put("available", 1).putNull("map_check_timestamp");
        if (v.contentEncoding() != null) {
            row.put("content_encoding", v.contentEncoding());
        }
        if (v.contentDisposition() != null) {
            row.put("content_disposition", v.contentDisposition());
        }
        if (v.manifest() != null) {
            row.put("x_object_manifest", v.manifest());
        }
        if (e.sharing != null) {
            row.put("x_object_sharing", e.sharing.header());
        }
        Access.Perm p = access.permission(account, c, e.name);
        if (p != null && !owner) {
            row.put("x_object_allowed_to", access.allowedTo(user, account, c, e.name));
        }
        if (p != null && !p.path().equals(account + "/" + c.name + "/" + e.name)) {
            row.put("x_object_shared_by", p.path());
        }
        if (owner && e.publicToken != null) {
            row.put("x_object_public", publicUrl(e.publicToken));
        }
        return row;
    }

    // =====================================================================================
    // objects

    private Publisher<Void> object(Exchange ex, String account, String container, String name) {
        String m = ex.method();
        switch (m) {
            case "HEAD", "GET", "PUT", "COPY", "MOVE", "POST", "DELETE" -> { }
            default -> throw EmulatorFault.notAllowed("HEAD", "GET", "PUT", "COPY", "MOVE", "POST", "DELETE");
        }
        EmulatorUser user = ex.requireUser();
        return switch (m) {
            case "HEAD", "GET" -> objectGet(ex, user.uuid(), account, container, name);
            case "PUT" -> objectPut(ex, user.uuid(), account, container, name);
            case "COPY", "MOVE" -> objectCopyMethod(ex, user.uuid(), account, container, name, m.equals("MOVE"));
            case "POST" -> objectPost(ex, user.uuid(), account, container, name);
            default -> objectDelete(ex, user.uuid(), account, container, name);
        };
    }

    /**
     * The container, or the fault Pithos answers when it is missing: 404 to its owner, 403 to anyone
     * else (who may not learn whether it exists). Caller holds the monitor.
     */
    private Container existingContainer(String user, String account, String container) {
        Container c = store.container(account, container);
        if (c == null) {
            if (!user.equals(account)) {
                throw EmulatorFault.forbidden("Not allowed");
            }
            throw EmulatorFault.notFound("Container does not exist");
        }
        return c;
    }

    /** What a read of an object sees, taken under the monitor. */
    private record Target(Container container, Entry entry, Version version, boolean latest) {
    }

    /** Resolves an object for reading: 404 when missing, 403 when not readable. Caller holds the monitor. */
    private Target readTarget(String user, String account, String container, String name, String versionParam) {
        Container c = existingContainer(user, account, container);
        if (!access.canRead(user, account, c, name)) {
            throw EmulatorFault.forbidden("Not allowed");
        }
        Entry e = c.entries.get(name);
        if (versionParam != null && !versionParam.isEmpty()) {
            Long id = Wire.parseLong(versionParam);
            if (id == null) {
                throw EmulatorFault.badRequest("Invalid version");
            }
            if (e != null) {
                for (Version v : e.versions) {
                    if (v.id() == id && !v.deleted()) {
                        return new Target(c, e, v, v == e.live());
                    }
                }
            }
            throw EmulatorFault.notFound("Version does not exist");
        }
        Version v = e == null ? null : e.live();
        if (v == null) {
            throw EmulatorFault.notFound("Object does not exist");
        }
        return new Target(c, e, v, true);
    }

    /** One object's contribution to a read: its blocks and size. */
    private record Part(List<String> hashes, long size) {
    }

    private Publisher<Void> objectGet(Exchange ex, String user, String account, String container, String name) {
        String versionParam = ex.query("version").orElse(null);
        boolean listVersions = "list".equals(versionParam);
        Target t;
        List<Part> parts = new ArrayList<>();
        String etag;
        long size;
        synchronized (store) {
            t = readTarget(user, account, container, name, listVersions ? null : versionParam);
            objectHeaders(ex, user, account, t);
            if (listVersions) {
                ArrayNode versions = Json.array();
                for (Version v : t.entry().versions) {
                    if (!v.deleted()) {
                        versions.add(Json.array().add(v.id()).add(Wire.timestamp(v.mtime())));
                    }
                }
                ObjectNode body = Json.object();
                body.set("versions", versions);
                checkConditions(ex, t.version(), merkle(t.version()));
                return ex.json(200, body);
            }
            Version v = t.version();
            if (v.manifest() != null) {
                MessageDigest md5 = md5();
                size = 0;
                for (Part p : manifestParts(user, account, v.manifest())) {
                    parts.add(p);
                    size += p.size();
                }
                for (String h : manifestEtags(user, account, v.manifest())) {
                    md5.update(h.getBytes(StandardCharsets.UTF_8));
                }
                etag = Hashing.hex(md5.digest());
            } else {
                parts.add(new Part(v.hashes(), v.bytes()));
                size = v.bytes();
                etag = merkle(v);
            }
        }
        Version v = t.version();
        ex.header("ETag", etag);
        checkConditions(ex, v, etag);
        if (ex.hasQuery("hashmap")) {
            ObjectNode body = Json.object().put("block_hash", hashing.name()).put("block_size", data.blockSize())
                    .put("bytes", v.bytes());
            ArrayNode hashes = body.putArray("hashes");
            v.hashes().forEach(hashes::add);
            return ex.json(200, body);
        }
        String dispositionType = ex.query("disposition-type").orElse(null);
        if (dispositionType != null && (dispositionType.equals("inline") || dispositionType.equals("attachment"))) {
            putHeader(ex, "Content-Disposition", dispositionType + "; filename=\"" + basename(name) + "\"");
        } else if (v.contentDisposition() == null) {
            putHeader(ex, "Content-Disposition", "inline");
        }
        return serveData(ex, parts, size, etag, v);
    }

    /**
     * A public URL ({@code <publicPrefix>/<token>}): GET and HEAD without a token, only the plain entity
     * headers, ranges and conditions supported.
     */
    Publisher<Void> servePublic(Exchange ex, String token) {
        if (!ex.method().equals("GET") && !ex.method().equals("HEAD")) {
            throw EmulatorFault.notAllowed("GET", "HEAD");
        }
        Version v;
        String name;
        synchronized (store) {
            String[] where = store.byPublicToken(token);
            Entry e = where == null ? null : store.entry(where[0], where[1], where[2]);
            v = e == null || !token.equals(e.publicToken) ? null : e.live();
            if (v == null) {
                throw EmulatorFault.notFound("Object does not exist");
            }
            name = e.name;
        }
        String etag = merkle(v);
        ex.header("ETag", etag);
        putHeader(ex, "Content-Type", v.contentType());
        ex.header("Last-Modified", Wire.httpDate(v.mtime()));
        if (v.contentEncoding() != null) {
            putHeader(ex, "Content-Encoding", v.contentEncoding());
        }
        String dispositionType = ex.query("disposition-type").orElse("inline");
        if (!dispositionType.equals("attachment")) {
            dispositionType = "inline";
        }
        putHeader(ex, "Content-Disposition", v.contentDisposition() != null && !ex.hasQuery("disposition-type")
                ? v.contentDisposition() : dispositionType + "; filename=\"" + basename(name) + "\"");
        checkConditions(ex, v, etag);
        return serveData(ex, List.of(new Part(v.hashes(), v.bytes())), v.bytes(), etag, v);
    }

    /** Serves {@code parts} with ranges, If-Range and multipart/byteranges, block by block. */
    Publisher<Void> serveData(Exchange ex, List<Part> parts, long size, String etag, Version v) {
        HttpServerResponse r = ex.response();
        ex.commonHeaders();
        List<long[]> ranges = Ranges.parse(ex.header("Range").orElse(null), size);
        if (ranges != null) {
            String ifRange = ex.header("If-Range").orElse("");
            if (!ifRange.isEmpty()) {
                Long date = Wire.parseHttpDate(ifRange);
                boolean fresh = date != null ? date == v.mtime() / 1_000_000 : ifRange.equals(etag);
                if (!fresh) {
                    ranges = null;
                }
            }
        }
        boolean head = ex.method().equals("HEAD");
        if (ranges == null) {
            r.status(200);
            r.header("Content-Length", Long.toString(size));
            return head ? Exchange.noBody() : r.send(readParts(parts, 0, size));
        }
        r.status(206);
        if (ranges.size() == 1) {
            long a = ranges.get(0)[0];
            long b = ranges.get(0)[1];
            putHeader(ex, "Content-Range", "bytes " + a + "-" + (b - 1) + "/" + size);
            r.header("Content-Length", Long.toString(b - a));
            return head ? Exchange.noBody() : r.send(readParts(parts, a, b));
        }
        String boundary = boundary();
        r.header("Content-Type", "multipart/byteranges; boundary=" + boundary);
        long length = 0;
        List<Flux<ByteBuf>> pieces = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            long a = ranges.get(i)[0];
            long b = ranges.get(i)[1];
            String head0 = (i > 0 ? "\r\n" : "") + "--" + boundary + "\r\nContent-Range: bytes " + a + "-" + (b - 1)
                    + "/" + size + "\r\nContent-Transfer-Encoding: binary\r\n\r\n";
            byte[] hb = head0.getBytes(StandardCharsets.US_ASCII);
            length += hb.length + (b - a);
            pieces.add(Flux.defer(() -> Flux.just(Unpooled.wrappedBuffer(hb))));
            pieces.add(readParts(parts, a, b));
        }
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        length += tail.length;
        pieces.add(Flux.defer(() -> Flux.just(Unpooled.wrappedBuffer(tail))));
        r.header("Content-Length", Long.toString(length));
        return head ? Exchange.noBody() : r.send(Flux.concat(pieces));
    }

    private Flux<ByteBuf> readParts(List<Part> parts, long start, long end) {
        List<Flux<ByteBuf>> out = new ArrayList<>();
        long base = 0;
        for (Part p : parts) {
            long from = Math.max(start, base);
            long to = Math.min(end, base + p.size());
            if (from < to) {
                out.add(data.read(p.hashes(), p.size(), from - base, to - base));
            }
            base += p.size();
        }
        return Flux.concat(out);
    }

    private List<Part> manifestParts(String user, String account, String manifest) {
        List<Part> parts = new ArrayList<>();
        for (Version v : manifestVersions(user, account, manifest)) {
            parts.add(new Part(v.hashes(), v.bytes()));
        }
        return parts;
    }

    private List<String> manifestEtags(String user, String account, String manifest) {
        List<String> out = new ArrayList<>();
        for (Version v : manifestVersions(user, account, manifest)) {
            out.add(merkle(v));
        }
        return out;
    }

    private List<Version> manifestVersions(String user, String account, String manifest) {
        String m = manifest.startsWith("/") ? manifest.substring(1) : manifest;
        int slash = m.indexOf('/');
        String cont = slash < 0 ? m : m.substring(0, slash);
        String pfx = slash < 0 ? "" : m.substring(slash + 1);
        Container c = store.container(account, cont);
        List<Version> out = new ArrayList<>();
        if (c == null) {
            return out;
        }
        for (Entry e : c.entries.tailMap(pfx, true).values()) {
            if (!e.name.startsWith(pfx)) {
                break;
            }
            Version v = e.live();
            if (v != null && v.manifest() == null && access.canRead(user, account, c, e.name)) {
                out.add(v);
            }
        }
        return out;
    }

    /** The object headers of §6.5 (caller holds the monitor). */
    private void objectHeaders(Exchange ex, String user, String account, Target t) {
        Version v = t.version();
        boolean owner = user.equals(account);
        putHeader(ex, "Content-Type", v.contentType());
        ex.header("Last-Modified", Wire.httpDate(v.mtime()));
        if (v.contentEncoding() != null) {
            putHeader(ex, "Content-Encoding", v.contentEncoding());
        }
        if (v.contentDisposition() != null) {
            putHeader(ex, "Content-Disposition", v.contentDisposition());
        }
        putHeader(ex, "X-Object-Hash", merkle(v));
        putHeader(ex, "X-Object-UUID", v.uuid());
        putHeader(ex, "X-Object-Version", Long.toString(v.id()));
        putHeader(ex, "X-Object-Version-Timestamp", Wire.httpDate(v.mtime()));
        putHeader(ex, "X-Object-Modified-By", v.modifiedBy());
        if (v.manifest() != null) {
            putHeader(ex, "X-Object-Manifest", v.manifest());
        }
        ex.header("Available", "1");
        v.meta().forEach((k, val) -> putHeader(ex, "X-Object-Meta-" + k, val));
        if (t.latest()) {
            Entry e = t.entry();
            Container c = t.container();
            if (e.sharing != null) {
                putHeader(ex, "X-Object-Sharing", e.sharing.header());
            }
            Access.Perm p = access.permission(account, c, e.name);
            if (p != null && !p.path().equals(account + "/" + c.name + "/" + e.name)) {
                putHeader(ex, "X-Object-Shared-By", p.path());
            }
            if (!owner) {
                putHeader(ex, "X-Object-Allowed-To", access.allowedTo(user, account, c, e.name));
            }
            if (owner && e.publicToken != null) {
                putHeader(ex, "X-Object-Public", publicUrl(e.publicToken));
            }
        }
        if (!ex.response().responseHeaders().contains("ETag")) {
            ex.header("ETag", v.manifest() == null ? merkle(v) : "");
        }
    }

    /** If-Modified-Since / If-Unmodified-Since, then If-Match / If-None-Match (reads). */
    void checkConditions(Exchange ex, Version v, String etag) {
        checkModified(ex, v.mtime());
        checkMatch(ex, etag, ex.method());
    }

    private void checkModified(Exchange ex, long micros) {
        long seconds = micros / 1_000_000;
        Long ims = Wire.parseHttpDate(ex.header("If-Modified-Since").orElse(null));
        if (ims != null && seconds <= ims) {
            throw notModified(ex);
        }
        Long ius = Wire.parseHttpDate(ex.header("If-Unmodified-Since").orElse(null));
        if (ius != null && seconds > ius) {
            throw EmulatorFault.preconditionFailed("Resource has been modified");
        }
    }

    /** If-Match / If-None-Match against the current ETag ({@code null} when the object does not exist). */
    private void checkMatch(Exchange ex, String etag, String method) {
        String ifMatch = ex.header("If-Match").orElse(null);
        if (ifMatch != null) {
            if (etag == null) {
                throw EmulatorFault.preconditionFailed("Resource does not exist");
            }
            if (!ifMatch.trim().equals("*") && !Wire.parseEtags(ifMatch).contains(etag.toLowerCase(Locale.ROOT))) {
                throw EmulatorFault.preconditionFailed("Resource ETag does not match");
            }
        }
        String ifNone = ex.header("If-None-Match").orElse(null);
        if (ifNone != null && etag != null
                && (ifNone.trim().equals("*") || Wire.parseEtags(ifNone).contains(etag.toLowerCase(Locale.ROOT)))) {
            if (method.equals("GET") || method.equals("HEAD")) {
                throw notModified(ex);
            }
            throw EmulatorFault.preconditionFailed("Resource exists or ETag matches");
        }
    }

    private static EmulatorFault notModified(Exchange ex) {
        EmulatorFault f = new EmulatorFault(304, "notModified", "Not modified").withEmptyBody();
        String etag = ex.response().responseHeaders().get("ETag");
        return etag == null ? f : f.withHeader("ETag", etag);
    }

    // ---- PUT ----

    private Publisher<Void> objectPut(Exchange ex, String user, String account, String container, String name) {
        if (!ex.headers().contains("Content-Length") && !chunked(ex)) {
            throw EmulatorFault.lengthRequired("Missing Content-Length header");
        }
        String copyFrom = ex.header("X-Copy-From").map(Wire::unquote).orElse(null);
        String moveFrom = ex.header("X-Move-From").map(Wire::unquote).orElse(null);
        if (copyFrom != null || moveFrom != null) {
            String src = moveFrom != null ? moveFrom : copyFrom;
            String[] cs = splitSource(src);
            String srcAccount = ex.header("X-Source-Account").map(Wire::unquote).orElse(user);
            String srcVersion = moveFrom != null ? null : ex.header("X-Source-Version").orElse(null);
            return copy(ex, user, srcAccount, cs[0], cs[1], srcVersion, account, container, name, moveFrom != null,
                    ex.header("Content-Type").orElse(null));
        }
        String contentType = ex.header("Content-Type").orElse(null);
        if (contentType == null) {
            throw EmulatorFault.lengthRequired("Missing Content-Type header");
        }
        Wire.unquote(contentType);
        WriteSpec spec = writeSpec(ex, contentType, true);
        checkWritable(user, account, container, name, spec);
        synchronized (store) {
            Entry existing = store.entry(account, container, name);
            Version old = existing == null ? null : existing.live();
            checkMatch(ex, old == null ? null : merkle(old), "PUT");
        }
        if (ex.hasQuery("hashmap")) {
            return ex.body().flatMap(body -> store.write(() -> hashmapPut(ex, user, account, container, name, body, spec)))
                    .flatMap(result -> Mono.from(result));
        }
        String expectedMd5 = ex.header("ETag").map(String::trim).map(s -> s.replace("\"", "")).orElse(null);
        MessageDigest md5 = expectedMd5 != null ? md5() : null;
        return data.write(List.of(), 0, 0, ex.bodyStream(), md5).flatMap(w -> {
            if (md5 != null && !Hashing.hex(md5.digest()).equalsIgnoreCase(expectedMd5)) {
                return Mono.error(new EmulatorFault(422, "unprocessableEntity", "Object ETag does not match"));
            }
            return store.write(() -> {
                synchronized (store) {
                    Version v = putVersion(ex, user, account, container, name, w.hashes(), w.size(), spec, null);
                    return v;
                }
            });
        }).flatMap(v -> {
            ex.header("ETag", merkle(v)).header("X-Object-Version", Long.toString(v.id()));
            return Mono.from(ex.empty(201));
        });
    }

    private Publisher<Void> hashmapPut(Exchange ex, String user, String account, String container, String name,
            byte[] body, WriteSpec spec) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw EmulatorFault.badRequest("Invalid data formatting");
        }
        if (node == null || !node.isObject() || !node.path("hashes").isArray() || !node.path("bytes").isIntegralNumber()) {
            throw EmulatorFault.badRequest("Invalid data formatting");
        }
        long bytes = node.path("bytes").asLong();
        List<String> hashes = new ArrayList<>();
        for (JsonNode h : node.path("hashes")) {
            if (!h.isTextual() || !Hashing.isHex(h.asText())) {
                throw EmulatorFault.badRequest("Invalid hash");
            }
            hashes.add(h.asText().toLowerCase(Locale.ROOT));
        }
        long blocks = bytes <= 0 ? 0 : (bytes + data.blockSize() - 1) / data.blockSize();
        if (bytes < 0) {
            throw EmulatorFault.badRequest("Invalid data formatting");
        }
        if (bytes == 0) {
            if (!(hashes.isEmpty() || (hashes.size() == 1 && hashes.get(0).equals(hashing.emptyHex())))) {
                throw EmulatorFault.badRequest("Invalid hashmap for an empty object");
            }
            hashes = List.of(hashing.emptyHex());
        } else if (blocks != hashes.size()) {
            throw EmulatorFault.badRequest("Invalid data formatting");
        }
        LinkedHashSet<String> missing = new LinkedHashSet<>();
        for (String h : hashes) {
            if (!data.store().contains(h)) {
                missing.add(h);
            }
        }
        if (!missing.isEmpty()) {
            return ex.json(409, new ArrayList<>(missing));
        }
        Version v;
        synchronized (store) {
            v = putVersion(ex, user, account, container, name, hashes, bytes, spec, null);
        }
        ex.header("ETag", merkle(v)).header("X-Object-Version", Long.toString(v.id()));
        return ex.empty(201);
    }

    /** What a PUT/COPY/MOVE/POST asks for besides data. */
    private record WriteSpec(String contentType, String contentEncoding, String contentDisposition, String manifest,
            Map<String, String> meta, Sharing sharing, Boolean isPublic) {
    }

    private WriteSpec writeSpec(Exchange ex, String contentType, boolean full) {
        Map<String, String> meta = metaHeaders(ex, "x-object-meta-");
        if (meta.size() > MAX_META) {
            throw EmulatorFault.badRequest("Too many metadata items");
        }
        return new WriteSpec(contentType == null ? null : Wire.unquote(contentType),
                ex.header("Content-Encoding").map(Wire::unquote).orElse(null),
                ex.header("Content-Disposition").map(Wire::unquote).orElse(null),
                ex.header("X-Object-Manifest").map(Wire::unquote).orElse(null),
                meta, sharingHeader(ex), publicHeader(ex));
    }

    private void checkWritable(String user, String account, String container, String name, WriteSpec spec) {
        synchronized (store) {
            Container c = existingContainer(user, account, container);
            if (!access.canWrite(user, account, c, name)) {
                throw EmulatorFault.forbidden("Not allowed");
            }
            if (!user.equals(account) && (spec.sharing() != null || spec.isPublic() != null)) {
                throw EmulatorFault.forbidden("Not allowed");
            }
        }
    }

    /**
     * Creates the next version of an object with the given data (a plain PUT, a hashmap PUT, a copy) and
     * applies sharing and publication. Caller holds the monitor. {@code base} supplies metadata to merge
     * (copies); null replaces all user metadata.
     */
    private Version putVersion(Exchange ex, String user, String account, String container, String name,
            List<String> hashes, long bytes, WriteSpec spec, Version base) {
        Container c = store.container(account, container);
        if (c == null) {
            throw EmulatorFault.notFound("Container does not exist");
        }
        if (!access.canWrite(user, account, c, name)) {
            throw EmulatorFault.forbidden("Not allowed");
        }
        Entry e = c.entries.get(name);
        Version old = e == null ? null : e.live();
        // conditions are checked against the object as it is now, inside the commit
        checkMatch(ex, old == null ? null : merkle(old), "PUT");
        return commitVersion(user, account, c, name, old, hashes, bytes, spec, base, null);
    }

    private Version commitVersion(String user, String account, Container c, String name, Version old,
            List<String> hashes, long bytes, WriteSpec spec, Version base, String uuid) {
        Map<String, String> meta = base == null ? spec.meta() : merge(base.meta(), spec.meta(), true);
        if (meta.size() > MAX_META) {
            throw EmulatorFault.badRequest("Too many metadata items");
        }
        String ct = spec.contentType() != null ? spec.contentType() : base != null ? base.contentType() : OCTET;
        String ce = spec.contentEncoding() != null ? spec.contentEncoding() : base != null ? base.contentEncoding() : null;
        String cd = spec.contentDisposition() != null ? spec.contentDisposition()
                : base != null ? base.contentDisposition() : null;
        String manifest = spec.manifest() != null ? spec.manifest() : base != null ? base.manifest() : null;
        String id = uuid != null ? uuid : old != null ? old.uuid() : Ids.uuid();
        Version v = new Version(store.newVersionId(), id, bytes, hashes, ct, emptyToNull(ce), emptyToNull(cd),
                emptyToNull(manifest), meta, now(), user, false);
        List<ObjectNode> ops = new ArrayList<>();
        chargeQuota(account, c, bytes - (old == null ? 0 : old.bytes()));
        ops.add(PithosStore.versionOp(account, c.name, name, v, c.versioning.equals("none")));
        Entry e = c.entries.get(name);
        ObjectNode perm = permOp(account, c, name, e, spec.sharing(), spec.isPublic(), old == null);
        if (perm != null) {
            ops.add(perm);
        }
        store.commit(ops);
        return v;
    }

    /** A permission operation when sharing or publication changes (or a recreated object must drop old ones). */
    private ObjectNode permOp(String account, Container c, String name, Entry e, Sharing sharing, Boolean pub,
            boolean fresh) {
        Sharing curSharing = e == null || fresh ? null : e.sharing;
        String curToken = e == null || fresh ? null : e.publicToken;
        boolean changed = fresh && e != null && (e.sharing != null || e.publicToken != null);
        if (sharing != null) {
            curSharing = sharing.isEmpty() ? null : sharing;
            changed = true;
        }
        if (pub != null) {
            if (pub && curToken == null) {
                curToken = newPublicToken();
                changed = true;
            } else if (!pub && curToken != null) {
                curToken = null;
                changed = true;
            }
        }
        return changed ? PithosStore.permOp(account, c.name, name, curSharing, curToken) : null;
    }

    private void chargeQuota(String account, Container c, long delta) {
        if (delta > 0 && c.quota > 0 && c.bytes + delta > c.quota) {
            throw new EmulatorFault(413, "requestEntityTooLarge", "Quota error: Container quota exceeded: limit: "
                    + c.quota + ", usage: " + (c.bytes + delta));
        }
        if (delta > 0) {
            requireHolding(account, c.project, delta);
        }
        if (delta != 0) {
            try {
                context.ledger().charge(c.project, account, "pithos.diskspace", delta);
            } catch (EmulatorFault f) {
                throw relayQuota(f);
            }
        }
    }

    /**
     * Pithos checks nothing about a container's project itself (its {@code _check_project} is a no-op):
     * Astakos refuses the commission with 404 "no such holding" when the account's owner holds no quota
     * in the project (unknown, not active, not a member), and Pithos relays that as a generic
     * {@code fault} (astakosclient's NotFound: the HTTP reason, Astakos' body as details). So a
     * container can be created with any project; the first write into it, or a reassignment, fails.
     */
    private void requireHolding(String account, String project, long quantity) {
        ProjectDirectory dir = context.lookup(ProjectDirectory.class).orElse(null);
        if (dir == null || dir.isActiveMember(project, account)) {
            return;
        }
        ObjectNode astakos = Json.object();
        ObjectNode inner = astakos.putObject("itemNotFound");
        inner.put("message", "There is no such holding (u'user:" + account + "', u'project:" + project
                + "', u'pithos.diskspace')");
        inner.put("code", 404);
        ObjectNode data = inner.putObject("data");
        data.put("name", "NoHoldingError");
        ObjectNode provision = data.putObject("provision");
        provision.put("holder", "user:" + account);
        provision.put("source", "project:" + project);
        provision.put("resource", "pithos.diskspace");
        provision.put("quantity", quantity);
        throw new EmulatorFault(404, "fault", "Not Found").withDetails(astakos.toString());
    }

    /** Astakos' quota fault reaches Pithos clients relayed under the generic {@code fault} key. */
    private static EmulatorFault relayQuota(EmulatorFault f) {
        if (f.status() != 413) {
            return f;
        }
        return new EmulatorFault(413, "fault", f.getMessage()).withDetails(f.details());
    }

    // ---- COPY / MOVE ----

    private Publisher<Void> objectCopyMethod(Exchange ex, String user, String account, String container, String name,
            boolean move) {
        String dest = ex.header("Destination").map(Wire::unquote).orElse(null);
        if (dest == null) {
            throw EmulatorFault.badRequest("Missing Destination header");
        }
        String[] cd = splitSource(dest);
        String destAccount = ex.header("Destination-Account").map(Wire::unquote).orElse(user);
        String srcVersion = move ? null : ex.header("X-Source-Version").orElse(null);
        String ct = ex.hasQuery("ignore_content_type") ? null : ex.header("Content-Type").orElse(null);
        return copy(ex, user, account, container, name, srcVersion, destAccount, cd[0], cd[1], move, ct);
    }

    private static String[] splitSource(String path) {
        if (!path.startsWith("/")) {
            throw EmulatorFault.badRequest("Invalid source or destination path");
        }
        String p = path.substring(1);
        int slash = p.indexOf('/');
        if (slash <= 0 || slash == p.length() - 1) {
            throw EmulatorFault.badRequest("Invalid source or destination path");
        }
        return new String[] {p.substring(0, slash), p.substring(slash + 1)};
    }

    private Publisher<Void> copy(Exchange ex, String user, String srcAccount, String srcContainer, String srcName,
            String srcVersion, String dstAccount, String dstContainer, String dstName, boolean move, String ct) {
        WriteSpec spec = writeSpec(ex, ct, false);
        String delimiter = ex.query("delimiter").filter(d -> !d.isEmpty()).orElse(null);
        return store.write(() -> {
            synchronized (store) {
                Container dc = existingContainer(user, dstAccount, dstContainer);
                Container sc = store.container(srcAccount, srcContainer);
                if (sc == null) {
                    if (!user.equals(srcAccount)) {
                        throw EmulatorFault.forbidden("Not allowed");
                    }
                    throw EmulatorFault.notFound("Source container does not exist");
                }
                List<String[]> pairs = new ArrayList<>();
                Entry main = sc.entries.get(srcName);
                if (main != null && main.live() != null) {
                    pairs.add(new String[] {srcName, dstName});
                }
                if (delimiter != null) {
                    String pfx = srcName + delimiter;
                    for (Entry e : sc.entries.tailMap(pfx, true).values()) {
                        if (!e.name.startsWith(pfx)) {
                            break;
                        }
                        if (e.live() != null) {
                            pairs.add(new String[] {e.name, dstName + delimiter + e.name.substring(pfx.length())});
                        }
                    }
                }
                if (pairs.isEmpty() || (srcVersion != null && main == null)) {
                    if (!access.canRead(user, srcAccount, sc, srcName)) {
                        throw EmulatorFault.forbidden("Not allowed");
                    }
                    throw EmulatorFault.notFound("Source object does not exist");
                }
                Version first = null;
                for (String[] pair : pairs) {
                    Target src = readTarget(user, srcAccount, srcContainer, pair[0],
                            pair[0].equals(srcName) ? srcVersion : null);
                    if (move && !access.canWrite(user, srcAccount, sc, pair[0])) {
                        throw EmulatorFault.forbidden("Not allowed");
                    }
                    if (!access.canWrite(user, dstAccount, dc, pair[1])) {
                        throw EmulatorFault.forbidden("Not allowed");
                    }
                    if ((spec.sharing() != null || spec.isPublic() != null) && !user.equals(dstAccount)) {
                        throw EmulatorFault.forbidden("Not allowed");
                    }
                    Entry de = dc.entries.get(pair[1]);
                    Version old = de == null ? null : de.live();
                    if (pair[0].equals(srcName)) {
                        checkMatch(ex, old == null ? null : merkle(old), "PUT");
                    }
                    Version sv = src.version();
                    boolean same = srcAccount.equals(dstAccount) && srcContainer.equals(dstContainer)
                            && pair[0].equals(pair[1]);
                    String uuid = move ? sv.uuid() : Ids.uuid();
                    Version v = commitVersion(user, dstAccount, dc, pair[1], old, sv.hashes(), sv.bytes(),
                            spec, sv, uuid);
                    if (move && !same) {
                        deleteEntry(srcAccount, sc, sc.entries.get(pair[0]));
                    }
                    if (first == null) {
                        first = v;
                    }
                }
                return first;
            }
        }).flatMap(v -> {
            ex.header("X-Object-Version", Long.toString(v.id()));
            return Mono.from(ex.empty(201));
        });
    }

    // ---- POST ----

    private Publisher<Void> objectPost(Exchange ex, String user, String account, String container, String name) {
        String ct = ex.header("Content-Type").orElse(null);
        if (ct != null && ct.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw EmulatorFault.notImplemented("Form uploads are not supported by the emulator");
        }
        boolean update = ex.hasQuery("update");
        String srcObject = ex.header("X-Source-Object").map(Wire::unquote).orElse(null);
        WriteSpec spec = writeSpec(ex, null, false);
        Version current;
        Container c;
        synchronized (store) {
            c = existingContainer(user, account, container);
            if (!access.canWrite(user, account, c, name)) {
                throw EmulatorFault.forbidden("Not allowed");
            }
            Entry e = c.entries.get(name);
            current = e == null ? null : e.live();
            if (current == null) {
                throw EmulatorFault.notFound("Object does not exist");
            }
            if (!user.equals(account) && (spec.sharing() != null || spec.isPublic() != null)) {
                throw EmulatorFault.forbidden("Not allowed");
            }
            if (ex.headers().contains("If-Match") || ex.headers().contains("If-None-Match")) {
                checkMatch(ex, merkle(current), "POST");
            }
        }
        if (!OCTET.equals(ct) && srcObject == null) {
            return store.write(() -> {
                synchronized (store) {
                    Entry e = c.entries.get(name);
                    Version live = e == null ? null : e.live();
                    if (live == null) {
                        throw EmulatorFault.notFound("Object does not exist");
                    }
                    List<ObjectNode> ops = new ArrayList<>();
                    ObjectNode perm = permOp(account, c, name, e, spec.sharing(), spec.isPublic(), false);
                    Version v = live;
                    boolean metaChange = !spec.meta().isEmpty() || spec.contentEncoding() != null
                            || spec.contentDisposition() != null || spec.manifest() != null;
                    if (metaChange || !update) {
                        Map<String, String> meta = merge(live.meta(), spec.meta(), update);
                        if (meta.size() > MAX_META) {
                            throw EmulatorFault.badRequest("Too many metadata items");
                        }
                        v = new Version(store.newVersionId(), live.uuid(), live.bytes(), live.hashes(),
                                live.contentType(),
                                emptyToNull(spec.contentEncoding() != null ? spec.contentEncoding() : live.contentEncoding()),
                                emptyToNull(spec.contentDisposition() != null ? spec.contentDisposition()
                                        : live.contentDisposition()),
                                emptyToNull(spec.manifest() != null ? spec.manifest() : live.manifest()),
                                meta, now(), user, false);
                        ops.add(PithosStore.versionOp(account, c.name, name, v, c.versioning.equals("none")));
                    }
                    if (perm != null) {
                        ops.add(perm);
                    }
                    store.commit(ops);
                    return v;
                }
            }).flatMap(v -> {
                ex.header("X-Object-Version", Long.toString(v.id()));
                return Mono.from(ex.empty(202));
            });
        }
        return dataUpdate(ex, user, account, c, name, current, srcObject, update, spec);
    }

    private Publisher<Void> dataUpdate(Exchange ex, String user, String account, Container c, String name,
            Version current, String srcObject, boolean update, WriteSpec spec) {
        String contentRange = ex.header("Content-Range").orElse(null);
        if (contentRange == null) {
            throw EmulatorFault.badRequest("Missing Content-Range header");
        }
        long[] range = Ranges.contentRange(contentRange);
        if (range == null) {
            throw EmulatorFault.rangeNotSatisfiable("Invalid Content-Range header");
        }
        long size = current.bytes();
        long offset = range[0];
        long length = range[1];
        long total = range[2];
        if (offset < 0) {
            offset = size;
        } else if (offset > size) {
            throw EmulatorFault.rangeNotSatisfiable("Supplied offset is beyond object limits");
        }
        Flux<ByteBuf> source;
        if (srcObject != null) {
            String[] cs = splitSource(srcObject);
            String srcAccount = ex.header("X-Source-Account").map(Wire::unquote).orElse(user);
            String srcVersion = ex.header("X-Source-Version").orElse(null);
            Version sv;
            synchronized (store) {
                sv = readTarget(user, srcAccount, cs[0], cs[1], srcVersion).version();
            }
            if (length < 0) {
                length = sv.bytes();
            } else if (length > sv.bytes()) {
                throw EmulatorFault.badRequest("Object length is smaller than range length");
            }
            source = data.read(sv.hashes(), sv.bytes(), 0, length);
        } else {
            long contentLength = -1;
            if (!chunked(ex)) {
                Long cl = Wire.parseLong(ex.header("Content-Length").orElse(null));
                if (cl == null) {
                    throw EmulatorFault.lengthRequired("Missing Content-Length header");
                }
                contentLength = cl;
            }
            if (length < 0) {
                length = contentLength;
            } else if (contentLength >= 0 && length != contentLength) {
                throw EmulatorFault.badRequest("Content length does not match range length");
            }
            source = ex.bodyStream();
        }
        if (total >= 0 && (total != size || offset >= size || (length > 0 && offset + length > size))) {
            throw EmulatorFault.rangeNotSatisfiable("Supplied range will change provided object limits");
        }
        Long destBytes = null;
        String xb = ex.header("X-Object-Bytes").orElse(null);
        if (xb != null) {
            destBytes = Wire.parseLong(xb);
            if (destBytes == null || destBytes < 0) {
                throw EmulatorFault.badRequest("Invalid X-Object-Bytes header");
            }
        }
        Long truncateTo = destBytes;
        long at = offset;
        return data.write(current.hashes(), size, at, source, null)
                .flatMap(w -> truncateTo != null && truncateTo < w.size() ? data.truncate(w.hashes(), truncateTo)
                        : Mono.just(w))
                .flatMap(w -> store.write(() -> {
                    synchronized (store) {
                        Entry e = c.entries.get(name);
                        Version live = e == null ? null : e.live();
                        if (live == null) {
                            throw EmulatorFault.notFound("Object does not exist");
                        }
                        Map<String, String> meta = merge(live.meta(), spec.meta(), update);
                        WriteSpec s2 = new WriteSpec(live.contentType(), spec.contentEncoding(),
                                spec.contentDisposition(), spec.manifest(), meta, spec.sharing(), spec.isPublic());
                        Version base = new Version(live.id(), live.uuid(), live.bytes(), live.hashes(),
                                live.contentType(), live.contentEncoding(), live.contentDisposition(), live.manifest(),
                                Map.of(), live.mtime(), live.modifiedBy(), false);
                        return commitVersion(user, account, c, name, live, w.hashes(), w.size(), s2, base, live.uuid());
                    }
                }))
                .flatMap(v -> {
                    ex.header("ETag", merkle(v)).header("X-Object-Version", Long.toString(v.id()));
                    return Mono.from(ex.empty(204));
                });
    }

    // ---- DELETE ----

    private Publisher<Void> objectDelete(Exchange ex, String user, String account, String container, String name) {
        Long until = until(ex);
        String delimiter = ex.query("delimiter").filter(d -> !d.isEmpty()).orElse(null);
        return store.write(() -> {
            synchronized (store) {
                Container c = existingContainer(user, account, container);
                if (!access.canWrite(user, account, c, name)) {
                    throw EmulatorFault.forbidden("Not allowed");
                }
                Entry e = c.entries.get(name);
                if (until != null) {
                    if (e == null) {
                        return 0;
                    }
                    long u = until * 1_000_000L;
                    List<Long> ids = new ArrayList<>();
                    e.versions.forEach(v -> {
                        if (v.mtime() <= u) {
                            ids.add(v.id());
                        }
                    });
                    Version live = e.live();
                    if (live != null && ids.contains(live.id())) {
                        chargeQuota(account, c, -live.bytes());
                    }
                    if (!ids.isEmpty()) {
                        List<ObjectNode> ops = new ArrayList<>();
                        ops.add(PithosStore.dropOp(account, container, name, ids));
                        store.commit(ops);
                    }
                    return 0;
                }
                boolean any = false;
                if (e != null && e.live() != null) {
                    deleteEntry(account, c, e);
                    any = true;
                }
                if (delimiter != null) {
                    String pfx = name + delimiter;
                    for (Entry child : new ArrayList<>(c.entries.tailMap(pfx, true).values())) {
                        if (!child.name.startsWith(pfx)) {
                            break;
                        }
                        if (child.live() != null && access.canWrite(user, account, c, child.name)) {
                            deleteEntry(account, c, child);
                            any = true;
                        }
                    }
                }
                if (!any) {
                    throw EmulatorFault.notFound("Object does not exist");
                }
                return 0;
            }
        }).then(Mono.defer(() -> Mono.from(ex.empty(204))));
    }

    /** Deletes an object: a delete marker, its quota released, its permissions and public URL dropped. */
    private void deleteEntry(String account, Container c, Entry e) {
        Version live = e.live();
        if (live == null) {
            return;
        }
        chargeQuota(account, c, -live.bytes());
        Version marker = new Version(store.newVersionId(), live.uuid(), 0, List.of(), live.contentType(), null, null,
                null, Map.of(), now(), live.modifiedBy(), true);
        List<ObjectNode> ops = new ArrayList<>();
        if (e.sharing != null || e.publicToken != null) {
            ops.add(PithosStore.permOp(account, c.name, e.name, null, null));
        }
        ops.add(PithosStore.versionOp(account, c.name, e.name, marker, c.versioning.equals("none")));
        store.commit(ops);
    }

    // =====================================================================================
    // helpers

    private final MerkleCache merkles = new MerkleCache();

    String merkle(Version v) {
        return merkles.root(v.hashes(), v.bytes(),
                () -> hashing.merkle(v.hashes().size() == 1 && v.bytes() == 0 ? List.of() : v.hashes()));
    }

    String publicUrl(String token) {
        return context.state().publicBaseUrl() + publicPrefix + "/" + token;
    }

    private String newPublicToken() {
        // ThreadLocalRandom, not SecureRandom: this runs on event-loop threads, and an emulator's tokens
        // need to be unique and unguessable enough for tests, not cryptographically strong
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            StringBuilder sb = new StringBuilder(16);
            for (int i = 0; i < 16; i++) {
                sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
            }
            String token = sb.toString();
            if (store.byPublicToken(token) == null) {
                return token;
            }
        }
    }


    private static String boundary() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return Hashing.hex(b);
    }

    static String basename(String name) {
        String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        return n.substring(n.lastIndexOf('/') + 1);
    }

    private synchronized long now() {
        Instant i = context.state().clock().instant();
        long t = i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
        if (t <= lastMicros) {
            t = lastMicros + 1;
        }
        lastMicros = t;
        return t;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static boolean chunked(Exchange ex) {
        return ex.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
    }

    private static Long until(Exchange ex) {
        return ex.query("until").map(Wire::parseLong).orElse(null);
    }

    private static int limit(Exchange ex) {
        Long l = ex.query("limit").map(Wire::parseLong).orElse(null);
        if (l == null || l <= 0 || l > LIST_LIMIT) {
            return LIST_LIMIT;
        }
        return l.intValue();
    }

    /** Merges metadata: with {@code update} the old is kept and empty values delete; else replaced. */
    private static Map<String, String> merge(Map<String, String> old, Map<String, String> given, boolean update) {
        Map<String, String> out = new TreeMap<>();
        if (update) {
            out.putAll(old);
        }
        given.forEach((k, v) -> {
            if (v.isEmpty()) {
                out.remove(k);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    /** User metadata headers with the given (lower-case) prefix, normalised; values may be empty. */
    private static Map<String, String> metaHeaders(Exchange ex, String lowerPrefix) {
        Map<String, String> out = new LinkedHashMap<>();
        int count = 0;
        for (Map.Entry<String, String> h : ex.headers()) {
            String name = Wire.unquote(h.getKey());
            if (!name.toLowerCase(Locale.ROOT).startsWith(lowerPrefix)) {
                continue;
            }
            count++;
            String value = Wire.unquote(h.getValue()).trim();
            if (name.length() > 128) {
                throw EmulatorFault.badRequest("Header name too large.");
            }
            if (value.length() > 256) {
                throw EmulatorFault.badRequest("Header value too large.");
            }
            String key = Wire.capitalize(name.substring(lowerPrefix.length()));
            if (!key.isEmpty()) {
                out.put(key, value);
            }
        }
        if (count > 90) {
            throw EmulatorFault.badRequest("Too many headers.");
        }
        return out;
    }

    private static Sharing sharingHeader(Exchange ex) {
        String raw = ex.header("X-Object-Sharing").orElse(null);
        if (raw == null) {
            return null;
        }
        String value = Wire.unquote(raw).replace(" ", "");
        if (value.isEmpty()) {
            return new Sharing(List.of(), List.of());
        }
        Set<String> read = new LinkedHashSet<>();
        Set<String> write = new LinkedHashSet<>();
        for (String part : value.split(";")) {
            if (part.isEmpty()) {
                continue;
            }
            Set<String> target;
            String list;
            String lower = part.toLowerCase(Locale.ROOT);
            if (lower.startsWith("read=")) {
                target = read;
                list = part.substring(5);
            } else if (lower.startsWith("write=")) {
                target = write;
                list = part.substring(6);
            } else {
                throw EmulatorFault.badRequest("Bad X-Object-Sharing header value");
            }
            int before = target.size();
            for (String item : list.split(",")) {
                if (item.isEmpty()) {
                    continue;
                }
                if (item.length() > 256) {
                    throw EmulatorFault.badRequest("Bad X-Object-Sharing header value");
                }
                target.add(item.toLowerCase(Locale.ROOT));
            }
            if (target.size() == before && list.replace(",", "").isEmpty()) {
                throw EmulatorFault.badRequest("Bad X-Object-Sharing header value");
            }
        }
        read.removeAll(write);
        return new Sharing(new ArrayList<>(read), new ArrayList<>(write));
    }

    private static Boolean publicHeader(Exchange ex) {
        String raw = ex.header("X-Object-Public").orElse(null);
        if (raw == null) {
            return null;
        }
        String v = raw.replace(" ", "").toLowerCase(Locale.ROOT);
        if (v.equals("true")) {
            return true;
        }
        if (v.equals("false") || v.isEmpty()) {
            return false;
        }
        throw EmulatorFault.badRequest("Invalid X-Object-Public header");
    }

    /** Sets a response header, URL-quoted as Synnefo quotes X-Account/Container/Object-* and Content-* values. */
    static void putHeader(Exchange ex, String name, String value) {
        if (value == null) {
            return;
        }
        ex.header(Wire.quote(name, "/"), Wire.quoteValue(value));
    }

    /** Marker/limit over rows already in name order. */
    private static List<ObjectNode> page(List<ObjectNode> rows, Exchange ex,
            java.util.function.Function<ObjectNode, String> name) {
        String marker = ex.query("marker").orElse(null);
        int limit = limit(ex);
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode r : rows) {
            if (marker != null && name.apply(r).compareTo(marker) <= 0) {
                continue;
            }
            out.add(r);
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    /** A listing in the requested format: text by default (204 when empty), JSON {@code 200 []} otherwise. */
    private static Publisher<Void> listing(Exchange ex, List<ObjectNode> rows,
            java.util.function.Function<ObjectNode, String> name) {
        if (!wantsJson(ex)) {
            if (rows.isEmpty()) {
                return ex.empty(204);
            }
            StringBuilder sb = new StringBuilder();
            rows.forEach(r -> sb.append(name.apply(r)).append('\n'));
            return ex.text(200, sb.toString());
        }
        ArrayNode arr = Json.array();
        rows.forEach(arr::add);
        return ex.json(200, arr);
    }

    private static boolean wantsJson(Exchange ex) {
        String format = ex.query("format").orElse(null);
        if (format != null) {
            return format.equals("json") || format.equals("xml");
        }
        String path = ex.rawPath();
        if (path.endsWith(".json") || path.endsWith(".xml")) {
            return true;
        }
        String accept = ex.header("Accept").orElse("");
        return accept.contains("application/json") || accept.contains("application/xml");
    }
}
