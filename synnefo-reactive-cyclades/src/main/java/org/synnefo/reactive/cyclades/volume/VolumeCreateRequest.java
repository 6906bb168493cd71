package org.synnefo.reactive.cyclades.volume;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * Everything {@code POST /volumes} accepts: a blank volume of a size, or one created from a snapshot or an
 * image (at most one source), standalone (with a detachable volume type) or attached at once to a server.
 *
 * <pre>{@code
 * VolumeCreateRequest.builder(10, "data").volumeType(detachableType.id()).build()
 * VolumeCreateRequest.builder(10, "data").server(server.id()).fromImage(image.id()).build()
 * }</pre>
 */
public final class VolumeCreateRequest {

    private final int sizeGiB;
    private final String name;
    private final String description;
    private final String volumeTypeId;
    private final String serverId;
    private final String snapshotId;
    private final String imageId;
    private final Map<String, String> metadata;
    private final String projectId;
    private final Boolean sharedToProject;

    private VolumeCreateRequest(Builder b) {
        this.sizeGiB = b.sizeGiB;
        this.name = b.name;
        this.description = b.description;
        this.volumeTypeId = b.volumeTypeId;
        this.serverId = b.serverId;
        this.snapshotId = b.snapshotId;
        this.imageId = b.imageId;
        this.metadata = Map.copyOf(b.metadata);
        this.projectId = b.projectId;
        this.sharedToProject = b.sharedToProject;
    }

    /**
     * @param sizeGiB the size in GiB (positive)
     * @param name the display name (required by Synnefo)
     * @return a builder
     */
    public static Builder builder(int sizeGiB, String name) {
        return new Builder(sizeGiB, name);
    }

    ObjectNode toJson() {
        ObjectNode v = Json.object();
        v.put("size", sizeGiB);
        v.put("display_name", name);
        if (description != null) {
            v.put("display_description", description);
        }
        if (volumeTypeId != null) {
            Json.putId(v, "volume_type", volumeTypeId);
        }
        if (serverId != null) {
            Json.putId(v, "server_id", serverId);
        }
        if (snapshotId != null) {
            v.put("snapshot_id", snapshotId);
        }
        if (imageId != null) {
            v.put("imageRef", imageId);
        }
        if (!metadata.isEmpty()) {
            v.set("metadata", Json.toObject(metadata));
        }
        if (projectId != null) {
            v.put("project", projectId);
        }
        if (sharedToProject != null) {
            v.put("shared_to_project", sharedToProject);
        }
        ObjectNode root = Json.object();
        root.set("volume", v);
        return root;
    }

    /** Builds a {@link VolumeCreateRequest}. */
    public static final class Builder {
        private final int sizeGiB;
        private final String name;
        private String description;
        private String volumeTypeId;
        private String serverId;
        private String snapshotId;
        private String imageId;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private String projectId;
        private Boolean sharedToProject;

        private Builder(int sizeGiB, String name) {
            if (sizeGiB <= 0) {
                throw new IllegalArgumentException("sizeGiB must be positive");
            }
            this.sizeGiB = sizeGiB;
            this.name = Objects.requireNonNull(name, "name");
        }

        /** @param value the description @return this */
        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /** @param typeId the volume type (required unless a server is given) @return this */
        public Builder volumeType(String typeId) {
            this.volumeTypeId = typeId;
            return this;
        }

        /** @param id a server to attach the new volume to @return this */
        public Builder server(String id) {
            this.serverId = id;
            return this;
        }

        /** @param id the snapshot to create the volume from @return this */
        public Builder fromSnapshot(String id) {
            this.snapshotId = id;
            return this;
        }

        /** @param id the image to create the volume from @return this */
        public Builder fromImage(String id) {
            this.imageId = id;
            return this;
        }

        /** @param key a metadata key @param value its value @return this */
        public Builder metadata(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        /** @param id the project to charge @return this */
        public Builder project(String id) {
            this.projectId = id;
            return this;
        }

        /** @param shared whether the project's members see it @return this */
        public Builder sharedToProject(boolean shared) {
            this.sharedToProject = shared;
            return this;
        }

        /** @return the request */
        public VolumeCreateRequest build() {
            if (snapshotId != null && imageId != null) {
                throw new IllegalStateException("a volume has at most one source: snapshot or image");
            }
            return new VolumeCreateRequest(this);
        }
    }
}
