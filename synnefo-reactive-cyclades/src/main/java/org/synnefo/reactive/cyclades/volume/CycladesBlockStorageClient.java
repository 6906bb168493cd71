package org.synnefo.reactive.cyclades.volume;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
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
 * The Cyclades block storage API ({@code /volume/v2.0}, catalog type {@code volume}, Cinder-like): volumes,
 * their metadata, snapshots and volume types, with waiters on volume states. The reactive counterpart of
 * kamaki's {@code CycladesBlockStorageClient}. Attaching and detaching existing volumes is done through the
 * compute API ({@code CycladesComputeClient.attachVolume/detachVolume}).
 *
 * <p>Immutable and thread-safe. Creates (POST) are never retried automatically.
 *
 * <p>Waiter defaults for volumes ({@link #VOLUME_WAIT_DEFAULTS}): first re-poll after 1 s, at most 10 s
 * between polls, 30 s per poll, 10 min overall, a 404 tolerated during the first 30 s. The states
 * {@code error}, {@code error_deleting} and {@code error_restoring} fail the wait at once.
 */
public final class CycladesBlockStorageClient {

    /** Catalog type of the block storage service. */
    public static final String SERVICE_TYPE = "volume";

    /** Waiter defaults for volumes: 1 s, 10 s, 30 s per poll, 10 min deadline, 30 s 404 grace. */
    public static final WaitOptions VOLUME_WAIT_DEFAULTS = new WaitOptions(Duration.ofSeconds(1),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(30), null);

    private static final Waiters.Kind<Volume> VOLUME = new Waiters.Kind<>("volume",
            v -> v.status() == null ? "" : v.status().value(), Set.of("error", "error_deleting", "error_restoring"),
            v -> "the volume operation failed");

    private final SynnefoHttpClient http;

    private CycladesBlockStorageClient(SynnefoHttpClient http) {
        this.http = http;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param http the HTTP client of the volume endpoint
     * @return a client over it
     */
    public static CycladesBlockStorageClient of(SynnefoHttpClient http) {
        return new CycladesBlockStorageClient(Objects.requireNonNull(http));
    }

    /** @return the underlying HTTP client */
    public SynnefoHttpClient httpClient() {
        return http;
    }

    // ------------------------------------------------------------------ volumes

    /** @return the caller's volumes with details */
    public Flux<Volume> listVolumes() {
        return listVolumes(true, null);
    }

    /**
     * @param detail whether to get details
     * @param changesSince only volumes changed since then (deleted included), or {@code null}
     * @return the volumes
     */
    public Flux<Volume> listVolumes(boolean detail, Instant changesSince) {
        SynnefoRequest r = (detail ? SynnefoRequest.get("volumes", "detail") : SynnefoRequest.get("volumes"))
                .query("changes-since", changesSince).expect(200, 304).operation("listVolumes");
        return http.retrieveJson(r).flatMapIterable(n -> Json.list(n.path("volumes"), Volume::fromJson));
    }

    /**
     * @param volumeId the volume id
     * @return the volume (deleted ones included)
     */
    public Mono<Volume> getVolumeDetails(String volumeId) {
        return http.retrieveJson(SynnefoRequest.get("volumes", volumeId).expect(200).operation("getVolume"))
                .map(n -> Volume.fromJson(n.path("volume")));
    }

    /**
     * Creates a volume. The response has only id and name; call {@link #getVolumeDetails} or a waiter for
     * the rest.
     *
     * @param request what to create
     * @return the new volume (id and name); 413 {@code OverLimitException} when over quota
     */
    public Mono<Volume> createVolume(VolumeCreateRequest request) {
        return http.retrieveJson(SynnefoRequest.post("volumes").jsonBody(request.toJson()).idempotent(false)
                .expect(202, 200).operation("createVolume")).map(n -> Volume.fromJson(n.path("volume")));
    }

    /**
     * Updates a volume's name, description or delete-on-termination flag ({@code null} leaves one as is).
     *
     * @param volumeId the volume id
     * @param name the new name, or {@code null}
     * @param description the new description, or {@code null}
     * @param deleteOnTermination the new flag, or {@code null}
     * @return the volume; with nothing to change, just the volume as it is
     */
    public Mono<Volume> updateVolume(String volumeId, String name, String description, Boolean deleteOnTermination) {
        if (name == null && description == null && deleteOnTermination == null) {
            // Synnefo answers 400 to an empty update; kamaki reads the volume instead, and so do we
            return getVolumeDetails(volumeId);
        }
        ObjectNode body = Json.object();
        ObjectNode v = body.putObject("volume");
        if (name != null) {
            v.put("display_name", name);
        }
        if (description != null) {
            v.put("display_description", description);
        }
        if (deleteOnTermination != null) {
            v.put("delete_on_termination", deleteOnTermination);
        }
        return http.retrieveJson(SynnefoRequest.put("volumes", volumeId).jsonBody(body).expect(200)
                .operation("updateVolume")).map(n -> Volume.fromJson(n.path("volume")));
    }

    /**
     * Deletes a volume (asynchronously; it goes deleting, then deleted).
     *
     * @param volumeId the volume id
     * @return completion
     */
    public Mono<Void> deleteVolume(String volumeId) {
        return http.send(SynnefoRequest.delete("volumes", volumeId).expect(202, 204).operation("deleteVolume"));
    }

    /**
     * Moves a volume to another project.
     *
     * @param volumeId the volume id
     * @param projectId the project
     * @return completion
     */
    public Mono<Void> reassignVolume(String volumeId, String projectId) {
        return reassignVolume(volumeId, projectId, null);
    }

    /**
     * Moves a volume to another project.
     *
     * @param volumeId the volume id
     * @param projectId the project
     * @param sharedToProject whether the project's members see it, or {@code null}
     * @return completion
     */
    public Mono<Void> reassignVolume(String volumeId, String projectId, Boolean sharedToProject) {
        ObjectNode body = Json.object();
        ObjectNode r = body.putObject("reassign").put("project", Objects.requireNonNull(projectId));
        if (sharedToProject != null) {
            r.put("shared_to_project", sharedToProject);
        }
        return http.send(SynnefoRequest.post("volumes", volumeId, "action").jsonBody(body).idempotent(true)
                .expect(200, 202).operation("reassignVolume"));
    }

    // ------------------------------------------------------------------ volume metadata

    /**
     * @param volumeId the volume id
     * @return the volume's metadata
     */
    public Mono<Map<String, String>> getVolumeMetadata(String volumeId) {
        return http.retrieveJson(SynnefoRequest.get("volumes", volumeId, "metadata").expect(200)
                .operation("getVolumeMetadata")).map(n -> Json.stringMap(n.path("metadata")));
    }

    /**
     * Merges metadata into the volume's (at most 10 keys in total).
     *
     * @param volumeId the volume id
     * @param metadata the keys to set
     * @return all metadata after the merge
     */
    public Mono<Map<String, String>> updateVolumeMetadata(String volumeId, Map<String, String> metadata) {
        ObjectNode body = Json.object();
        body.set("metadata", Json.toObject(metadata));
        return http.retrieveJson(SynnefoRequest.post("volumes", volumeId, "metadata").jsonBody(body).idempotent(true)
                .expect(200, 201).operation("updateVolumeMetadata")).map(n -> Json.stringMap(n.path("metadata")));
    }

    /**
     * Replaces all of the volume's metadata.
     *
     * @param volumeId the volume id
     * @param metadata the new metadata
     * @return the metadata as stored
     */
    public Mono<Map<String, String>> replaceVolumeMetadata(String volumeId, Map<String, String> metadata) {
        ObjectNode body = Json.object();
        body.set("metadata", Json.toObject(metadata));
        return http.retrieveJson(SynnefoRequest.put("volumes", volumeId, "metadata").jsonBody(body)
                .expect(200, 201).operation("replaceVolumeMetadata")).map(n -> Json.stringMap(n.path("metadata")));
    }

    /**
     * @param volumeId the volume id
     * @param key the key to remove (an unknown key gives 400)
     * @return completion
     */
    public Mono<Void> deleteVolumeMetadata(String volumeId, String key) {
        return http.send(SynnefoRequest.delete("volumes", volumeId, "metadata", key).expect(200, 204)
                .operation("deleteVolumeMetadata"));
    }

    // ------------------------------------------------------------------ snapshots

    /** @return the caller's snapshots with details */
    public Flux<Snapshot> listSnapshots() {
        return listSnapshots(true);
    }

    /**
     * @param detail whether to get details
     * @return the snapshots; 501 when the deployment disabled snapshots
     */
    public Flux<Snapshot> listSnapshots(boolean detail) {
        SynnefoRequest r = (detail ? SynnefoRequest.get("snapshots", "detail") : SynnefoRequest.get("snapshots"))
                .expect(200).operation("listSnapshots");
        return http.retrieveJson(r).flatMapIterable(n -> Json.list(n.path("snapshots"), Snapshot::fromJson));
    }

    /**
     * @param snapshotId the snapshot id
     * @return the snapshot
     */
    public Mono<Snapshot> getSnapshotDetails(String snapshotId) {
        return http.retrieveJson(SynnefoRequest.get("snapshots", snapshotId).expect(200).operation("getSnapshot"))
                .map(n -> Snapshot.fromJson(n.path("snapshot")));
    }

    /**
     * Snapshots a volume.
     *
     * @param volumeId the volume
     * @param name the name, or {@code null}
     * @param description the description, or {@code null}
     * @return the snapshot
     */
    public Mono<Snapshot> createSnapshot(String volumeId, String name, String description) {
        ObjectNode body = Json.object();
        ObjectNode s = body.putObject("snapshot");
        Json.putId(s, "volume_id", Objects.requireNonNull(volumeId));
        if (name != null) {
            s.put("display_name", name);
        }
        if (description != null) {
            s.put("display_description", description);
        }
        return http.retrieveJson(SynnefoRequest.post("snapshots").jsonBody(body).idempotent(false)
                .expect(202, 200, 201).operation("createSnapshot")).map(n -> Snapshot.fromJson(n.path("snapshot")));
    }

    /**
     * Renames or re-describes a snapshot ({@code null} leaves a field as is).
     *
     * @param snapshotId the snapshot id
     * @param name the new name, or {@code null}
     * @param description the new description, or {@code null}
     * @return the snapshot
     */
    public Mono<Snapshot> updateSnapshot(String snapshotId, String name, String description) {
        if (name == null && description == null) {
            return getSnapshotDetails(snapshotId);
        }
        ObjectNode body = Json.object();
        ObjectNode s = body.putObject("snapshot");
        if (name != null) {
            s.put("display_name", name);
        }
        if (description != null) {
            s.put("display_description", description);
        }
        return http.retrieveJson(SynnefoRequest.put("snapshots", snapshotId).jsonBody(body).expect(200)
                .operation("updateSnapshot")).map(n -> Snapshot.fromJson(n.path("snapshot")));
    }

    /**
     * @param snapshotId the snapshot id
     * @return completion
     */
    public Mono<Void> deleteSnapshot(String snapshotId) {
        return http.send(SynnefoRequest.delete("snapshots", snapshotId).expect(202, 204)
                .operation("deleteSnapshot"));
    }

    // ------------------------------------------------------------------ volume types

    /** @return the volume types */
    public Flux<VolumeType> listVolumeTypes() {
        return http.retrieveJson(SynnefoRequest.get("types").expect(200).operation("listVolumeTypes"))
                .flatMapIterable(n -> Json.list(n.path("volume_types"), VolumeType::fromJson));
    }

    /**
     * @param typeId the type id
     * @return the type
     */
    public Mono<VolumeType> getVolumeTypeDetails(String typeId) {
        return http.retrieveJson(SynnefoRequest.get("types", typeId).expect(200).operation("getVolumeType"))
                .map(n -> VolumeType.fromJson(n.path("volume_type")));
    }

    // ------------------------------------------------------------------ waiters

    /**
     * Waits until the volume has {@code target} status (e.g. {@code "in_use"} after attaching).
     *
     * @param volumeId the volume id
     * @param target the awaited status (compared ignoring case)
     * @return the volume
     */
    public Mono<Volume> waitVolumeUntil(String volumeId, String target) {
        return waitVolumeUntil(volumeId, VolumeStatus.of(target), WaitOptions.defaults());
    }

    /**
     * @param volumeId the volume id
     * @param target the awaited status
     * @param options overrides of {@link #VOLUME_WAIT_DEFAULTS}
     * @return the volume in that status
     */
    public Mono<Volume> waitVolumeUntil(String volumeId, VolumeStatus target, WaitOptions options) {
        return watchVolumeUntil(volumeId, target, options).last();
    }

    /**
     * Waits while the volume has {@code current} status (e.g. {@code "creating"}).
     *
     * @param volumeId the volume id
     * @param current the status to leave
     * @return the volume
     */
    public Mono<Volume> waitVolumeWhile(String volumeId, String current) {
        return waitVolumeWhile(volumeId, VolumeStatus.of(current), WaitOptions.defaults());
    }

    /**
     * @param volumeId the volume id
     * @param current the status to leave
     * @param options overrides of {@link #VOLUME_WAIT_DEFAULTS}
     * @return the volume in another status
     */
    public Mono<Volume> waitVolumeWhile(String volumeId, VolumeStatus current, WaitOptions options) {
        return watchVolumeWhile(volumeId, current, options).last();
    }

    /**
     * @param volumeId the volume id
     * @param target the awaited status
     * @param options overrides of {@link #VOLUME_WAIT_DEFAULTS}
     * @return every observed state
     */
    public Flux<Volume> watchVolumeUntil(String volumeId, VolumeStatus target, WaitOptions options) {
        return Waiters.watchUntil(VOLUME, volumeId, target.value(), getVolumeDetails(volumeId), options,
                VOLUME_WAIT_DEFAULTS);
    }

    /**
     * @param volumeId the volume id
     * @param current the status to leave
     * @param options overrides of {@link #VOLUME_WAIT_DEFAULTS}
     * @return every observed state
     */
    public Flux<Volume> watchVolumeWhile(String volumeId, VolumeStatus current, WaitOptions options) {
        return Waiters.watchWhile(VOLUME, volumeId, current.value(), getVolumeDetails(volumeId), options,
                VOLUME_WAIT_DEFAULTS);
    }

    @Override
    public String toString() {
        return "CycladesBlockStorageClient[" + http + "]";
    }

    /** Builds a {@link CycladesBlockStorageClient}: {@code endpoint(url)} and {@code token(..)}, or {@code endpoints(astakos)}. */
    public static final class Builder extends ServiceClientBuilder<Builder> {

        private Builder() {
        }

        /** @return the client */
        public CycladesBlockStorageClient build() {
            return new CycladesBlockStorageClient(httpClient("volume", SERVICE_TYPE));
        }
    }
}
