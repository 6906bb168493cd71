package org.synnefo.reactive.core;

import java.util.Map;
import java.util.Objects;

/**
 * One endpoint of the service catalog.
 *
 * @param serviceType the catalog {@code type}, e.g. {@code compute}, {@code object-store}
 * @param serviceName the catalog {@code name}, e.g. {@code cyclades_compute}
 * @param versionId the endpoint's {@code versionId}, possibly empty
 * @param publicUrl the {@code publicURL} as listed
 * @param region the region, possibly empty
 * @param exposeVersion the {@code SNF:exposeVersion} flag (true when absent)
 * @param attributes every attribute of the endpoint as listed, values as strings
 */
public record Endpoint(String serviceType, String serviceName, String versionId, String publicUrl, String region,
        boolean exposeVersion, Map<String, String> attributes) {

    /** Validates and copies. */
    public Endpoint {
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(publicUrl, "publicUrl");
        serviceName = serviceName == null ? "" : serviceName;
        versionId = versionId == null ? "" : versionId;
        region = region == null ? "" : region;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /**
     * The root URL clients call: the public URL, with {@code /<versionId>} appended when
     * {@code SNF:exposeVersion} is false (Synnefo's rule; e.g. {@code .../cyclades/network} becomes
     * {@code .../cyclades/network/v2.0}). Never ends with a slash.
     *
     * @return the API root URL
     */
    public String apiUrl() {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        if (!exposeVersion && !versionId.isEmpty() && !base.endsWith("/" + versionId)) {
            return base + "/" + versionId;
        }
        return base;
    }
}
