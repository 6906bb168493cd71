package org.synnefo.reactive.cyclades.compute;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * An SSH keypair ({@code /os-keypairs}).
 *
 * @param name the key name
 * @param fingerprint the public key's fingerprint
 * @param publicKey the public key
 * @param privateKey the generated private key: only in the response of a create without a public key,
 *        and never again; {@code null} otherwise
 * @param raw the JSON object as received
 */
public record Keypair(String name, String fingerprint, String publicKey, String privateKey, JsonNode raw) {

    /**
     * @param n a keypair object (the content of {@code {"keypair": ...}})
     * @return the keypair
     */
    public static Keypair fromJson(JsonNode n) {
        JsonNode k = n.has("keypair") ? n.path("keypair") : n;
        return new Keypair(Json.text(k, "name"), Json.text(k, "fingerprint"), Json.text(k, "public_key"),
                Json.text(k, "private_key"), k);
    }

    @Override
    public String toString() {
        return "Keypair[name=" + name + ", fingerprint=" + fingerprint + (privateKey != null ? ", privateKey=<redacted>" : "")
                + "]";
    }
}
