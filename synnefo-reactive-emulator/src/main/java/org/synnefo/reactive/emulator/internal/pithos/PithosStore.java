package org.synnefo.reactive.emulator.internal.pithos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.synnefo.reactive.emulator.internal.Json;
import org.synnefo.reactive.emulator.internal.ObjectLookup;
import org.synnefo.reactive.emulator.internal.pithos.Model.Account;
import org.synnefo.reactive.emulator.internal.pithos.Model.Container;
import org.synnefo.reactive.emulator.internal.pithos.Model.Entry;
import org.synnefo.reactive.emulator.internal.pithos.Model.Sharing;
import org.synnefo.reactive.emulator.internal.pithos.Model.Version;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Pithos metadata: accounts, containers, object histories, permissions and public tokens. Every change
 * is expressed as a list of primitive operations that are applied to memory and (with a data
 * directory) appended to the {@link Journal} as one line, so replaying the journal rebuilds exactly the
 * same state. All access is under this object's monitor; the held work is short (no block IO).
 */
final class PithosStore implements ObjectLookup {

    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, String[]> publicTokens = new HashMap<>();
    private final Journal journal;
    private long nextVersion = 1;

    PithosStore(Path dir) {
        if (dir == null) {
            journal = null;
            return;
        }
        journal = new Journal(dir.resolve("journal.jsonl"));
        journal.replay(commit -> commit.path("ops").forEach(this::apply));
        journal.rewrite(snapshot());
    }

    boolean persistent() {
        return journal != null;
    }

    /**
     * Runs a mutation: inline in memory; with a journal on a bounded-elastic thread, since the commit
     * forces the journal to disk.
     */
    <T> Mono<T> write(Callable<T> work) {
        Mono<T> m = Mono.fromCallable(work);
        return journal == null ? m : m.subscribeOn(Schedulers.boundedElastic());
    }

    // ---- reads (callers hold the monitor or call these synchronized helpers) ----

    synchronized Account account(String uuid) {
        return accounts.computeIfAbsent(uuid, Account::new);
    }

    synchronized Optional<Account> existingAccount(String uuid) {
        return Optional.ofNullable(accounts.get(uuid));
    }

    synchronized List<Account> accounts() {
        return new ArrayList<>(accounts.values());
    }

    synchronized Container container(String account, String name) {
        Account a = accounts.get(account);
        return a == null ? null : a.containers.get(name);
    }

    synchronized Entry entry(String account, String container, String name) {
        Container c = container(account, container);
        return c == null ? null : c.entries.get(name);
    }

    /** (account, container, name) of a published object. */
    synchronized String[] byPublicToken(String token) {
        return publicTokens.get(token);
    }

    synchronized long newVersionId() {
        return nextVersion++;
    }

    @Override
    public synchronized Optional<StoredObject> find(String account, String container, String name) {
        Entry e = entry(account, container, name);
        Version v = e == null ? null : e.live();
        if (v == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredObject(account, container, name, v.bytes(), hashOf(v), v.contentType(),
                v.meta()));
    }

    /** The Merkle hash of a version; set by the API layer (the store does not know the hash algorithm). */
    private java.util.function.Function<Version, String> merkle = v -> "";

    void merkle(java.util.function.Function<Version, String> fn) {
        this.merkle = fn;
    }

    String hashOf(Version v) {
        return merkle.apply(v);
    }

    // ---- commits ----

    /** Applies the operations and journals them as one commit. Caller holds the monitor. */
    void commit(List<ObjectNode> ops) {
        for (ObjectNode op : ops) {
            apply(op);
        }
        if (journal != null && !ops.isEmpty()) {
            ObjectNode line = Json.object();
            ArrayNode arr = line.putArray("ops");
            ops.forEach(arr::add);
            journal.append(line);
        }
    }

    void close() {
        if (journal != null) {
            synchronized (this) {
                journal.close();
            }
        }
    }

