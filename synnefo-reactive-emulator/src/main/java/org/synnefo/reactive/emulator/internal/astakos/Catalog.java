package org.synnefo.reactive.emulator.internal.astakos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.synnefo.reactive.emulator.internal.Endpoints;
import org.synnefo.reactive.emulator.internal.Json;

/**
 * The service catalog of §0.5: one entry per service clients use (including the non-public
 * {@code pithos_public}, where public object URLs live), names and types as a stock deployment
 * registers them, every URL on this server. Endpoint values are strings, as Astakos stores them, so
 * {@code SNF:exposeVersion} reads {@code "True"}/{@code "False"} (Python's {@code str(bool)}).
 */
final class Catalog {

    private Catalog() {
    }

    static ArrayNode build(String base) {
        ArrayNode out = Json.array();
        String astakosUi = base + "/astakos/ui";
        String cycladesUi = base + "/cyclades/ui";
        String pithosUi = base + "/pithos/ui";
        out.add(entry("astakos_account", "account", astakosUi, "v1.0", base + Endpoints.ACCOUNT, true));
        out.add(entry("astakos_identity", "identity", astakosUi, "v2.0", base + Endpoints.IDENTITY, true));
        ObjectNode weblogin = entry("astakos_weblogin", "astakos_weblogin", astakosUi, "",
                base + Endpoints.WEBLOGIN, true);
        ((ObjectNode) weblogin.get("endpoints").get(0)).put("SNF:webloginURL", base + Endpoints.WEBLOGIN);
        out.add(weblogin);
        out.add(entry("cyclades_compute", "compute", cycladesUi, "v2.0", base + Endpoints.COMPUTE, true));
        out.add(entry("cyclades_plankton", "image", cycladesUi, "v1.0", base + Endpoints.IMAGE_PUBLIC, false));
        out.add(entry("cyclades_network", "network", cycladesUi, "v2.0", base + Endpoints.NETWORK_PUBLIC, false));
        out.add(entry("cyclades_volume", "volume", cycladesUi, "v2.0", base + Endpoints.VOLUME_PUBLIC, false));
        out.add(entry("pithos_object-store", "object-store", pithosUi, "v1", base + Endpoints.OBJECT_STORE, true));
        // registered with public=False in Pithos' services.py, yet Astakos lists every registered service
        out.add(entry("pithos_public", "pithos_public", pithosUi, "", base + Endpoints.PITHOS_PUBLIC, true));
        return out;
    }

    private static ObjectNode entry(String name, String type, String ui, String version, String url,
            boolean exposeVersion) {
        ObjectNode s = Json.object();
        s.put("name", name);
        s.put("type", type);
        s.put("SNF:uiURL", ui);
        ArrayNode endpoints = s.putArray("endpoints");
        ObjectNode e = endpoints.addObject();
        e.put("versionId", version);
        e.put("publicURL", url);
        e.put("SNF:uiURL", ui);
        e.put("region", "default");
        e.put("SNF:exposeVersion", exposeVersion ? "True" : "False");
        s.putArray("endpoints_links");
        return s;
    }
}
