package org.synnefo.reactive.cyclades.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.synnefo.reactive.core.ServiceClientBuilder;
import org.synnefo.reactive.core.http.SynnefoHttpClient;
import org.synnefo.reactive.core.http.SynnefoRequest;
import org.synnefo.reactive.cyclades.WaitOptions;
import org.synnefo.reactive.cyclades.internal.Json;
import org.synnefo.reactive.cyclades.internal.Waiters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Cyclades compute API ({@code /compute/v2.0}, catalog type {@code compute}): servers and their
 * actions, metadata, tags, NICs, volume attachments, consoles, statistics and diagnostics; flavors; images
 * as the compute API shows them; SSH keypairs; and waiters on server states. The reactive counterpart of
 * kamaki's {@code CycladesComputeClient}.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()} and share it. Every method is lazy: nothing
 * is sent until the returned publisher is subscribed, and each subscription sends the request again.
 * Creates and actions are POSTs and are never retried automatically, so a timeout can never create a
 * second server; reads, renames and deletes may be retried on transient failures by the core layer.
 *
 * <p>Waiter defaults for servers: first re-poll after {@link #SERVER_WAIT_DEFAULTS 1 s}, growing to at most
 * 10 s between polls, 30 s per poll, 15 min overall, and a 404 is tolerated during the first 30 s (a server
 * just created may not be readable at once). A server that reaches {@code ERROR} fails the wait at once
 * with its fault message, unless ERROR is what was awaited.
 */
public final class CycladesComputeClient {

    /** Catalog type of the compute service. */
    public static final String SERVICE_TYPE = "compute";

    /**
     * Default waiter settings for servers: initial delay 1 s, max delay 10 s, poll timeout 30 s, deadline
     * 15 min, 404 grace 30 s. Builds take minutes on a real cloud, so polling faster only adds load.
     */
    public static final WaitOptions SERVER_WAIT_DEFAULTS = new WaitOptions(Duration.ofSeconds(1),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofSeconds(30), null);

    private static final Waiters.Kind<Server> SERVER = new Waiters.Kind<>("server",
            s -> s.status() == null ? "" : s.status().value(), Set.of("ERROR"), Server::faultMessage);

    private final SynnefoHttpClient http;

    private CycladesComputeClient(SynnefoHttpClient http) {
        this.http = http;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client over an existing core HTTP client (e.g. one built for tests or shared by a framework).
     *
     * @param http the HTTP client of the compute endpoint
     * @return the client
     */
    public static CycladesComputeClient of(SynnefoHttpClient http) {
        return new CycladesComputeClient(Objects.requireNonNull(http));
    }

    /** @return the underlying HTTP client */
    public SynnefoHttpClient httpClient() {
        return http;
    }

    // ------------------------------------------------------------------ servers

    /**
     * Lists the caller's servers with details.
     *
     * @return the servers, ordered by id
     */
    public Flux<Server> listServers() {
        return listServers(true, ServerFilters.none(), null);
    }

    /**
     * Lists servers. With {@code changesSince}, deleted servers changed since then are included, and nothing
     * changed gives an empty Flux (the server answers 304); Synnefo refuses times older than one hour or in
     * the future with 400.
     *
     * @param detail whether to get full details ({@code /servers/detail}) or only id, name and links
     * @param filters query filters, or {@code null}
     * @param changesSince only servers changed since then, or {@code null}
     * @return the servers
     */
    public Flux<Server> listServers(boolean detail, ServerFilters filters, Instant changesSince) {
        ServerFilters f = filters == null ? ServerFilters.none() : filters;
        SynnefoRequest r = (detail ? SynnefoRequest.get("servers", "detail") : SynnefoRequest.get("servers"))
                .query("changes-since", changesSince)
                .query("name", f.name())
                .query("status", f.status())
                .query("image", f.imageId())
                .query("flavor", f.flavorId())
                .query("host", f.host())
                .expect(200, 304)
                .operation("listServers");
        return http.retrieveJson(r).flatMapIterable(n -> Json.list(n.path("servers"), Server::fromJson));
    }

    /**
     * Gets a server (deleted servers are still returned, with status DELETED).
     *
     * @param serverId the server id
     * @return the server; {@code NotFoundException} when unknown or not visible
     */
    public Mono<Server> getServerDetails(String serverId) {
        return http.retrieveJson(SynnefoRequest.get("servers", serverId).expect(200).operation("getServer"))
                .map(n -> Server.fromJson(n.path("server")));
    }

    /**
     * The status of a server and, while it builds, its progress.
     *
     * @param serverId the server id
     * @return the status
     */
    public Mono<ServerStatus> getServerStatus(String serverId) {
        return getServerDetails(serverId).map(Server::status);
    }

    /**
     * Creates a server. Unless disabled in the request, first reads the image to copy its {@code os} and
     * {@code users} metadata (as kamaki does). The create itself is a POST and is never retried: after a
     * timeout, list the servers to learn whether it was created.
     *
     * @param request what to create
     * @return the new server in BUILD, including the generated {@link Server#adminPass()}; 413
     *         {@code OverLimitException} when over quota
     */
    public Mono<Server> createServer(ServerCreateRequest request) {
        Objects.requireNonNull(request, "request");
        Mono<Map<String, String>> inherited = request.inheritImageMetadata() && request.imageId() != null
                ? getImageDetails(request.imageId()).map(CycladesComputeClient::inheritable)
                : Mono.just(Map.of());
        return inherited.flatMap(meta -> http.retrieveJson(SynnefoRequest.post("servers")
                .jsonBody(request.toJson(meta))
                .idempotent(false)
                .expect(202)
                .operation("createServer")))
                .map(n -> Server.fromJson(n.path("server")));
    }

    private static Map<String, String> inheritable(ComputeImage image) {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        image.metadata().forEach((k, v) -> {
            if (v != null && (k.equalsIgnoreCase("os") || k.equalsIgnoreCase("users"))) {
                m.put(k, v);
            }
        });
        return m;
    }

    /**
     * Renames a server.
     *
     * @param serverId the server id
     * @param name the new name (at most 255 characters)
     * @return completion
     */
    public Mono<Void> updateServerName(String serverId, String name) {
        ObjectNode body = Json.object();
        body.putObject("server").put("name", Objects.requireNonNull(name));
        return http.send(SynnefoRequest.put("servers", serverId).jsonBody(body).expect(204)
                .operation("updateServerName"));
    }

    /**
     * Deletes a server (asynchronously: it goes to DELETED; wait with {@link #waitServerUntil}).
     *
     * @param serverId the server id
     * @return completion
     */
    public Mono<Void> deleteServer(String serverId) {
        return http.send(SynnefoRequest.delete("servers", serverId).expect(204).operation("deleteServer"));
    }

    private Mono<JsonNode> action(String serverId, String operation, String key, JsonNode args, int... expect) {
        ObjectNode body = Json.object();
        body.set(key, args == null ? Json.object() : args);
        return http.retrieveJson(SynnefoRequest.post("servers", serverId, "action")
                        .jsonBody(body)
                        .idempotent(false)
                        .expect(expect)
                        .operation(operation))
                .defaultIfEmpty(Json.object());
    }

    /**
     * Starts a STOPPED server.
     *
     * @param serverId the server id
     * @return completion; 409 {@code ConflictException} while it builds, 400 in another state
     */
    public Mono<Void> startServer(String serverId) {
        return action(serverId, "startServer", "start", null, 202).then();
    }

    /**
     * Shuts an ACTIVE server down.
     *
     * @param serverId the server id
     * @return completion
     */
    public Mono<Void> shutdownServer(String serverId) {
        return action(serverId, "shutdownServer", "shutdown", null, 202).then();
    }

    /**
     * Reboots an ACTIVE server.
     *
     * @param serverId the server id
     * @param hard a hard (power cycle) rather than a soft reboot
     * @return completion
     */
    public Mono<Void> rebootServer(String serverId, boolean hard) {
        ObjectNode args = Json.object().put("type", hard ? "HARD" : "SOFT");
        return action(serverId, "rebootServer", "reboot", args, 202).then();
    }

    /**
     * Resizes a STOPPED server to another flavor with the same disk size and template.
     *
     * @param serverId the server id
     * @param flavorId the new flavor
     * @return completion
     */
    public Mono<Void> resizeServer(String serverId, String flavorId) {
        ObjectNode args = Json.object();
        Json.putId(args, "flavorRef", Objects.requireNonNull(flavorId));
        return action(serverId, "resizeServer", "resize", args, 202).then();
    }

    /**
     * Confirms a resize (OpenStack; Synnefo answers 501).
     *
     * @param serverId the server id
     * @return completion
     */
    public Mono<Void> confirmResizeServer(String serverId) {
        return action(serverId, "confirmResizeServer", "confirmResize", null, 202, 204).then();
    }

    /**
     * Reverts a resize (OpenStack; Synnefo answers 501).
     *
     * @param serverId the server id
     * @return completion
     */
    public Mono<Void> revertResizeServer(String serverId) {
        return action(serverId, "revertResizeServer", "revertResize", null, 202).then();
    }

    /**
     * Changes the root password (OpenStack; Synnefo answers 501).
     *
     * @param serverId the server id
     * @param adminPass the new password
     * @return completion
     */
    public Mono<Void> changeAdminPassword(String serverId, String adminPass) {
        ObjectNode args = Json.object().put("adminPass", Objects.requireNonNull(adminPass));
        return action(serverId, "changeAdminPassword", "changePassword", args, 202).then();
    }

    /**
     * Rebuilds a server from an image (OpenStack; Synnefo answers 501).
     *
     * @param serverId the server id
     * @param imageId the image
     * @return completion
     */
    public Mono<Void> rebuildServer(String serverId, String imageId) {
        ObjectNode args = Json.object().put("imageRef", Objects.requireNonNull(imageId));
        return action(serverId, "rebuildServer", "rebuild", args, 202).then();
    }

    /**
     * Creates an image of a server (OpenStack; Synnefo answers 501).
     *
     * @param serverId the server id
     * @param name the image name
     * @param metadata image metadata
     * @return the image location, if the server sends one
     */
    public Mono<String> createServerImage(String serverId, String name, Map<String, String> metadata) {
        ObjectNode args = Json.object().put("name", Objects.requireNonNull(name));
        args.set("metadata", Json.toObject(metadata == null ? Map.of() : metadata));
        ObjectNode body = Json.object();
        body.set("createImage", args);
        return http.exchange(SynnefoRequest.post("servers", serverId, "action").jsonBody(body).idempotent(false)
                        .expect(202).operation("createServerImage"))
                .flatMap(r -> Mono.justOrEmpty(r.headers().firstOrNull("Location")));
    }

    /**
     * Boots a STOPPED server from a rescue image (feature-flagged in Synnefo).
     *
     * @param serverId the server id
     * @param rescueImageId the rescue image, or {@code null} for the default
     * @return completion
     */
    public Mono<Void> rescueServer(String serverId, String rescueImageId) {
        ObjectNode args = Json.object();
        if (rescueImageId != null) {
            args.put("rescue_image_ref", rescueImageId);
        }
        return action(serverId, "rescueServer", "rescue", args, 202).then();
    }

    /**
     * Leaves rescue mode.
     *
     * @param serverId the server id
     * @return completion
     */
    public Mono<Void> unrescueServer(String serverId) {
        return action(serverId, "unrescueServer", "unrescue", null, 202).then();
    }

    /**
     * Moves a server to another project (allowed in any state).
     *
     * @param serverId the server id
     * @param projectId the project
     * @return completion
     */
    public Mono<Void> reassignServer(String serverId, String projectId) {
        return reassignServer(serverId, projectId, null);
    }

    /**
     * Moves a server to another project and sets whether the project's members see it.
     *
     * @param serverId the server id
     * @param projectId the project
     * @param sharedToProject whether to share it with the project, or {@code null} to leave it
     * @return completion
     */
    public Mono<Void> reassignServer(String serverId, String projectId, Boolean sharedToProject) {
        ObjectNode args = Json.object().put("project", Objects.requireNonNull(projectId));
        if (sharedToProject != null) {
            args.put("shared_to_project", sharedToProject);
        }
        return action(serverId, "reassignServer", "reassign", args, 200).then();
    }

    /**
     * Gets console connection details of an ACTIVE server.
     *
     * @param serverId the server id
     * @param type {@link ServerConsole#VNC}, {@link ServerConsole#VNC_WS} or {@link ServerConsole#VNC_WSS}
     * @return the console
     */
    public Mono<ServerConsole> getServerConsole(String serverId, String type) {
        ObjectNode args = Json.object().put("type", Objects.requireNonNull(type));
        return action(serverId, "getServerConsole", "console", args, 200)
                .map(n -> ServerConsole.fromJson(n.path("console")));
    }

    /**
     * Sets the firewall profile of a server's NIC on a public network.
     *
     * @param serverId the server id
     * @param profile the profile
     * @param nicId the NIC (port) id
     * @return completion
     */
    public Mono<Void> setFirewallProfile(String serverId, FirewallProfile profile, String nicId) {
        ObjectNode args = Json.object().put("profile", Objects.requireNonNull(profile).value());
        Json.putId(args, "nic", Objects.requireNonNull(nicId));
        return action(serverId, "setFirewallProfile", "firewallProfile", args, 202).then();
    }

    /**
     * Attaches one of the caller's floating IPs to a server (compute action {@code addFloatingIp}).
     *
     * @param serverId the server id
     * @param address the floating IP address
     * @return completion
     */
    public Mono<Void> addFloatingIp(String serverId, String address) {
        ObjectNode args = Json.object().put("address", Objects.requireNonNull(address));
        return action(serverId, "addFloatingIp", "addFloatingIp", args, 202).then();
    }

    /**
     * Detaches a floating IP from a server (compute action {@code removeFloatingIp}).
     *
     * @param serverId the server id
     * @param address the floating IP address
     * @return completion
     */
    public Mono<Void> removeFloatingIp(String serverId, String address) {
        ObjectNode args = Json.object().put("address", Objects.requireNonNull(address));
        return action(serverId, "removeFloatingIp", "removeFloatingIp", args, 202).then();
    }

    // ------------------------------------------------------------------ server metadata

    /**
     * @param serverId the server id
     * @return all metadata of the server
     */
    public Mono<Map<String, String>> getServerMetadata(String serverId) {
        return http.retrieveJson(SynnefoRequest.get("servers", serverId, "metadata").expect(200)
                .operation("getServerMetadata")).map(n -> Json.stringMap(n.path("metadata")));
    }

    /**
     * @param serverId the server id
     * @param key a metadata key
     * @return its value; {@code NotFoundException} when the key is not set
     */
    public Mono<String> getServerMetadata(String serverId, String key) {
        return http.retrieveJson(SynnefoRequest.get("servers", serverId, "metadata", key).expect(200)
                .operation("getServerMetadataKey")).mapNotNull(n -> Json.text(n.path("meta"), key));
    }

    /**
     * Sets one metadata key.
     *
     * @param serverId the server id
     * @param key the key
     * @param value the value
     * @return the key and value as stored
     */
    public Mono<Map<String, String>> createServerMetadata(String serverId, String key, String value) {
        ObjectNode body = Json.object();
        body.putObject("meta").put(key, value);
        return http.retrieveJson(SynnefoRequest.put("servers", serverId, "metadata", key).jsonBody(body)
                .expect(201, 200).operation("createServerMetadata")).map(n -> Json.stringMap(n.path("meta")));
    }

    /**
     * Merges metadata into the server's (at most 10 keys in total).
     *
     * @param serverId the server id
     * @param metadata the keys to set
     * @return all metadata after the merge
     */
    public Mono<Map<String, String>> updateServerMetadata(String serverId, Map<String, String> metadata) {
        ObjectNode body = Json.object();
        body.set("metadata", Json.toObject(metadata));
        // merging the same keys twice gives the same result, so a retry is harmless
        return http.retrieveJson(SynnefoRequest.post("servers", serverId, "metadata").jsonBody(body).idempotent(true)
                .expect(201, 200).operation("updateServerMetadata")).map(n -> Json.stringMap(n.path("metadata")));
    }

    /**
     * @param serverId the server id
     * @param key the key to remove
     * @return completion
     */
    public Mono<Void> deleteServerMetadata(String serverId, String key) {
        return http.send(SynnefoRequest.delete("servers", serverId, "metadata", key).expect(204)
                .operation("deleteServerMetadata"));
    }

    // ------------------------------------------------------------------ NICs, password, stats

    /**
     * The server's addresses and NICs.
     *
     * @param serverId the server id
     * @return addresses and NICs
     */
    public Mono<ServerNetworks> getServerNics(String serverId) {
        return http.retrieveJson(SynnefoRequest.get("servers", serverId, "ips").expect(200)
                .operation("getServerNics")).map(ServerNetworks::fromJson);
    }

    /**
     * The server's addresses on one network.
     *
     * @param serverId the server id
     * @param networkId the network id
     * @return the addresses
     */
    public Mono<List<ServerAddress>> getServerNetworkNics(String serverId, String networkId) {
        return http.retrieveJson(SynnefoRequest.get("servers", serverId, "ips", networkId).expect(200)
                        .operation("getServerNetworkNics"))
                .map(n -> Json.list(n.path("network").path(networkId), ServerAddress::fromJson));
    }

    /**
     * The root password of a server created moments ago (Synnefo keeps it only briefly).
     *
     * @param serverId the server id
     * @return the password; {@code NotFoundException} once it expired
     */
    public Mono<String> getServerPassword(String serverId) {
        return http.retrieveJson(SynnefoRequest.get("servers", serverId, "password").expect(200)
                .operation("getServerPassword")).mapNotNull(n -> Json.text(n, "password"));
    }

    /**
     * Forgets the stored root password at once.
     *
     * @param serverId the server id
     * @return completion
     */
    public Mono<Void> deleteServerPassword(String serverId) {
        return http.send(SynnefoRequest.delete("servers", serverId, "password").expect(204)
                .operation("deleteServerPassword"));
    }

    /**
     * @param serverId the server id
     * @return the URLs of the server's statistics graphs
     */
    public Mono<ServerStats> getServerStats(String serverId) {
        return http.retrieveJson(SynnefoRequest.get("servers", serverId, "stats").expect(200)
                .operation("getServerStats")).map(n -> ServerStats.fromJson(n.path("stats")));
    }

    /**
     * @param serverId the server id
     * @return the server's diagnostics, newest first
     */
    public Flux<ServerDiagnostic> getServerDiagnostics(String serverId) {
        return http.retrieveJson(SynnefoRequest.get("servers", serverId, "diagnostics").expect(200)
                .operation("getServerDiagnostics")).flatMapIterable(n -> Json.list(n, ServerDiagnostic::fromJson));
    }

    // ------------------------------------------------------------------ volume attachments

    /**
     * @param serverId the server id
     * @return the volumes attached to the server, root volume included
     */
    public Flux<VolumeAttachment> listVolumeAttachments(String serverId) {
        return http.retrieveJson(SynnefoRequest.get("servers", serverId, "os-volume_attachments").expect(200)
                        .operation("listVolumeAttachments"))
                .flatMapIterable(n -> Json.list(n.path("volumeAttachments"), VolumeAttachment::fromJson));
    }

    /**
     * @param serverId the server id
     * @param attachmentId the attachment (volume) id
     * @return the attachment; 400 when the volume is not attached to this server
     */
    public Mono<VolumeAttachment> getVolumeAttachment(String serverId, String attachmentId) {
        return http.retrieveJson(SynnefoRequest.get("servers", serverId, "os-volume_attachments", attachmentId)
                        .expect(200).operation("getVolumeAttachment"))
                .map(n -> VolumeAttachment.fromJson(n.path("volumeAttachment")));
    }

    /**
     * Attaches an available volume to a server (asynchronously: the volume goes attaching, then in_use).
     *
     * @param serverId the server id
     * @param volumeId the volume id
     * @return the attachment
     */
    public Mono<VolumeAttachment> attachVolume(String serverId, String volumeId) {
        ObjectNode body = Json.object();
        Json.putId(body.putObject("volumeAttachment"), "volumeId", Objects.requireNonNull(volumeId));
        return http.retrieveJson(SynnefoRequest.post("servers", serverId, "os-volume_attachments").jsonBody(body)
                        .idempotent(false).expect(202).operation("attachVolume"))
                .map(n -> VolumeAttachment.fromJson(n.path("volumeAttachment")));
    }

    /**
     * Deletes one attachment (detaches the volume asynchronously).
     *
     * @param serverId the server id
     * @param attachmentId the attachment id
     * @return completion
     */
    public Mono<Void> deleteVolumeAttachment(String serverId, String attachmentId) {
        return http.send(SynnefoRequest.delete("servers", serverId, "os-volume_attachments", attachmentId)
                .expect(202).operation("deleteVolumeAttachment"));
    }

    /**
     * Detaches a volume: looks up the attachments and deletes each whose volume is {@code volumeId}.
     * Two requests, not atomic.
     *
     * @param serverId the server id
     * @param volumeId the volume id
     * @return the attachments deleted (empty when the volume was not attached)
     */
    public Flux<VolumeAttachment> detachVolume(String serverId, String volumeId) {
        return listVolumeAttachments(serverId)
                .filter(a -> volumeId.equals(a.volumeId()))
                .concatMap(a -> deleteVolumeAttachment(serverId, a.id()).thenReturn(a));
    }

    // ------------------------------------------------------------------ flavors

    /** @return every flavor with details */
    public Flux<Flavor> listFlavors() {
        return listFlavors(true, null, null);
    }

    /**
     * Lists flavors. Pick one by its properties on the Flux, e.g.
     * {@code listFlavors().filter(f -> f.vcpus() == 2 && f.ramMiB() >= 2048).next()}.
     *
     * @param detail whether to get details
     * @param isPublic only public ({@code true}) or only private ({@code false}) flavors, or {@code null}
     * @param projectId only flavors this project may use ({@code SNF:flavor-access}), or {@code null}
     * @return the flavors
     */
    public Flux<Flavor> listFlavors(boolean detail, Boolean isPublic, String projectId) {
        SynnefoRequest r = (detail ? SynnefoRequest.get("flavors", "detail") : SynnefoRequest.get("flavors"))
                .query("SNF:flavor-access", projectId)
                .query("SNF:is_public", isPublic)
                .expect(200)
                .operation("listFlavors");
        return http.retrieveJson(r).flatMapIterable(n -> Json.list(n.path("flavors"), Flavor::fromJson));
    }

    /**
     * @param flavorId the flavor id
     * @return the flavor (deleted flavors included)
     */
    public Mono<Flavor> getFlavorDetails(String flavorId) {
        return http.retrieveJson(SynnefoRequest.get("flavors", flavorId).expect(200).operation("getFlavor"))
                .map(n -> Flavor.fromJson(n.path("flavor")));
    }

    /**
     * @param flavorId the flavor id
     * @return the flavor's extra specs (empty in Synnefo)
     */
    public Mono<Map<String, String>> getFlavorExtraSpecs(String flavorId) {
        return http.retrieveJson(SynnefoRequest.get("flavors", flavorId, "os-extra_specs").expect(200)
                .operation("getFlavorExtraSpecs")).map(n -> Json.stringMap(n.path("extra_specs")));
    }

    // ------------------------------------------------------------------ images (compute view)

    /** @return every image visible to the caller, with details */
    public Flux<ComputeImage> listImages() {
        return listImages(true, null);
    }

    /**
     * Lists images as the compute API shows them.
     *
     * @param detail whether to get details (status, metadata...)
     * @param changesSince only images changed since then (deleted included), or {@code null}
     * @return the images
     */
    public Flux<ComputeImage> listImages(boolean detail, Instant changesSince) {
        SynnefoRequest r = (detail ? SynnefoRequest.get("images", "detail") : SynnefoRequest.get("images"))
                .query("changes-since", changesSince).expect(200, 304).operation("listImages");
        return http.retrieveJson(r).flatMapIterable(n -> Json.list(n.path("images"), ComputeImage::fromJson));
    }

    /**
     * @param imageId the image id
     * @return the image
     */
    public Mono<ComputeImage> getImageDetails(String imageId) {
        return http.retrieveJson(SynnefoRequest.get("images", imageId).expect(200).operation("getImage"))
                .map(n -> ComputeImage.fromJson(n.path("image")));
    }

    /**
     * Unregisters an image (the Pithos file stays).
     *
     * @param imageId the image id
     * @return completion
     */
    public Mono<Void> deleteImage(String imageId) {
        return http.send(SynnefoRequest.delete("images", imageId).expect(204).operation("deleteImage"));
    }

    /**
     * @param imageId the image id
     * @return the image's metadata (its Plankton properties)
     */
    public Mono<Map<String, String>> getImageMetadata(String imageId) {
        return http.retrieveJson(SynnefoRequest.get("images", imageId, "metadata").expect(200)
                .operation("getImageMetadata")).map(n -> Json.stringMap(n.path("metadata")));
    }

    /**
     * @param imageId the image id
     * @param key the key
     * @return its value; {@code NotFoundException} when not set
     */
    public Mono<String> getImageMetadata(String imageId, String key) {
        return http.retrieveJson(SynnefoRequest.get("images", imageId, "metadata", key).expect(200)
                .operation("getImageMetadataKey")).mapNotNull(n -> Json.text(n.path("meta"), key));
    }

    /**
     * Sets one image metadata key.
     *
     * @param imageId the image id
     * @param key the key
     * @param value the value
     * @return the key and value as stored
     */
    public Mono<Map<String, String>> createImageMetadata(String imageId, String key, String value) {
        ObjectNode body = Json.object();
        body.putObject("meta").put(key, value);
        return http.retrieveJson(SynnefoRequest.put("images", imageId, "metadata", key).jsonBody(body)
                .expect(201, 200).operation("createImageMetadata")).map(n -> Json.stringMap(n.path("meta")));
    }

    /**
     * Merges metadata into the image's.
     *
     * @param imageId the image id
     * @param metadata the keys to set
     * @return all metadata after the merge
     */
    public Mono<Map<String, String>> updateImageMetadata(String imageId, Map<String, String> metadata) {
        ObjectNode body = Json.object();
        body.set("metadata", Json.toObject(metadata));
        return http.retrieveJson(SynnefoRequest.post("images", imageId, "metadata").jsonBody(body).idempotent(true)
                .expect(201, 200).operation("updateImageMetadata")).map(n -> Json.stringMap(n.path("metadata")));
    }

    /**
     * @param imageId the image id
     * @param key the key to remove
     * @return completion
     */
    public Mono<Void> deleteImageMetadata(String imageId, String key) {
        return http.send(SynnefoRequest.delete("images", imageId, "metadata", key).expect(204)
                .operation("deleteImageMetadata"));
    }

    // ------------------------------------------------------------------ keypairs

    /** @return the caller's keypairs */
    public Flux<Keypair> listKeypairs() {
        return http.retrieveJson(SynnefoRequest.get("os-keypairs").expect(200).operation("listKeypairs"))
                .flatMapIterable(n -> Json.list(n.path("keypairs"), Keypair::fromJson));
    }

    /**
     * @param name the key name
     * @return the keypair
     */
    public Mono<Keypair> getKeypairDetails(String name) {
        return http.retrieveJson(SynnefoRequest.get("os-keypairs", name).expect(200).operation("getKeypair"))
                .map(Keypair::fromJson);
    }

    /**
     * Uploads a public key, or with {@code publicKey} null lets the server generate a keypair whose private
     * key is returned this once.
     *
     * @param name the key name (unique per user: a duplicate gives 409)
     * @param publicKey the OpenSSH public key, or {@code null} to generate one
     * @return the keypair
     */
    public Mono<Keypair> createKeypair(String name, String publicKey) {
        ObjectNode body = Json.object();
        ObjectNode k = body.putObject("keypair").put("name", Objects.requireNonNull(name));
        if (publicKey != null) {
            k.put("public_key", publicKey);
        }
        return http.retrieveJson(SynnefoRequest.post("os-keypairs").jsonBody(body).idempotent(false)
                .expect(201, 200).operation("createKeypair")).map(Keypair::fromJson);
    }

    /**
     * @param name the key name
     * @return completion
     */
    public Mono<Void> deleteKeypair(String name) {
        return http.send(SynnefoRequest.delete("os-keypairs", name).expect(204, 202).operation("deleteKeypair"));
    }

    // ------------------------------------------------------------------ tags

    /**
     * @param serverId the server id
     * @return the server's tags and their statuses
     */
    public Mono<ServerTags> listTags(String serverId) {
        return http.retrieveJson(SynnefoRequest.get("servers", serverId, "tags").expect(200).operation("listTags"))
                .map(ServerTags::fromJson);
    }

    /**
     * @param serverId the server id
     * @param tag the tag
     * @return whether the server has the tag (false also for an unknown server)
     */
    public Mono<Boolean> checkTagExists(String serverId, String tag) {
        return http.exchange(SynnefoRequest.get("servers", serverId, "tags", tag).expect(204, 404)
                .operation("checkTagExists")).map(r -> r.status() == 204);
    }

    /**
     * @param serverId the server id
     * @param tag the tag
     * @return the tag's status from the {@code tag-status} header (e.g. {@code PENDADD}, {@code ACTIVE})
     */
    public Mono<String> getTagStatus(String serverId, String tag) {
        return http.exchange(SynnefoRequest.get("servers", serverId, "tags", tag).expect(204)
                .operation("getTagStatus")).mapNotNull(r -> r.headers().firstOrNull("tag-status"));
    }

    /**
     * Adds one tag (at most 60 characters, no {@code /} or {@code ,}).
     *
     * @param serverId the server id
     * @param tag the tag
     * @return completion
     */
    public Mono<Void> addTag(String serverId, String tag) {
        return http.send(SynnefoRequest.put("servers", serverId, "tags", tag).expect(201, 204).operation("addTag"));
    }

    /**
     * @param serverId the server id
     * @param tag the tag to remove
     * @return completion
     */
    public Mono<Void> deleteTag(String serverId, String tag) {
        return http.send(SynnefoRequest.delete("servers", serverId, "tags", tag).expect(204).operation("deleteTag"));
    }

    /**
     * Replaces all tags (at most 50).
     *
     * @param serverId the server id
     * @param tags the new tags
     * @return the tags and their statuses
     */
    public Mono<ServerTags> replaceTags(String serverId, List<String> tags) {
        ObjectNode body = Json.object();
        ArrayNode t = body.putArray("tags");
        tags.forEach(t::add);
        return http.retrieveJson(SynnefoRequest.put("servers", serverId, "tags").jsonBody(body).expect(200)
                .operation("replaceTags")).map(ServerTags::fromJson);
    }

    /**
     * Removes every tag.
     *
     * @param serverId the server id
     * @return completion
     */
    public Mono<Void> deleteTags(String serverId) {
        return http.send(SynnefoRequest.delete("servers", serverId, "tags").expect(204).operation("deleteTags"));
    }

    // ------------------------------------------------------------------ misc

    /**
     * The compute limits ({@code GET /limits}), as raw JSON.
     *
     * @return the limits document
     */
    public Mono<JsonNode> getLimits() {
        return http.retrieveJson(SynnefoRequest.get("limits").expect(200).operation("getLimits"));
    }

    // ------------------------------------------------------------------ waiters

    /**
     * Waits until the server has {@code target} status.
     *
     * @param serverId the server id
     * @param target the awaited status, e.g. {@code "ACTIVE"}
     * @return the server in that status
     */
    public Mono<Server> waitServerUntil(String serverId, String target) {
        return waitServerUntil(serverId, ServerStatus.of(target), WaitOptions.defaults());
    }

    /**
     * Waits until the server has {@code target} status. Fails with a {@code WaiterFailureException}
     * carrying the fault message when it reaches ERROR, with a {@code WaiterTimeoutException} carrying the
     * last state at the deadline.
     *
     * @param serverId the server id
     * @param target the awaited status
     * @param options overrides of {@link #SERVER_WAIT_DEFAULTS}
     * @return the server in that status
     */
    public Mono<Server> waitServerUntil(String serverId, ServerStatus target, WaitOptions options) {
        return watchServerUntil(serverId, target, options).last();
    }

    /**
     * Waits while the server has {@code current} status (e.g. BUILD).
     *
     * @param serverId the server id
     * @param current the status to leave
     * @return the server in its new status
     */
    public Mono<Server> waitServerWhile(String serverId, String current) {
        return waitServerWhile(serverId, ServerStatus.of(current), WaitOptions.defaults());
    }

    /**
     * Waits while the server has {@code current} status. Leaving it for ERROR fails the wait.
     *
     * @param serverId the server id
     * @param current the status to leave
     * @param options overrides of {@link #SERVER_WAIT_DEFAULTS}
     * @return the server in its new status
     */
    public Mono<Server> waitServerWhile(String serverId, ServerStatus current, WaitOptions options) {
        return watchServerWhile(serverId, current, options).last();
    }

    /**
     * Every observed state of the server until it has {@code target} status: a BUILD server shows its
     * {@link Server#progress()} growing.
     *
     * @param serverId the server id
     * @param target the awaited status
     * @param options overrides of {@link #SERVER_WAIT_DEFAULTS}
     * @return the observed states, the last one in the target status
     */
    public Flux<Server> watchServerUntil(String serverId, ServerStatus target, WaitOptions options) {
        return Waiters.watchUntil(SERVER, serverId, Objects.requireNonNull(target).value(),
                getServerDetails(serverId), options, SERVER_WAIT_DEFAULTS);
    }

    /**
     * Every observed state of the server while it has {@code current} status.
     *
     * @param serverId the server id
     * @param current the status to leave
     * @param options overrides of {@link #SERVER_WAIT_DEFAULTS}
     * @return the observed states, the last one in another status
     */
    public Flux<Server> watchServerWhile(String serverId, ServerStatus current, WaitOptions options) {
        return Waiters.watchWhile(SERVER, serverId, Objects.requireNonNull(current).value(),
                getServerDetails(serverId), options, SERVER_WAIT_DEFAULTS);
    }

    @Override
    public String toString() {
        return "CycladesComputeClient[" + http + "]";
    }

    /** Builds a {@link CycladesComputeClient}: {@code endpoint(url)} and {@code token(..)}, or {@code endpoints(astakos)}. */
    public static final class Builder extends ServiceClientBuilder<Builder> {

        private Builder() {
        }

        /** @return the client */
        public CycladesComputeClient build() {
            return new CycladesComputeClient(httpClient("compute", SERVICE_TYPE));
        }
    }
}