    // ---- operation builders ----

    static ObjectNode accountOp(Account a, Map<String, String> meta, Map<String, List<String>> groups, long mtime) {
        ObjectNode op = Json.object().put("t", "acct").put("a", a.uuid).put("mtime", mtime);
        op.set("meta", Json.MAPPER.valueToTree(meta));
        op.set("groups", Json.MAPPER.valueToTree(groups));
        return op;
    }

    static ObjectNode containerOp(String account, String name, Map<String, String> meta, long quota,
            String versioning, String project, long ctime, long mtime) {
        ObjectNode op = Json.object().put("t", "cont").put("a", account).put("c", name)
                .put("quota", quota).put("versioning", versioning).put("project", project)
                .put("ctime", ctime).put("mtime", mtime);
        op.set("meta", Json.MAPPER.valueToTree(meta));
        return op;
    }

    static ObjectNode containerDeleteOp(String account, String name) {
        return Json.object().put("t", "cdel").put("a", account).put("c", name);
    }

    static ObjectNode versionOp(String account, String container, String name, Version v, boolean trim) {
        ObjectNode op = Json.object().put("t", "ver").put("a", account).put("c", container).put("n", name)
                .put("trim", trim);
        op.set("v", Json.MAPPER.valueToTree(v));
        return op;
    }

    static ObjectNode permOp(String account, String container, String name, Sharing sharing, String token) {
        ObjectNode op = Json.object().put("t", "perm").put("a", account).put("c", container).put("n", name);
        if (sharing != null && !sharing.isEmpty()) {
            op.set("read", Json.MAPPER.valueToTree(sharing.read()));
            op.set("write", Json.MAPPER.valueToTree(sharing.write()));
        }
        if (token != null) {
            op.put("public", token);
        }
        return op;
    }

    static ObjectNode dropOp(String account, String container, String name, List<Long> ids) {
        ObjectNode op = Json.object().put("t", "drop").put("a", account).put("c", container).put("n", name);
        op.set("ids", Json.MAPPER.valueToTree(ids));
        return op;
    }

    // ---- the primitive operations (live and replay) ----

    private synchronized void apply(JsonNode op) {
        String t = op.path("t").asText();
        Account a = accounts.computeIfAbsent(op.path("a").asText(), Account::new);
        switch (t) {
            case "acct" -> {
                a.meta = new TreeMap<>(strings(op.path("meta")));
                Map<String, List<String>> groups = new TreeMap<>();
                op.path("groups").fields().forEachRemaining(f -> groups.put(f.getKey(), stringList(f.getValue())));
                a.groups = groups;
                a.mtime = Math.max(a.mtime, op.path("mtime").asLong());
            }
            case "cont" -> {
                Container c = a.containers.computeIfAbsent(op.path("c").asText(), Container::new);
                c.meta = new TreeMap<>(strings(op.path("meta")));
                c.quota = op.path("quota").asLong();
                c.versioning = op.path("versioning").asText("auto");
                c.project = op.path("project").asText(a.uuid);
                c.ctime = op.path("ctime").asLong();
                c.mtime = Math.max(c.mtime, op.path("mtime").asLong());
                a.mtime = Math.max(a.mtime, c.mtime);
            }
            case "cdel" -> {
                Container c = a.containers.remove(op.path("c").asText());
                if (c != null) {
                    c.entries.values().forEach(e -> forgetPublic(e));
                }
            }
            case "ver" -> {
                Container c = a.containers.get(op.path("c").asText());
                if (c == null) {
                    return;
                }
                Version v = readVersion(op.path("v"));
                Entry e = c.entries.computeIfAbsent(op.path("n").asText(), Entry::new);
                Version before = e.live();
                if (op.path("trim").asBoolean()) {
                    e.versions.clear();
                }
                e.versions.add(v);
                account(c, before, e.live());
                if (e.versions.size() == 1 && v.deleted()) {
                    e.versions.clear();
                }
                if (e.versions.isEmpty()) {
                    removeEntry(c, e);
                }
                c.mtime = Math.max(c.mtime, v.mtime());
                a.mtime = Math.max(a.mtime, v.mtime());
                nextVersion = Math.max(nextVersion, v.id() + 1);
            }
            case "perm" -> {
                Container c = a.containers.get(op.path("c").asText());
                Entry e = c == null ? null : c.entries.get(op.path("n").asText());
                if (e == null) {
                    return;
                }
                forgetPublic(e);
                List<String> read = stringList(op.path("read"));
                List<String> write = stringList(op.path("write"));
                e.sharing = read.isEmpty() && write.isEmpty() ? null : new Sharing(read, write);
                e.publicToken = op.hasNonNull("public") ? op.path("public").asText() : null;
                if (e.publicToken != null) {
                    publicTokens.put(e.publicToken, new String[] {a.uuid, c.name, e.name});
                }
            }
            case "drop" -> {
                Container c = a.containers.get(op.path("c").asText());
                Entry e = c == null ? null : c.entries.get(op.path("n").asText());
                if (e == null) {
                    return;
                }
                Set<Long> ids = new java.util.HashSet<>();
                op.path("ids").forEach(n -> ids.add(n.asLong()));
                Version before = e.live();
                e.versions.removeIf(v -> ids.contains(v.id()));
                account(c, before, e.live());
                if (e.versions.isEmpty() || (e.versions.size() == 1 && e.versions.get(0).deleted())) {
                    removeEntry(c, e);
                }
            }
            default -> throw new IllegalStateException("unknown journal operation " + t);
        }
    }

