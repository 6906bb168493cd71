package org.synnefo.reactive.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.astakos.internal.AstakosJson;

/**
 * A resource that quotas are counted in, as {@code GET /account/v1.0/resources} lists it.
 *
 * @param name the resource name, e.g. {@code cyclades.vm}
 * @param service the service that owns it, e.g. {@code cyclades_compute}
 * @param description a human description, possibly empty
 * @param unit the unit ({@code bytes}), or {@code null} for plain counts
 * @param uiVisible whether the web UI shows it
 * @param apiVisible whether the API shows it
 * @param raw the resource's JSON object as received (with fields such as {@code allow_in_projects})
 */
public record Resource(String name, String service, String description, String unit, boolean uiVisible,
        boolean apiVisible, JsonNode raw) {

    /**
     * @param name the resource name (the key in the listing)
     * @param node its object
     * @return the resource
     */
    public static Resource fromJson(String name, JsonNode node) {
        return new Resource(name, AstakosJson.text(node, "service", ""), AstakosJson.text(node, "description", ""),
                AstakosJson.text(node, "unit"), AstakosJson.bool(node, "ui_visible"),
                AstakosJson.bool(node, "api_visible"), node);
    }
}
