package org.synnefo.reactive.pithos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.synnefo.reactive.pithos.internal.Parse;

/**
 * An account that shares objects with the caller ({@code GET /v1/?format=json}).
 *
 * @param name the account (user uuid)
 * @param lastModified the modification date, or null
 * @param raw the JSON entry as received
 */
public record SharingAccount(String name, Instant lastModified, JsonNode raw) {

    /** @param n a JSON entry @return the entry */
    public static SharingAccount from(JsonNode n) {
        return new SharingAccount(Parse.text(n, "name"), Parse.isoDate(Parse.text(n, "last_modified")), n);
    }
}