    private static void account(Container c, Version before, Version after) {
        c.bytes += (after == null ? 0 : after.bytes()) - (before == null ? 0 : before.bytes());
        c.count += (after == null ? 0 : 1) - (before == null ? 0 : 1);
    }

    private void removeEntry(Container c, Entry e) {
        c.entries.remove(e.name);
        forgetPublic(e);
    }

    private void forgetPublic(Entry e) {
        if (e.publicToken != null) {
            publicTokens.remove(e.publicToken);
        }
    }

    private List<JsonNode> snapshot() {
        List<JsonNode> lines = new ArrayList<>();
        for (Account a : accounts.values()) {
            List<ObjectNode> ops = new ArrayList<>();
            ops.add(accountOp(a, a.meta, a.groups, a.mtime));
            for (Container c : a.containers.values()) {
                ops.add(containerOp(a.uuid, c.name, c.meta, c.quota, c.versioning, c.project, c.ctime, c.mtime));
                for (Entry e : c.entries.values()) {
                    for (Version v : e.versions) {
                        ops.add(versionOp(a.uuid, c.name, e.name, v, false));
                    }
                    if (e.sharing != null || e.publicToken != null) {
                        ops.add(permOp(a.uuid, c.name, e.name, e.sharing, e.publicToken));
                    }
                }
            }
            ObjectNode line = Json.object();
            ArrayNode arr = line.putArray("ops");
            ops.forEach(arr::add);
            lines.add(line);
        }
        return lines;
    }

    private static Version readVersion(JsonNode v) {
        return new Version(v.path("id").asLong(), v.path("uuid").asText(), v.path("bytes").asLong(),
                stringList(v.path("hashes")), text(v, "contentType"), text(v, "contentEncoding"),
                text(v, "contentDisposition"), text(v, "manifest"), strings(v.path("meta")),
                v.path("mtime").asLong(), text(v, "modifiedBy"), v.path("deleted").asBoolean());
    }

    private static String text(JsonNode n, String field) {
        JsonNode f = n.get(field);
        return f == null || f.isNull() ? null : f.asText();
    }

    private static Map<String, String> strings(JsonNode obj) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            out.put(f.getKey(), f.getValue().asText());
        }
        return out;
    }

    private static List<String> stringList(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }
}
