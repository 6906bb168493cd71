package org.synnefo.reactive.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The service catalog returned by authentication: every endpoint of every service.
 *
 * @param endpoints the endpoints in catalog order
 */
public record ServiceCatalog(List<Endpoint> endpoints) {

    /** Copies the list. */
    public ServiceCatalog {
        endpoints = List.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
    }

    /**
     * The first endpoint of a service type.
     *
     * @param serviceType the catalog type, e.g. {@code compute}
     * @return the endpoint, if the catalog lists one
     */
    public Optional<Endpoint> endpoint(String serviceType) {
        return endpoints.stream().filter(e -> e.serviceType().equals(serviceType)).findFirst();
    }

    /**
     * Every endpoint of a service type.
     *
     * @param serviceType the catalog type
     * @return the endpoints, possibly none
     */
    public List<Endpoint> endpoints(String serviceType) {
        return endpoints.stream().filter(e -> e.serviceType().equals(serviceType)).toList();
    }

    /**
     * The API root URL of a service type, with the {@code SNF:exposeVersion} rule applied.
     *
     * @param serviceType the catalog type
     * @return the URL, if the catalog lists the type
     */
    public Optional<String> apiUrl(String serviceType) {
        return endpoint(serviceType).map(Endpoint::apiUrl);
    }

    /**
     * Parses the {@code access.serviceCatalog} array. Tolerant: unknown fields are kept as attributes,
     * boolean-like strings ({@code "false"}) are accepted for {@code SNF:exposeVersion}.
     *
     * @param serviceCatalog the JSON array (a missing or non-array node gives an empty catalog)
     * @return the catalog
     */
    public static ServiceCatalog fromJson(JsonNode serviceCatalog) {
        List<Endpoint> out = new ArrayList<>();
        if (serviceCatalog == null || !serviceCatalog.isArray()) {
            return new ServiceCatalog(out);
        }
        for (JsonNode service : serviceCatalog) {
            String type = service.path("type").asText("");
            String name = service.path("name").asText("");
            for (JsonNode ep : service.path("endpoints")) {
                Map<String, String> attrs = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> fields = ep.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    attrs.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
                }
                String expose = attrs.getOrDefault("SNF:exposeVersion", "true");
                boolean exposeVersion = !"false".equalsIgnoreCase(expose.trim()) && !"0".equals(expose.trim());
                String url = ep.path("publicURL").asText("");
                if (url.isEmpty()) {
                    continue;
                }
                out.add(new Endpoint(type, name, ep.path("versionId").asText(""), url, ep.path("region").asText(""),
                        exposeVersion, attrs));
            }
        }
        return new ServiceCatalog(out);
    }
}
