package org.synnefo.reactive.pithos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.EndpointResolver;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.TokenProvider;
import org.synnefo.reactive.core.http.SynnefoHttpClient;
import org.synnefo.reactive.core.http.SynnefoRequest;
import org.synnefo.reactive.core.http.SynnefoRequest.Method;
import org.synnefo.reactive.core.http.SynnefoResponse;
import org.synnefo.reactive.core.paging.Paging;
import org.synnefo.reactive.pithos.internal.BlockHasher;
import org.synnefo.reactive.pithos.internal.BlockParams;
import org.synnefo.reactive.pithos.internal.DirectoryTransfers;
import org.synnefo.reactive.pithos.internal.DownloadEngine;
import org.synnefo.reactive.pithos.internal.Parse;
import org.synnefo.reactive.pithos.internal.ProgressTracker;
import org.synnefo.reactive.pithos.internal.SwiftDownloadEngine;
import org.synnefo.reactive.pithos.internal.SwiftUploadEngine;
import org.synnefo.reactive.pithos.internal.Target;
import org.synnefo.reactive.pithos.internal.TransferMetrics;
import org.synnefo.reactive.pithos.internal.UploadEngine;
import org.synnefo.reactive.pithos.transfer.DirectoryTransferResult;
import org.synnefo.reactive.pithos.transfer.DownloadOptions;
import org.synnefo.reactive.pithos.transfer.DownloadResult;
import org.synnefo.reactive.pithos.transfer.TransferEvent;
import org.synnefo.reactive.pithos.transfer.TransferProgress;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import org.synnefo.reactive.pithos.transfer.UploadResult;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The Pithos+ object storage client (synnefo-api.md §6): accounts, containers, objects, and a transfer
 * engine with dedup-first uploads and verified, resumable downloads in bounded memory.
 *
 * <p>Immutable and thread-safe. A client is bound to an account (the user's uuid) and optionally a
 * container; {@link #withAccount(String)} and {@link #withContainer(String)} derive clients that share
 * the connection pool and the container block-size cache:
 *
 * <pre>{@code
 * PithosClient pithos = PithosClient.builder()
 *         .endpoint("https://example.org/pithos/object-store/v1")
 *         .token(token)
 *         .account(userUuid)
 *         .build();
 * PithosClient images = pithos.withContainer("images");
 * images.uploadObject("debian.img", Path.of("debian.img"), UploadOptions.defaults());
 * }</pre>
 *
 * <p>The same client talks to a plain OpenStack Swift (Pithos+ is a superset of its API): build it with
 * {@link Builder#swiftAuth(String, String, String)} (tempauth; the account is the storage URL's last
 * segment). Each container's {@code HEAD} tells which server it is (no {@code X-Container-Block-Hash}
 * means Swift, see {@link #isSwiftContainer(String)}); on Swift, {@code uploadObject}/{@code downloadObject}
 * use MD5-verified PUTs, static large objects and ranged GETs ({@link SwiftOptions}), {@code moveObject} is a
 * copy then a delete, metadata updates are merged client-side, and Pithos-only calls (hashmaps, sharing,
 * publishing, versions, partial updates) fail with {@link UnsupportedFeatureException} instead of being
 * silently ignored by Swift.
 *
 * <p>Account-level methods use the client's account; container methods take the container name;
 * object methods use the client's container (fail with {@link IllegalStateException} when none is set).
 * Every method is lazy: nothing is sent until the returned publisher is subscribed, and cancelling it
 * stops the traffic and returns the connections to the pool.
 */
public final class PithosClient {

    /** The catalog type of the object-store service. */
    public static final String SERVICE_TYPE = "object-store";
    /** The content type of directory marker objects. */
    public static final String DIRECTORY_CONTENT_TYPE = "application/directory";

    private final Shared shared;
    private final String account;
    private final String container;

    /** What derived clients share: the HTTP client, the block size cache, the meters. */
    private static final class Shared {
        final SynnefoHttpClient http;
        final TransferMetrics metrics;
        final Map<String, BlockParams> blockParams = new ConcurrentHashMap<>();
        /** The container HEADs under way, so that concurrent first calls share one. */
        final Map<String, Mono<BlockParams>> blockParamsInFlight = new ConcurrentHashMap<>();
        /** Per account and container: true when its HEAD lacks Pithos block hashing (a plain Swift). */
        final Map<String, Boolean> swiftContainers = new ConcurrentHashMap<>();
        final Clock clock;
        final SwiftOptions swift;
        final boolean forceSwift;
        /** The account when not given: from the Swift storage URL (resolved on first use), or null. */
        final Mono<String> defaultAccount;

        Shared(SynnefoHttpClient http, Clock clock, SwiftOptions swift, boolean forceSwift,
                Mono<String> defaultAccount) {
            this.http = http;
            this.metrics = new TransferMetrics(http.options().meterRegistry());
            this.clock = clock;
            this.swift = swift;
            this.forceSwift = forceSwift;
            this.defaultAccount = defaultAccount;
        }
    }

    private PithosClient(Shared shared, String account, String container) {
        this.shared = shared;
        this.account = account;
        this.container = container;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param uuid an account (user uuid)
     * @return a client on that account, sharing this one's pool, without a container
     */
    public PithosClient withAccount(String uuid) {
        return new PithosClient(shared, Objects.requireNonNull(uuid, "uuid"), null);
    }

    /**
     * @param name a container
     * @return a client on that container of this account, sharing this one's pool
     */
    public PithosClient withContainer(String name) {
        return new PithosClient(shared, account, Objects.requireNonNull(name, "name"));
    }

    /**
     * @return the account (user uuid; for a Swift client built with
     *         {@link Builder#swiftAuth(String, String, String)} and no explicit account, null: its account is
     *         the storage URL's last segment, known after the first authentication)
     */
    public String account() {
        return account;
    }

    /** @return the container, or null when not set */
    public String container() {
        return container;
    }

    /** @return the underlying HTTP client (for calls this API does not cover) */
    public SynnefoHttpClient httpClient() {
        return shared.http;
    }

    @Override
    public String toString() {
        return "PithosClient[account=" + account + ", container=" + container + "]";
    }

    // ------------------------------------------------------------------------------------------ plumbing

    private Mono<Target> accountTarget() {
        if (account == null && shared.defaultAccount != null) {
            return shared.defaultAccount.map(a -> new Target(shared.http, a, container));
        }
        return account == null
                ? Mono.error(new IllegalStateException("no account set: build with account(uuid) or use withAccount"))
                : Mono.just(new Target(shared.http, account, container));
    }

    // ------------------------------------------------------------------------------------------ Swift detection

    /**
     * Whether a container is served by a plain OpenStack Swift rather than Pithos+: its {@code HEAD} (made
     * once and cached with the block parameters) lacks {@code X-Container-Block-Hash} and
     * {@code X-Container-Block-Size}; or the client was built {@link Builder#swiftCompatible(boolean)}.
     *
     * @param name the container
     * @return true on Swift
     */
    public Mono<Boolean> isSwiftContainer(String name) {
        return accountTarget().flatMap(t -> isSwift(t, name));
    }

    private Mono<Boolean> isSwift(Target t, String name) {
        if (shared.forceSwift) {
            return Mono.just(true);
        }
        String key = t.account() + "\n" + name;
        Boolean known = shared.swiftContainers.get(key);
        if (known != null) {
            return Mono.just(known);
        }
        return blockParams(t, name).map(bp -> Boolean.TRUE.equals(shared.swiftContainers.get(key)));
    }

    /** {@code pithos} on Pithos+; an {@link UnsupportedFeatureException} on Swift, before sending anything. */
    private <R> Mono<R> pithosOnly(String feature, String what, Function<Target, Mono<R>> pithos) {
        return containerTarget().flatMap(t -> isSwift(t, t.container()).flatMap(swift -> swift
                ? Mono.error(new UnsupportedFeatureException(feature, what))
                : pithos.apply(t)));
    }

    /** {@code pithos} on Pithos+, {@code swift} on Swift. */
    private <R> Mono<R> either(Function<Target, Mono<R>> pithos, Function<Target, Mono<R>> swift) {
        return containerTarget().flatMap(t -> isSwift(t, t.container())
                .flatMap(sw -> sw ? swift.apply(t) : pithos.apply(t)));
    }

    private Mono<Target> containerTarget() {
        return accountTarget().flatMap(t -> container == null
                ? Mono.error(new IllegalStateException("no container set: use withContainer(name)"))
                : Mono.just(t));
    }

    private Mono<SynnefoResponse> exchange(Mono<Target> target, Function<Target, SynnefoRequest> req) {
        return target.flatMap(t -> shared.http.exchange(req.apply(t)));
    }

    private Mono<Void> send(Mono<Target> target, Function<Target, SynnefoRequest> req) {
        return target.flatMap(t -> shared.http.send(req.apply(t)));
    }

    private static Long epoch(Instant t) {
        return t == null ? null : t.getEpochSecond();
    }

    // ------------------------------------------------------------------------------------------ account

    /**
     * {@code HEAD <account>}.
     *
     * @return the account's counts, quota, metadata and groups
     */
    public Mono<AccountInfo> getAccountInfo() {
        return getAccountInfo(null);
    }

    /**
     * {@code HEAD <account>?until=}: the account as of a past time.
     *
     * @param until the time, or null for now
     * @return the info
     */
    public Mono<AccountInfo> getAccountInfo(Instant until) {
        return exchange(accountTarget(), t -> t.account(Method.HEAD).query("until", epoch(until))
                .operation("getAccountInfo")).map(r -> AccountInfo.from(r.headers()));
    }

    /** @return the account's user metadata (keys lower-cased) */
    public Mono<Map<String, String>> getAccountMetadata() {
        return getAccountInfo().map(AccountInfo::metadata);
    }

    /**
     * Adds or changes account metadata, keeping the rest ({@code POST <account>?update}).
     *
     * @param metadata the entries
     * @return completion
     */
    public Mono<Void> setAccountMetadata(Map<String, String> metadata) {
        return send(accountTarget(), t -> Target.metadata(t.account(Method.POST).query("update"), "X-Account-Meta-",
                metadata).operation("setAccountMetadata"));
    }

    /**
     * Replaces all account metadata ({@code POST <account>} without {@code update}).
     *
     * @param metadata the new metadata
     * @return completion
     */
    public Mono<Void> replaceAccountMetadata(Map<String, String> metadata) {
        return send(accountTarget(), t -> Target.metadata(t.account(Method.POST), "X-Account-Meta-", metadata)
                .operation("replaceAccountMetadata"));
    }

    /**
     * Deletes one account metadata key (an empty value with {@code update}).
     *
     * @param key the key
     * @return completion
     */
    public Mono<Void> deleteAccountMetadata(String key) {
        return setAccountMetadata(Map.of(key, ""));
    }

    /** @return the account's groups: name to members */
    public Mono<Map<String, List<String>>> getAccountGroups() {
        return getAccountInfo().map(AccountInfo::groups);
    }

    /**
     * Creates or replaces a group ({@code X-Account-Group-<name>}). Names may not contain {@code -} or
     * {@code _}.
     *
     * @param name the group name
     * @param members user uuids
     * @return completion
     */
    public Mono<Void> setAccountGroup(String name, List<String> members) {
        return send(accountTarget(), t -> t.account(Method.POST).query("update")
                .quotedHeader("X-Account-Group-", name, String.join(",", members)).operation("setAccountGroup"));
    }

    /**
     * @param name the group to delete
     * @return completion
     */
    public Mono<Void> deleteAccountGroup(String name) {
        return send(accountTarget(), t -> t.account(Method.POST).query("update")
                .quotedHeader("X-Account-Group-", name, "").operation("deleteAccountGroup"));
    }

    /** @return the account's total quota in bytes ({@code X-Account-Policy-Quota}), empty when not reported */
    public Mono<Long> getAccountQuota() {
        return getAccountInfo().flatMap(i -> Mono.justOrEmpty(i.quota()));
    }

    /** @return every container of the account, paged lazily */
    public Flux<ContainerEntry> listContainers() {
        return listContainers(ListContainersOptions.defaults());
    }

    /**
     * {@code GET <account>?format=json}, paged lazily by marker.
     *
     * @param options filters
     * @return the containers
     */
    public Flux<ContainerEntry> listContainers(ListContainersOptions options) {
        return accountTarget().flatMapMany(t -> Paging.byMarker(options.pageSize(),
                page -> shared.http.exchange(t.account(Method.GET).query("format", "json")
                        .query("limit", page.limit()).query("marker", page.marker())
                        .query("shared", options.shared() ? "" : null)
                        .query("public", options.publicOnly() ? "" : null)
                        .query("until", epoch(options.until()))
                        .operation("listContainers"))
                        .map(r -> list(r, ContainerEntry::from)),
                ContainerEntry::name));
    }

    /**
     * The accounts that share objects with the caller ({@code GET /v1/?format=json}), paged lazily.
     *
     * @return the accounts
     */
    public Flux<SharingAccount> listSharingAccounts() {
        return Paging.byMarker(ListContainersOptions.DEFAULT_PAGE_SIZE,
                page -> shared.http.exchange(SynnefoRequest.get("").query("format", "json")
                        .query("limit", page.limit()).query("marker", page.marker())
                        .operation("listSharingAccounts"))
                        .map(r -> list(r, SharingAccount::from)),
                SharingAccount::name);
    }

    private static <T> List<T> list(SynnefoResponse r, Function<JsonNode, T> f) {
        if (r.status() == 204 || r.body().length == 0) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (JsonNode n : r.json()) {
            out.add(f.apply(n));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ containers

    /**
     * Creates a container with the server's default policies.
     *
     * @param name the container
     * @return true if created (201), false if it already existed (202)
     */
    public Mono<Boolean> createContainer(String name) {
        return createContainer(name, ContainerOptions.defaults());
    }

    /**
     * {@code PUT <container>} with policies and metadata. On an existing container the server applies the
     * given policies and metadata (as an update) and answers 202.
     *
     * @param name the container
     * @param options quota, versioning, project, metadata
     * @return true if created (201), false if it already existed (202)
     */
    public Mono<Boolean> createContainer(String name, ContainerOptions options) {
        return exchange(accountTarget(), t -> containerHeaders(t.container(Method.PUT, name), options)
                .expect(201, 202).operation("createContainer")).map(r -> r.status() == 201);
    }

    private static SynnefoRequest containerHeaders(SynnefoRequest r, ContainerOptions o) {
        SynnefoRequest out = r.header("X-Container-Policy-Quota", o.quota())
                .header("X-Container-Policy-Versioning", o.versioning() == null ? null : o.versioning().value())
                .header("X-Container-Policy-Project", o.project());
        return Target.metadata(out, "X-Container-Meta-", o.metadata());
    }

    /**
     * {@code HEAD <container>}.
     *
     * @param name the container
     * @return counts, block size and hash, policies, metadata
     */
    public Mono<ContainerInfo> getContainerInfo(String name) {
        return getContainerInfo(name, null);
    }

    /**
     * {@code HEAD <container>?until=}.
     *
     * @param name the container
     * @param until a past time, or null
     * @return the info
     */
    public Mono<ContainerInfo> getContainerInfo(String name, Instant until) {
        return accountTarget().flatMap(t -> shared.http.exchange(t.container(Method.HEAD, name)
                .query("until", epoch(until)).operation("getContainerInfo")).map(r -> {
                    ContainerInfo info = ContainerInfo.from(r.headers());
                    if (until == null) {
                        // the same HEAD that a transfer's first call needs: remembered, it is not sent twice
                        rememberBlockParams(t.account() + "\n" + name, info);
                    }
                    return info;
                }));
    }

    /**
     * Updates policies and metadata, keeping the rest ({@code POST <container>?update}).
     *
     * @param name the container
     * @param options what to change (null fields untouched)
     * @return completion
     */
    public Mono<Void> updateContainer(String name, ContainerOptions options) {
        return send(accountTarget(), t -> containerHeaders(t.container(Method.POST, name).query("update")
                .query("format", "json"), options).operation("updateContainer"));
    }

    /**
     * @param name the container
     * @param metadata entries to add or change
     * @return completion
     */
    public Mono<Void> setContainerMetadata(String name, Map<String, String> metadata) {
        return updateContainer(name, ContainerOptions.defaults().withMetadata(metadata));
    }

    /**
     * @param name the container
     * @param key the metadata key to delete
     * @return completion
     */
    public Mono<Void> deleteContainerMetadata(String name, String key) {
        return setContainerMetadata(name, Map.of(key, ""));
    }

    /**
     * @param name the container
     * @param bytes the quota in bytes (0 = unlimited)
     * @return completion
     */
    public Mono<Void> setContainerQuota(String name, long bytes) {
        return updateContainer(name, ContainerOptions.defaults().withQuota(bytes));
    }

    /**
     * @param name the container
     * @param policy the versioning policy
     * @return completion
     */
    public Mono<Void> setContainerVersioning(String name, VersioningPolicy policy) {
        return updateContainer(name, ContainerOptions.defaults().withVersioning(policy));
    }

    /**
     * Charges the container to another project ({@code X-Container-Policy-Project}); its usage moves with it.
     *
     * @param name the container
     * @param projectUuid the project
     * @return completion
     */
    public Mono<Void> reassignContainer(String name, String projectUuid) {
        return updateContainer(name, ContainerOptions.defaults().withProject(projectUuid));
    }

    /**
     * Deletes an empty container; a non-empty one fails with a {@code ConflictException} (409).
     *
     * @param name the container
     * @return completion
     */
    public Mono<Void> deleteContainer(String name) {
        return send(accountTarget(), t -> t.container(Method.DELETE, name).operation("deleteContainer"));
    }

    /**
     * Deletes every object of a container, keeping the container ({@code DELETE ?delimiter=/}).
     *
     * @param name the container
     * @return completion
     */
    public Mono<Void> emptyContainer(String name) {
        // On Swift, DELETE ?delimiter=/ would delete the container itself when empty: list and delete instead
        // (the segments of static large objects stay in their own container, as Swift's DELETE leaves them).
        return accountTarget().flatMap(t -> isSwift(t, name).flatMap(swift -> swift
                ? deleteAll(withContainer(name), null)
                : shared.http.send(t.container(Method.DELETE, name).query("delimiter", "/")
                        .operation("emptyContainer"))));
    }

    /** Lists (under {@code prefix}, or all) and deletes, 8 at a time; objects already gone are fine. */
    private static Mono<Void> deleteAll(PithosClient c, String prefix) {
        return c.listObjects(ListObjectsOptions.defaults().withPrefix(prefix))
                .flatMap(e -> c.deleteObject(e.name()).onErrorResume(NotFoundException.class, x -> Mono.empty()), 8)
                .then();
    }

    /**
     * Deletes a container and everything in it: its objects, then the container, then (with
     * {@code purge}) its history.
     *
     * @param name the container
     * @param purge also purge the history (old versions) before deleting
     * @return completion
     */
    public Mono<Void> deleteContainerRecursive(String name, boolean purge) {
        // Swift keeps no history, so there is nothing to purge there
        Mono<Void> p = !purge ? Mono.empty() : accountTarget().flatMap(t -> isSwift(t, name))
                .flatMap(swift -> swift ? Mono.<Void>empty() : purgeContainer(name));
        return emptyContainer(name).then(p).then(deleteContainer(name));
    }

    /**
     * Purges a container's history up to now ({@code DELETE ?until=<now>}): old versions and deleted
     * objects' data are destroyed.
     *
     * @param name the container
     * @return completion
     */
    public Mono<Void> purgeContainer(String name) {
        Mono<Target> guarded = accountTarget().flatMap(t -> isSwift(t, name).flatMap(swift -> swift
                ? Mono.error(new UnsupportedFeatureException("versions", "purge of " + name))
                : Mono.just(t)));
        return send(guarded, t -> t.container(Method.DELETE, name)
                .query("until", shared.clock.instant().getEpochSecond() + 1).operation("purgeContainer"));
    }

    /**
     * Uploads raw blocks to this container ({@code POST <container>?update}), as the hashmap protocol does
     * for missing blocks. Several full blocks may be concatenated; the server splits them at its block size.
     *
     * @param data the bytes
     * @return the hex hashes of the blocks stored
     */
    public Mono<List<String>> uploadBlocks(byte[] data) {
        ByteBuffer copy = ByteBuffer.wrap(data.clone());
        return pithosOnly("hashmap", "block upload", t -> shared.http.exchange(t.postBlock(copy)))
                .map(r -> {
                    List<String> out = new ArrayList<>();
                    r.json().forEach(n -> out.add(n.asText()));
                    return out;
                });
    }

    /**
     * The container's block size and hash ({@code HEAD}, cached per account and container).
     *
     * @param name the container
     * @return the block size and hasher
     */
    Mono<BlockParams> blockParams(Target t, String name) {
        String key = t.account() + "\n" + name;
        BlockParams cached = shared.blockParams.get(key);
        if (cached != null) {
            return Mono.just(cached);
        }
        // looked up when subscribed, so that a Mono assembled early never replays an old failure
        return Mono.defer(() -> {
            BlockParams known = shared.blockParams.get(key);
            return known != null ? Mono.just(known) : sharedHead(t, name, key);
        });
    }

    private Mono<BlockParams> sharedHead(Target t, String name, String key) {
        // A directory transfer starts its first N files at once: without sharing, each would send its own HEAD
        // of the same container. The shared HEAD runs to its end even if its first caller cancels (cache());
        // a failure is not kept: the entry goes when the HEAD ends, so a later call asks again.
        return shared.blockParamsInFlight.computeIfAbsent(key, k -> {
            AtomicReference<Mono<BlockParams>> self = new AtomicReference<>();
            Mono<BlockParams> head = shared.http.exchange(t.container(Method.HEAD, name).operation("getContainerInfo"))
                    .map(r -> rememberBlockParams(k, ContainerInfo.from(r.headers())))
                    .doFinally(s -> shared.blockParamsInFlight.remove(k, self.get()))
                    .cache();
            self.set(head);
            return head;
        });
    }

    /** Records what a container HEAD says about block hashing (absent: a plain Swift) under {@code key}. */
    private BlockParams rememberBlockParams(String key, ContainerInfo info) {
        shared.swiftContainers.put(key, info.blockSize() == null && info.blockHash() == null);
        int bs = info.blockSize() != null ? info.blockSize() : 4 * 1024 * 1024;
        String alg = info.blockHash() != null ? info.blockHash() : "sha256";
        BlockParams p = new BlockParams(bs, new BlockHasher(alg));
        shared.blockParams.put(key, p);
        return p;
    }

    // ------------------------------------------------------------------------------------------ listing

    /** @return every object of this container, paged lazily */
    public Flux<ObjectEntry> listObjects() {
        return listObjects(ListObjectsOptions.defaults());
    }

    /**
     * {@code GET <container>?format=json} with filters, paged lazily by marker ({@code take(n)} costs
     * only the pages needed).
     *
     * @param options prefix, delimiter, path, marker, meta filters, shared, public, until, page size
     * @return the objects (and virtual directories when a delimiter is given)
     */
    public Flux<ObjectEntry> listObjects(ListObjectsOptions options) {
        return containerTarget().flatMapMany(t -> Paging.byMarker(options.pageSize(),
                page -> {
                    SynnefoRequest r = t.container(Method.GET).query("format", "json")
                            .query("limit", page.limit())
                            .query("marker", page.marker() != null ? page.marker() : options.marker());
                    if (options.path() != null) {
                        r = r.query("path", options.path());
                    } else {
                        r = r.query("prefix", options.prefix()).query("delimiter", options.delimiter());
                    }
                    r = r.query("meta", options.meta().isEmpty() ? null : String.join(",", options.meta()))
                            .query("shared", options.shared() ? "" : null)
                            .query("public", options.publicOnly() ? "" : null)
                            .query("until", epoch(options.until()))
                            .operation("listObjects");
                    return shared.http.exchange(r).map(resp -> list(resp, ObjectEntry::from));
                },
                ObjectEntry::name)
                // with a delimiter, a page may start with the virtual directory the previous one ended with
                .distinctUntilChanged(ObjectEntry::name));
    }

    // ------------------------------------------------------------------------------------------ objects

    /**
     * {@code HEAD <object>}.
     *
     * @param name the object
     * @return its headers as info
     */
    public Mono<ObjectInfo> getObjectInfo(String name) {
        return getObjectInfo(name, ReadOptions.defaults());
    }

    /**
     * {@code HEAD <object>} of a version and/or with conditions. A matching {@code If-None-Match} or an
     * unmet {@code If-Modified-Since} (304) gives an empty Mono; an unmet {@code If-Match} fails with a
     * {@code PreconditionFailedException}.
     *
     * @param name the object
     * @param options version and conditions
     * @return the info, or empty when not modified
     */
    public Mono<ObjectInfo> getObjectInfo(String name, ReadOptions options) {
        return exchange(versionGuard(name, options.version()), t -> Target.conditions(t.object(Method.HEAD, name)
                .query("version", options.version()), options.conditions())
                .expect(200, 204, 304).operation("getObjectInfo"))
                .filter(r -> r.status() != 304)
                .map(r -> ObjectInfo.from(r.headers()));
    }

    /** The container target, refusing a version on Swift (which would ignore {@code ?version=}). */
    private Mono<Target> versionGuard(String name, Long version) {
        return version == null ? containerTarget()
                : pithosOnly("versions", "version " + version + " of " + name, Mono::just);
    }

    /**
     * @param name the object
     * @return its user metadata (keys lower-cased)
     */
    public Mono<Map<String, String>> getObjectMetadata(String name) {
        return getObjectInfo(name).map(ObjectInfo::metadata);
    }

    /**
     * Reads a whole object into memory (small objects; use {@link #downloadObject} for large ones).
     *
     * @param name the object
     * @return the bytes
     */
    public Mono<byte[]> getObjectBytes(String name) {
        return getObject(name, ReadOptions.defaults()).map(ObjectContent::data);
    }

    /**
     * @param name the object
     * @return its content decoded as UTF-8
     */
    public Mono<String> getObjectString(String name) {
        return getObjectBytes(name).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /**
     * {@code GET <object>} with a version, a range and conditions, into memory. A 304 gives an empty Mono.
     *
     * @param name the object
     * @param options version, {@code Range}, conditions
     * @return the content
     */
    public Mono<ObjectContent> getObject(String name, ReadOptions options) {
        return exchange(versionGuard(name, options.version()), t -> Target.conditions(t.object(Method.GET, name)
                .query("version", options.version()).header("Range", options.range()), options.conditions())
                .expect(200, 206, 304).operation("getObject"))
                .filter(r -> r.status() != 304)
                .map(r -> new ObjectContent(ObjectInfo.from(r.headers()), r.status(),
                        r.headers().firstOrNull("Content-Range"), r.body()));
    }

    /**
     * {@code GET <object>?hashmap&format=json}: the block hashes. A 304 gives an empty Mono.
     *
     * @param name the object
     * @param options version and conditions
     * @return the hashmap with the response headers
     */
    public Mono<ObjectHashmap> getObjectHashmap(String name, ReadOptions options) {
        return pithosOnly("hashmap", "hashmap of " + name, t -> getHashmap(t, name, options));
    }

    private Mono<ObjectHashmap> getHashmap(Target target, String name, ReadOptions options) {
        return exchange(Mono.just(target), t -> Target.conditions(t.object(Method.GET, name).query("hashmap")
                .query("format", "json").query("version", options.version()), options.conditions())
                .expect(200, 304).operation("getObjectHashmap"))
                .filter(r -> r.status() != 304)
                .map(r -> {
                    JsonNode n = r.json();
                    List<String> hashes = new ArrayList<>();
                    n.path("hashes").forEach(h -> hashes.add(h.asText()));
                    return new ObjectHashmap(n.path("block_hash").asText("sha256"),
                            n.path("block_size").asInt(), n.path("bytes").asLong(), hashes, r.headers());
                });
    }

    /**
     * @param name the object
     * @return its hashmap
     */
    public Mono<ObjectHashmap> getObjectHashmap(String name) {
        return getObjectHashmap(name, ReadOptions.defaults());
    }

    /**
     * A plain {@code PUT <object>} with the data in the body (small objects; the server checks nothing
     * but the length; use {@link #uploadObject} for dedup and verification).
     *
     * @param name the object
     * @param data the content
     * @param options headers
     * @return the write result
     */
    public Mono<ObjectWriteResult> putObject(String name, byte[] data, WriteOptions options) {
        byte[] copy = data.clone();
        return exchange(containerTarget(), t -> Target.write(t.object(Method.PUT, name), options)
                .body(copy, options.effectiveContentType()).expect(201).operation("putObject"))
                .map(r -> ObjectWriteResult.from(r.status(), r.headers()));
    }

    /**
     * A plain streamed {@code PUT <object>}. The publisher must be replayable if the request is retried.
     *
     * @param name the object
     * @param data the content
     * @param length its exact length
     * @param options headers
     * @return the write result
     */
    public Mono<ObjectWriteResult> putObject(String name, Publisher<ByteBuffer> data, long length,
            WriteOptions options) {
        return exchange(containerTarget(), t -> Target.write(t.object(Method.PUT, name), options)
                .body(data, length, options.effectiveContentType()).expect(201).operation("putObject"))
                .map(r -> ObjectWriteResult.from(r.status(), r.headers()));
    }

    /**
     * Creates a directory marker object ({@code application/directory}, empty).
     *
     * @param name the directory's name
     * @return the write result
     */
    public Mono<ObjectWriteResult> createDirectory(String name) {
        return putObject(name, new byte[0], WriteOptions.defaults().withContentType(DIRECTORY_CONTENT_TYPE));
    }

    /**
     * Creates an object from a hashmap without sending data ({@code PUT ?hashmap}). Fails with
     * {@link MissingBlocksException} when the server lacks some blocks.
     *
     * @param name the object
     * @param hashmap the size and block hashes (e.g. another object's)
     * @param options headers
     * @return the write result
     */
    public Mono<ObjectWriteResult> createObjectFromHashmap(String name, ObjectHashmap hashmap,
            WriteOptions options) {
        return pithosOnly("hashmap", "object " + name + " from a hashmap",
                t -> t.sendHashmap(name, hashmap.bytes(), hashmap.hashes(), options));
    }

    /**
     * Creates a manifest object whose content is the concatenation of the objects under
     * {@code container/prefix} ({@code X-Object-Manifest}).
     *
     * @param name the object
     * @param manifest {@code <container>/<prefix>}
     * @param options headers
     * @return the write result
     */
    public Mono<ObjectWriteResult> createManifest(String name, String manifest, WriteOptions options) {
        return exchange(containerTarget(), t -> Target.write(t.object(Method.PUT, name), options)
                .quotedHeader("X-Object-Manifest", "", manifest)
                .body(new byte[0], options.effectiveContentType()).expect(201).operation("createManifest"))
                .map(r -> ObjectWriteResult.from(r.status(), r.headers()));
    }

    /**
     * {@code COPY <object>} to another name, container or account. The copy gets a new UUID.
     *
     * @param name the source object in this container
     * @param options destination and headers
     * @return the write result
     */
    public Mono<ObjectWriteResult> copyObject(String name, CopyOptions options) {
        return copyOrMove(Method.COPY, name, options);
    }

    /**
     * {@code MOVE <object>} to another name, container or account. The object keeps its UUID.
     *
     * @param name the source object in this container
     * @param options destination and headers
     * @return the write result
     */
    public Mono<ObjectWriteResult> moveObject(String name, CopyOptions options) {
        return copyOrMove(Method.MOVE, name, options);
    }

    private Mono<ObjectWriteResult> copyOrMove(Method m, String name, CopyOptions o) {
        return either(t -> copyOrMove(t, m, name, o), t -> {
            if (o.recursive()) {
                return Mono.error(new UnsupportedFeatureException("recursive-copy", "recursive "
                        + (m == Method.COPY ? "copy" : "move") + " of " + name));
            }
            if (o.sourceVersion() != null) {
                return Mono.error(new UnsupportedFeatureException("versions", "copy of version " + o.sourceVersion()
                        + " of " + name));
            }
            SwiftUploadEngine.checkWrite(o.write(), (m == Method.COPY ? "copy" : "move") + " of " + name);
            if (m == Method.COPY) {
                return copyOrMove(t, Method.COPY, name, o);
            }
            // Swift has no MOVE (405): a server-side copy, then the source's delete. Not atomic, and the
            // object gets a new identity; moving onto itself would delete it, so that is refused.
            String dc = o.destinationContainer() != null ? o.destinationContainer() : t.container();
            String dn = o.destinationName() != null ? o.destinationName() : name;
            if (o.destinationAccount() == null && dc.equals(t.container()) && dn.equals(name)) {
                return Mono.error(new IllegalArgumentException("move of " + name + " onto itself"));
            }
            return copyOrMove(t, Method.COPY, name, o)
                    .flatMap(r -> shared.http.send(t.object(Method.DELETE, name).operation("deleteObject"))
                            .thenReturn(r));
        });
    }

    private Mono<ObjectWriteResult> copyOrMove(Target target, Method m, String name, CopyOptions o) {
        return exchange(Mono.just(target), t -> {
            String dc = o.destinationContainer() != null ? o.destinationContainer() : t.container();
            String dn = o.destinationName() != null ? o.destinationName() : name;
            WriteOptions w = o.write();
            SynnefoRequest r = Target.write(t.object(m, name), w)
                    .quotedHeader("Destination", "", "/" + dc + "/" + dn)
                    .header("Destination-Account", o.destinationAccount())
                    .header("Content-Type", w.contentType())
                    .query("format", "json")
                    .query("delimiter", o.recursive() ? "/" : null)
                    .query("ignore_content_type", o.ignoreContentType() ? "" : null)
                    .expect(201)
                    .operation(m == Method.COPY ? "copyObject" : "moveObject");
            if (m == Method.COPY) {
                r = r.header("X-Source-Version", o.sourceVersion());
            }
            return r;
        }).map(r -> ObjectWriteResult.from(r.status(), r.headers()));
    }

    /**
     * {@code DELETE <object>}.
     *
     * @param name the object
     * @return completion
     */
    public Mono<Void> deleteObject(String name) {
        return send(containerTarget(), t -> t.object(Method.DELETE, name).operation("deleteObject"));
    }

    /**
     * Deletes the object and everything under {@code name/} ({@code ?delimiter=/}).
     *
     * @param name the object or directory
     * @return completion
     */
    public Mono<Void> deleteObjectRecursive(String name) {
        // Swift ignores ?delimiter=/ and would delete the object alone: list and delete what is under it
        return either(t -> shared.http.send(t.object(Method.DELETE, name).query("delimiter", "/")
                        .operation("deleteObject")),
                t -> deleteAll(this, name.endsWith("/") ? name : name + "/")
                        .then(deleteObject(name).onErrorResume(NotFoundException.class, e -> Mono.empty())));
    }

    private Mono<ObjectWriteResult> postObject(String name, boolean update, String operation,
            Function<SynnefoRequest, SynnefoRequest> headers) {
        return exchange(containerTarget(), t -> {
            SynnefoRequest r = t.object(Method.POST, name).query("format", "json");
            if (update) {
                r = r.query("update");
            }
            return headers.apply(r).operation(operation);
        }).map(r -> ObjectWriteResult.from(r.status(), r.headers()));
    }

    /**
     * Adds or changes metadata, keeping the rest ({@code POST ?update}; creates a new version).
     *
     * @param name the object
     * @param metadata the entries
     * @return the write result
     */
    public Mono<ObjectWriteResult> setObjectMetadata(String name, Map<String, String> metadata) {
        return either(t -> postObject(name, true, "setObjectMetadata",
                r -> Target.metadata(r, "X-Object-Meta-", metadata)),
                t -> swiftMergePost(t, name, WriteOptions.defaults().withMetadata(metadata), "setObjectMetadata"));
    }

    /**
     * Swift's object POST replaces all metadata (there is no {@code ?update}): read it, merge (an empty
     * value deletes a key), and POST the whole set, keeping Content-Encoding and Content-Disposition.
     * Not atomic: a concurrent metadata change between the HEAD and the POST is lost.
     */
    private Mono<ObjectWriteResult> swiftMergePost(Target t, String name, WriteOptions w, String operation) {
        SwiftUploadEngine.checkWrite(w, operation + " of " + name);
        return getObjectInfo(name).flatMap(info -> {
            Map<String, String> merged = new LinkedHashMap<>(info.metadata());
            w.metadata().forEach((k, v) -> {
                if (v == null || v.isEmpty()) {
                    merged.remove(k.toLowerCase(java.util.Locale.ROOT));
                } else {
                    merged.put(k.toLowerCase(java.util.Locale.ROOT), v);
                }
            });
            String enc = w.contentEncoding() != null ? w.contentEncoding() : info.contentEncoding();
            String disp = w.contentDisposition() != null ? w.contentDisposition() : info.contentDisposition();
            SynnefoRequest r = Target.conditions(Target.metadata(t.object(Method.POST, name), "X-Object-Meta-",
                    merged), w.conditions()).header("Content-Encoding", enc).header("Content-Disposition", disp)
                    .operation(operation);
            return shared.http.exchange(r).map(resp -> ObjectWriteResult.from(resp.status(), resp.headers()));
        });
    }

    /**
     * Replaces all user metadata ({@code POST} without {@code update}).
     *
     * @param name the object
     * @param metadata the new metadata
     * @return the write result
     */
    public Mono<ObjectWriteResult> replaceObjectMetadata(String name, Map<String, String> metadata) {
        return postObject(name, false, "replaceObjectMetadata",
                r -> Target.metadata(r, "X-Object-Meta-", metadata));
    }

    /**
     * @param name the object
     * @param key the metadata key to delete
     * @return the write result
     */
    public Mono<ObjectWriteResult> deleteObjectMetadata(String name, String key) {
        return setObjectMetadata(name, Map.of(key, ""));
    }

    /**
     * Updates the headers of an object (content type aside): encoding, disposition, sharing, public,
     * metadata (merged), with {@code If-Match}.
     *
     * @param name the object
     * @param options the headers
     * @return the write result
     */
    public Mono<ObjectWriteResult> updateObject(String name, WriteOptions options) {
        return either(t -> postObject(name, true, "updateObject", r -> Target.write(r, options)),
                t -> swiftMergePost(t, name, options, "updateObject"));
    }

    /**
     * @param name the object
     * @return its sharing
     */
    public Mono<Sharing> getObjectSharing(String name) {
        return getObjectInfo(name).map(ObjectInfo::sharing);
    }

    /**
     * Sets who may read and write the object; {@link Sharing#none()} removes all sharing.
     *
     * @param name the object
     * @param sharing the sharing
     * @return the write result
     */
    public Mono<ObjectWriteResult> setObjectSharing(String name, Sharing sharing) {
        return pithosOnly("sharing", "sharing of " + name, t -> postObject(name, true, "setObjectSharing",
                r -> r.header("X-Object-Sharing", sharing.toHeader())));
    }

    /**
     * @param name the object
     * @return the write result
     */
    public Mono<ObjectWriteResult> deleteObjectSharing(String name) {
        return setObjectSharing(name, Sharing.none());
    }

    /**
     * Publishes the object and returns its public URL.
     *
     * @param name the object
     * @return the public URL (works without a token)
     */
    public Mono<String> publishObject(String name) {
        return pithosOnly("public", "publishing of " + name, t -> postObject(name, true, "publishObject",
                r -> r.header("X-Object-Public", "true")))
                .then(getObjectInfo(name))
                .flatMap(i -> i.publicUrl() == null
                        ? Mono.error(new IllegalStateException("the server did not report a public URL for " + name))
                        : Mono.just(i.publicUrl()));
    }

    /**
     * @param name the object
     * @return the write result
     */
    public Mono<ObjectWriteResult> unpublishObject(String name) {
        return pithosOnly("public", "unpublishing of " + name, t -> postObject(name, true, "unpublishObject",
                r -> r.header("X-Object-Public", "false")));
    }

    /**
     * {@code GET <object>?version=list}.
     *
     * @param name the object
     * @return its versions, oldest first
     */
    public Flux<ObjectVersion> listObjectVersions(String name) {
        return exchange(pithosOnly("versions", "versions of " + name, Mono::just), t -> t.object(Method.GET, name).query("version", "list")
                .query("format", "json").operation("listObjectVersions"))
                .flatMapIterable(r -> {
                    List<ObjectVersion> out = new ArrayList<>();
                    for (JsonNode v : r.json().path("versions")) {
                        out.add(new ObjectVersion(v.path(0).asLong(), Parse.epochSeconds(v.path(1).asText())));
                    }
                    return out;
                });
    }

    /**
     * Appends data to the object ({@code Content-Range: bytes *}{@code /*}).
     *
     * @param name the object
     * @param data the bytes to append
     * @return the write result (new ETag)
     */
    public Mono<ObjectWriteResult> appendObject(String name, byte[] data) {
        byte[] copy = data.clone();
        return pithosOnly("partial-update", "append to " + name, t -> postObject(name, true, "appendObject",
                r -> r.header("Content-Range", "bytes */*").body(copy, "application/octet-stream")));
    }

    /**
     * Appends a file, one block-sized POST after another (in order, never in parallel: appends do not
     * commute).
     *
     * @param name the object
     * @param file the data
     * @return the last write result
     */
    public Mono<ObjectWriteResult> appendObject(String name, Path file) {
        return pithosOnly("partial-update", "append to " + name, t -> blockParams(t, t.container())).flatMap(bp -> {
            int bs = bp.blockSize();
            return Mono.fromCallable(() -> Files.size(file)).subscribeOn(Schedulers.boundedElastic())
                    .flatMapMany(size -> Flux.range(0, BlockHasher.blockCount(size, bs)))
                    .concatMap(i -> Mono.fromCallable(() -> readRange(file, (long) i * bs, bs))
                            .subscribeOn(Schedulers.boundedElastic())
                            .flatMap(b -> appendObject(name, b)), 1)
                    .last();
        });
    }

    private static byte[] readRange(Path file, long off, int max) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            long size = ch.size();
            int len = (int) Math.min(max, size - off);
            ByteBuffer bb = ByteBuffer.allocate(len);
            while (bb.hasRemaining() && ch.read(bb, off + bb.position()) >= 0) {
                // positional reads until full
            }
            return bb.array();
        }
    }

    /**
     * Overwrites bytes {@code offset .. offset + data.length - 1} ({@code Content-Range: bytes a-b/*});
     * writing past the end extends the object.
     *
     * @param name the object
     * @param offset where to start (at most the current size)
     * @param data the new bytes
     * @return the write result (new ETag)
     */
    public Mono<ObjectWriteResult> overwriteObject(String name, long offset, byte[] data) {
        if (data.length == 0) {
            return Mono.error(new IllegalArgumentException("nothing to write"));
        }
        byte[] copy = data.clone();
        return pithosOnly("partial-update", "overwrite of part of " + name, t -> postObject(name, true,
                "overwriteObject", r -> r.header("Content-Range", "bytes " + offset + "-" + (offset + copy.length - 1) + "/*")
                        .body(copy, "application/octet-stream")));
    }

    /**
     * Truncates the object to {@code bytes} ({@code X-Object-Bytes}, data taken from the object itself).
     *
     * @param name the object
     * @param bytes the new size
     * @return the write result (new ETag)
     */
    public Mono<ObjectWriteResult> truncateObject(String name, long bytes) {
        return pithosOnly("partial-update", "truncation of " + name, Mono::just).flatMap(t -> postObject(name, true, "truncateObject",
                r -> r.header("Content-Range", "bytes 0-/*")
                        .quotedHeader("X-Source-Object", "", "/" + t.container() + "/" + name)
                        .header("X-Object-Bytes", bytes)
                        .body(new byte[0], "application/octet-stream")));
    }

    /**
     * Makes an old version the current content again (a new version with the old data).
     *
     * @param name the object
     * @param version the version to restore
     * @return the write result
     */
    public Mono<ObjectWriteResult> restoreObjectVersion(String name, long version) {
        return pithosOnly("versions", "restore of " + name, Mono::just).flatMap(t -> getObjectInfo(name, ReadOptions.defaults().withVersion(version))
                .flatMap(old -> postObject(name, true, "restoreObjectVersion",
                        r -> r.header("Content-Range", "bytes 0-/*")
                                .quotedHeader("X-Source-Object", "", "/" + t.container() + "/" + name)
                                .header("X-Source-Version", version)
                                .header("X-Object-Bytes", old.contentLength())
                                .body(new byte[0], "application/octet-stream"))));
    }

    // ------------------------------------------------------------------------------------------ transfers

    /**
     * Uploads a file by the hashmap protocol: blocks hashed locally in parallel, one hashmap PUT, only the
     * blocks the server lacks sent (each distinct block once), the result's hash checked against the local
     * Merkle root. A file the server already has (in any object of any account) costs one PUT.
     *
     * @param name the object
     * @param file the file
     * @param options headers, concurrency
     * @return the result
     */
    public Mono<UploadResult> uploadObject(String name, Path file, UploadOptions options) {
        return uploadFile(name, file, options, ProgressTracker.silent());
    }

    /**
     * {@link #uploadObject(String, Path, UploadOptions)} with progress: a cold Flux of
     * {@link TransferEvent.Progress} snapshots (one per hashed or finished block) ending with one
     * {@link TransferEvent.Completed} holding the result. Cancelling it cancels the upload.
     *
     * @param name the object
     * @param file the file
     * @param options headers, concurrency
     * @return progress events, then the result
     */
    public Flux<TransferEvent<UploadResult>> uploadObjectWithProgress(String name, Path file,
            UploadOptions options) {
        return withProgress(p -> uploadFile(name, file, options, new ProgressTracker(p)));
    }

    private Mono<UploadResult> uploadFile(String name, Path file, UploadOptions options, ProgressTracker progress) {
        return either(t -> blockParams(t, t.container())
                        .flatMap(bp -> new UploadEngine(t, bp, shared.metrics).uploadFile(name, file, options, progress)),
                t -> new SwiftUploadEngine(t, shared.swift, shared.metrics).uploadFile(name, file, options, progress));
    }

    /**
     * Uploads a stream of unknown length (e.g. a WebFlux request body), re-cut into blocks that are hashed
     * and sent as they arrive, with backpressure on the source; the hashmap is PUT at the end. Memory stays
     * at most {@code concurrency + 1} blocks whatever the length. Each distinct block is sent once, but
     * blocks the server already has are sent too: finding out which are missing needs the whole hashmap,
     * hence the whole stream, which cannot be buffered nor read twice. The source is subscribed once.
     *
     * @param name the object
     * @param data the bytes
     * @param options headers, concurrency
     * @return the result
     */
    public Mono<UploadResult> uploadObject(String name, Publisher<ByteBuffer> data, UploadOptions options) {
        return uploadStream(name, data, options, ProgressTracker.silent());
    }

    /**
     * {@link #uploadObject(String, Publisher, UploadOptions)} with progress events, then the result.
     *
     * @param name the object
     * @param data the bytes
     * @param options headers, concurrency
     * @return progress events, then the result
     */
    public Flux<TransferEvent<UploadResult>> uploadObjectWithProgress(String name, Publisher<ByteBuffer> data,
            UploadOptions options) {
        return withProgress(p -> uploadStream(name, data, options, new ProgressTracker(p)));
    }

    private Mono<UploadResult> uploadStream(String name, Publisher<ByteBuffer> data, UploadOptions options,
            ProgressTracker progress) {
        return either(t -> blockParams(t, t.container())
                        .flatMap(bp -> new UploadEngine(t, bp, shared.metrics).uploadStream(name, data, options, progress)),
                t -> new SwiftUploadEngine(t, shared.swift, shared.metrics).uploadStream(name, data, options,
                        progress));
    }

    /**
     * Uploads bytes by the hashmap protocol (dedup and verification as for files).
     *
     * @param name the object
     * @param data the content
     * @param options headers, concurrency
     * @return the result
     */
    public Mono<UploadResult> uploadObject(String name, byte[] data, UploadOptions options) {
        byte[] copy = data.clone();
        return uploadObject(name, Mono.fromSupplier(() -> ByteBuffer.wrap(copy)), options);
    }

    /**
     * Uploads a string as UTF-8.
     *
     * @param name the object
     * @param text the content
     * @param options headers (e.g. {@code text/plain}), concurrency
     * @return the result
     */
    public Mono<UploadResult> uploadObject(String name, String text, UploadOptions options) {
        return uploadObject(name, text.getBytes(StandardCharsets.UTF_8), options);
    }

    /**
     * Downloads an object to a file: hashmap GET (with the options' version and conditions), then each
     * unique block not already right in the file is fetched once by a ranged GET pinned to the object
     * ({@code If-Match} its ETag, or the version), verified against its hash and written at every position
     * it occurs; the file is truncated to the object's size. An existing file is resumed (its matching
     * blocks kept); a cancelled or failed download leaves a file the next call resumes. If the object
     * changes meanwhile, the download fails with a {@code PreconditionFailedException} rather than mixing
     * versions.
     *
     * @param name the object
     * @param file the target file (created if needed)
     * @param options version, conditions, concurrency, resume
     * @return the result ({@link DownloadResult#notModified()} when a condition said so)
     */
    public Mono<DownloadResult> downloadObject(String name, Path file, DownloadOptions options) {
        return downloadFile(name, file, options, ProgressTracker.silent());
    }

    /**
     * {@link #downloadObject(String, Path, DownloadOptions)} with progress events, then the result.
     *
     * @param name the object
     * @param file the target file
     * @param options version, conditions, concurrency, resume
     * @return progress events, then the result
     */
    public Flux<TransferEvent<DownloadResult>> downloadObjectWithProgress(String name, Path file,
            DownloadOptions options) {
        return withProgress(p -> downloadFile(name, file, options, new ProgressTracker(p)));
    }

    private Mono<DownloadResult> downloadFile(String name, Path file, DownloadOptions options,
            ProgressTracker progress) {
        return either(t -> getObjectHashmap(name, hashmapRead(options))
                        .flatMap(hm -> new DownloadEngine(t, shared.metrics).downloadFile(name, hm, file, options,
                                progress))
                        .switchIfEmpty(Mono.fromSupplier(() -> new DownloadResult(name, file, -1, null,
                                options.version(), 0, 0, 0, 0, true))),
                t -> new SwiftDownloadEngine(t, shared.swift, shared.metrics).downloadFile(name, file, options,
                        progress));
    }

    private static ReadOptions hashmapRead(DownloadOptions o) {
        return ReadOptions.defaults().withVersion(o.version()).withConditions(o.conditions());
    }

    /**
     * The object as an ordered stream of verified blocks (e.g. for a WebFlux response body), fetching at
     * most {@code concurrency} blocks ahead of the subscriber. Empty when a condition said not modified.
     *
     * @param name the object
     * @param options version, conditions, concurrency
     * @return the content, block by block; each buffer belongs to the subscriber
     */
    public Flux<ByteBuffer> downloadObject(String name, DownloadOptions options) {
        return containerTarget().flatMap(t -> isSwift(t, t.container()).map(sw -> Map.entry(t, sw)))
                .flatMapMany(e -> e.getValue()
                        ? new SwiftDownloadEngine(e.getKey(), shared.swift, shared.metrics).stream(name, options,
                                ProgressTracker.silent())
                        : getObjectHashmap(name, hashmapRead(options)).flatMapMany(hm -> new DownloadEngine(
                                e.getKey(), shared.metrics).stream(name, hm, options, ProgressTracker.silent())));
    }

    /**
     * Uploads a local directory tree under {@code prefix}: a directory marker object for each
     * subdirectory, and each regular file by {@link #uploadObject(String, Path, UploadOptions)}, at most
     * {@link UploadOptions#fileConcurrency()} files at once. Symbolic links are not followed. A file's
     * failure is recorded in the result and does not stop the others.
     *
     * @param directory the local directory
     * @param prefix the object name prefix (e.g. {@code backups/2024}; empty for the container root)
     * @param options per-file options and file concurrency
     * @return what was transferred
     */
    public Mono<DirectoryTransferResult> uploadDirectory(Path directory, String prefix, UploadOptions options) {
        return DirectoryTransfers.upload(directory, prefix, options, this::createDirectory,
                (n, f) -> uploadObject(n, f, options));
    }

    /**
     * Downloads every object under {@code prefix} into a local directory, at most
     * {@link DownloadOptions#fileConcurrency()} files at once: directory markers become directories;
     * names that would escape the target ({@code ..}, absolute, empty or {@code .} segments) are refused
     * and listed in the result.
     *
     * @param prefix the object name prefix (empty for the whole container)
     * @param directory the local target directory (created if needed)
     * @param options per-file options and file concurrency
     * @return what was transferred
     */
    public Mono<DirectoryTransferResult> downloadDirectory(String prefix, Path directory, DownloadOptions options) {
        return DirectoryTransfers.download(listObjects(ListObjectsOptions.defaults()
                .withPrefix(prefix == null || prefix.isEmpty() ? null : prefix)), prefix, directory, options,
                (n, f) -> downloadObject(n, f, options));
    }

    private static <R> Flux<TransferEvent<R>> withProgress(Function<Consumer<TransferProgress>, Mono<R>> run) {
        return Flux.create(sink -> {
            Disposable d = run.apply(p -> sink.next(new TransferEvent.Progress<>(p))).subscribe(r -> {
                sink.next(new TransferEvent.Completed<>(r));
                sink.complete();
            }, sink::error, sink::complete);
            sink.onDispose(d);
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    // ------------------------------------------------------------------------------------------ builder

    /** Builds a {@link PithosClient}. */
    public static final class Builder {
        private String endpoint;
        private TokenProvider tokens;
        private EndpointResolver resolver;
        private String account;
        private String container;
        private ClientOptions options;
        private Clock clock = Clock.systemUTC();
        private SwiftAuth swiftAuth;
        private String[] swiftCredentials;
        private SwiftOptions swiftOptions = SwiftOptions.defaults();
        private boolean swiftCompatible;

        private Builder() {
        }

        /**
         * Authenticates against an OpenStack Swift's v1.0 auth ({@code tempauth}): the endpoint and the
         * account come from the storage URL it returns ({@code http://host/v1/AUTH_test} gives endpoint
         * {@code http://host/v1} and account {@code AUTH_test}), the token is renewed on 401. Replaces
         * {@link #endpoint(String)}, {@link #token(String)} and {@link #endpoints(EndpointResolver)};
         * {@link #account(String)} may still name another account the user may access. Nothing is sent
         * before the first call. The auth requests use this builder's {@link #options(ClientOptions)}.
         *
         * @param authUrl the auth URL, e.g. {@code http://127.0.0.1:8089/auth/v1.0}
         * @param user the user, e.g. {@code test:tester}
         * @param key the key
         * @return this
         */
        public Builder swiftAuth(String authUrl, String user, String key) {
            this.swiftCredentials = new String[] {Objects.requireNonNull(authUrl, "authUrl"),
                    Objects.requireNonNull(user, "user"), Objects.requireNonNull(key, "key")};
            this.swiftAuth = null;
            return this;
        }

        /**
         * {@link #swiftAuth(String, String, String)} with an authenticator shared with other clients (one
         * session for all).
         *
         * @param auth the authenticator
         * @return this
         */
        public Builder swiftAuth(SwiftAuth auth) {
            this.swiftAuth = Objects.requireNonNull(auth, "auth");
            this.swiftCredentials = null;
            return this;
        }

        /**
         * Treats every container as a plain OpenStack Swift one, without asking (by default each container's
         * {@code HEAD} decides: no {@code X-Container-Block-Hash} means Swift). Transfers then use MD5-verified
         * PUTs, static large objects and ranged GETs, and Pithos-only calls fail with
         * {@link UnsupportedFeatureException}. Meant for servers that do not answer HEADs like Swift or
         * Pithos, and for tests of the Swift paths against a Pithos server.
         *
         * @param force true to force the Swift behaviour
         * @return this
         */
        public Builder swiftCompatible(boolean force) {
            this.swiftCompatible = force;
            return this;
        }

        /** @param opts segment and part sizes used with Swift containers @return this */
        public Builder swiftOptions(SwiftOptions opts) {
            this.swiftOptions = Objects.requireNonNull(opts);
            return this;
        }

        /**
         * @param url the object-store root URL, e.g. {@code https://host/pithos/object-store/v1}
         * @return this
         */
        public Builder endpoint(String url) {
            this.endpoint = Objects.requireNonNull(url, "url");
            return this;
        }

        /** @param token a fixed token @return this */
        public Builder token(String token) {
            this.tokens = TokenProvider.of(token);
            return this;
        }

        /** @param provider a token provider @return this */
        public Builder tokenProvider(TokenProvider provider) {
            this.tokens = Objects.requireNonNull(provider);
            return this;
        }

        /**
         * Resolves the endpoint (catalog type {@code object-store}), the token and the default options from
         * a resolver such as the Astakos client. The resolver does not know the account: set it with
         * {@link #account(String)} (the user's uuid, from authentication) or later with
         * {@link PithosClient#withAccount(String)}.
         *
         * @param resolver the resolver
         * @return this
         */
        public Builder endpoints(EndpointResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver);
            return this;
        }

        /** @param uuid the account (user uuid) @return this */
        public Builder account(String uuid) {
            this.account = uuid;
            return this;
        }

        /** @param name the container object methods use @return this */
        public Builder container(String name) {
            this.container = name;
            return this;
        }

        /** @param opts transport, resilience, observability (shared pool) @return this */
        public Builder options(ClientOptions opts) {
            this.options = Objects.requireNonNull(opts);
            return this;
        }

        /** @param c the clock for {@code until=now} (purge); tests only @return this */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** @return the client */
        public PithosClient build() {
            SynnefoHttpClient http;
            Mono<String> defaultAccount = null;
            if (swiftAuth != null || swiftCredentials != null) {
                ClientOptions o = options != null ? options : ClientOptions.defaults();
                SwiftAuth auth = swiftAuth != null ? swiftAuth
                        : SwiftAuth.tempauth(swiftCredentials[0], swiftCredentials[1], swiftCredentials[2], o);
                http = SynnefoHttpClient.create("object-store", auth.session().map(SwiftAuth.Session::endpoint),
                        auth.tokenProvider(), o);
                defaultAccount = auth.session().map(SwiftAuth.Session::account);
            } else if (resolver != null && endpoint == null) {
                ClientOptions o = options != null ? options : resolver.clientOptions();
                TokenProvider tp = tokens != null ? tokens : resolver.tokenProvider();
                http = SynnefoHttpClient.create("object-store", resolver.endpointUrl(SERVICE_TYPE).cache(), tp, o);
            } else {
                if (endpoint == null) {
                    throw new IllegalStateException("set endpoint(url) or endpoints(resolver)");
                }
                if (tokens == null) {
                    throw new IllegalStateException("set token(...) or tokenProvider(...)");
                }
                http = SynnefoHttpClient.create("object-store", endpoint, tokens,
                        options != null ? options : ClientOptions.defaults());
            }
            return new PithosClient(new Shared(http, clock, swiftOptions, swiftCompatible, defaultAccount), account,
                    container);
        }
    }
}
