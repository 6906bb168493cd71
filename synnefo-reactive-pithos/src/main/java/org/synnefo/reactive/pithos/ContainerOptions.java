package org.synnefo.reactive.pithos;

import java.util.Map;

/**
 * Policies and metadata of a container to create or update. Null fields are not sent.
 *
 * @param quota {@code X-Container-Policy-Quota} in bytes (0 = unlimited)
 * @param versioning {@code X-Container-Policy-Versioning}
 * @param project {@code X-Container-Policy-Project}: the project to charge
 * @param metadata user metadata ({@code X-Container-Meta-*})
 */
public record ContainerOptions(Long quota, VersioningPolicy versioning, String project, Map<String, String> metadata) {

    private static final ContainerOptions DEFAULTS = new ContainerOptions(null, null, null, Map.of());

    /** Copies the map. */
    public ContainerOptions {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** @return nothing set: the server's defaults */
    public static ContainerOptions defaults() {
        return DEFAULTS;
    }

    /** @param bytes the quota in bytes @return a copy */
    public ContainerOptions withQuota(long bytes) {
        return new ContainerOptions(bytes, versioning, project, metadata);
    }

    /** @param policy the versioning policy @return a copy */
    public ContainerOptions withVersioning(VersioningPolicy policy) {
        return new ContainerOptions(quota, policy, project, metadata);
    }

    /** @param projectUuid the project uuid @return a copy */
    public ContainerOptions withProject(String projectUuid) {
        return new ContainerOptions(quota, versioning, projectUuid, metadata);
    }

    /** @param meta the metadata @return a copy */
    public ContainerOptions withMetadata(Map<String, String> meta) {
        return new ContainerOptions(quota, versioning, project, meta);
    }
}
