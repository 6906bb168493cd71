package org.synnefo.reactive.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.json.SynnefoJson;

class ServiceCatalogTest {

    private static final String CATALOG = """
            [
             {"name": "cyclades_compute", "type": "compute", "endpoints_links": [],
              "endpoints": [{"versionId": "v2.0", "publicURL": "https://cyclades.example.org/cyclades/compute/v2.0",
                             "SNF:uiURL": "https://cyclades.example.org/ui", "region": "default"}]},
             {"name": "cyclades_network", "type": "network",
              "endpoints": [{"versionId": "v2.0", "publicURL": "https://cyclades.example.org/cyclades/network",
                             "SNF:exposeVersion": "false", "region": "default"}]},
             {"name": "cyclades_plankton", "type": "image",
              "endpoints": [{"versionId": "v1.0", "publicURL": "https://cyclades.example.org/cyclades/image/",
                             "SNF:exposeVersion": false}]},
             {"name": "cyclades_volume", "type": "volume",
              "endpoints": [{"versionId": "v2.0", "publicURL": "https://cyclades.example.org/cyclades/volume/v2.0",
                             "SNF:exposeVersion": "False"}]},
             {"name": "pithos_object-store", "type": "object-store",
              "endpoints": [{"versionId": "v1", "publicURL": "https://pithos.example.org/pithos/object-store/v1",
                             "SNF:exposeVersion": "true", "extra": {"nested": 1}}]},
             {"name": "astakos_weblogin", "type": "astakos_weblogin",
              "endpoints": [{"versionId": "", "publicURL": "https://accounts.example.org/astakos/weblogin",
                             "SNF:exposeVersion": "false"}]},
             {"name": "broken", "type": "nothing", "endpoints": [{"versionId": "v1"}]}
            ]""";

    @Test
    void parsesTheCatalogAndAppliesTheExposeVersionRule() {
        JsonNode json = SynnefoJson.readTree(CATALOG.getBytes());
        ServiceCatalog catalog = ServiceCatalog.fromJson(json);
        assertThat(catalog.endpoints()).hasSize(6);
        assertThat(catalog.apiUrl("compute")).hasValue("https://cyclades.example.org/cyclades/compute/v2.0");
        // exposeVersion false, given as the string "false": the version is appended
        assertThat(catalog.apiUrl("network")).hasValue("https://cyclades.example.org/cyclades/network/v2.0");
        // as a JSON boolean, with a trailing slash in the URL
        assertThat(catalog.apiUrl("image")).hasValue("https://cyclades.example.org/cyclades/image/v1.0");
        // already ends with the version: not appended twice
        assertThat(catalog.apiUrl("volume")).hasValue("https://cyclades.example.org/cyclades/volume/v2.0");
        assertThat(catalog.apiUrl("object-store")).hasValue("https://pithos.example.org/pithos/object-store/v1");
        // no version id: nothing to append
        assertThat(catalog.apiUrl("astakos_weblogin")).hasValue("https://accounts.example.org/astakos/weblogin");
        assertThat(catalog.apiUrl("nothing")).isEmpty();

        Endpoint compute = catalog.endpoint("compute").orElseThrow();
        assertThat(compute.serviceName()).isEqualTo("cyclades_compute");
        assertThat(compute.region()).isEqualTo("default");
        assertThat(compute.exposeVersion()).isTrue();
        assertThat(compute.attributes()).containsEntry("SNF:uiURL", "https://cyclades.example.org/ui");
        assertThat(catalog.endpoint("network").orElseThrow().exposeVersion()).isFalse();
        assertThat(catalog.endpoint("object-store").orElseThrow().attributes()).containsEntry("extra",
                "{\"nested\":1}");
        assertThat(catalog.endpoints("compute")).hasSize(1);
    }

    @Test
    void toleratesMissingOrOddInput() {
        assertThat(ServiceCatalog.fromJson(null).endpoints()).isEmpty();
        assertThat(ServiceCatalog.fromJson(SynnefoJson.readTree("{}".getBytes())).endpoints()).isEmpty();
        Endpoint e = new Endpoint("network", null, "v2.0", "https://h/network/", null, false, null);
        assertThat(e.apiUrl()).isEqualTo("https://h/network/v2.0");
        assertThat(new Endpoint("compute", "", "v2.0", "https://h/compute/v2.0/", "", true, null).apiUrl())
                .isEqualTo("https://h/compute/v2.0");
    }
}
