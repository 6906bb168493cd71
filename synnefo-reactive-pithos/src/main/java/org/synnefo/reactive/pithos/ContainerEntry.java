package org.synnefo.reactive.pithos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.synnefo.reactive.pithos.internal.Parse;

/**
 * One container of an account listing ({@code GET <account>?format=json}).
 *
 * @param name the container name
 * @param count the number of objects, or null
 * @param bytes the bytes used, or null
 * @param lastModified the modification date, or null
 * @param quota {@code x_container_policy.quota}, or null
 * @param versioning {@code x_container_policy.versioning}, or null
 * @param project {@code x_container_policy.project}: the project charged for it, or null
 * @param raw the JSON entry as received
 */
public record ContainerEntry(String name, Long count, Long bytes, Instant lastModified, Long quota,
        VersioningPolicy versioning, String project, JsonNode raw) {

    /** @param n a JSON entry @return the entry */
    public static ContainerEntry from(JsonNode n) {
        JsonNode policy = n.path("x_container_policy");
        return new ContainerEntry(Parse.text(n, "name"), Parse.longValue(n, "count"), Parse.longValue(n, "bytes"),
                Parse.isoDate(Parse.text(n, "last_modified")), Parse.longValue(policy, "quota"),
                VersioningPolicy.of(Parse.text(policy, "versioning")), Parse.text(policy, "project"), n);
    }
}
