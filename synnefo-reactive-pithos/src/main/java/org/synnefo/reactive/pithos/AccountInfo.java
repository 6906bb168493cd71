package org.synnefo.reactive.pithos;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synnefo.reactive.core.http.ResponseHeaders;
import org.synnefo.reactive.pithos.internal.Parse;

/**
 * What {@code HEAD <account>} tells (synnefo-api.md §6.3).
 *
 * @param containerCount {@code X-Account-Container-Count}, or null
 * @param bytesUsed {@code X-Account-Bytes-Used}, or null
 * @param lastModified {@code Last-Modified}, or null
 * @param quota {@code X-Account-Policy-Quota} (total bytes), or null
 * @param projectQuotas {@code X-Account-Policy-Quota-<project>} keyed by lower-cased project uuid
 * @param metadata user metadata ({@code X-Account-Meta-*}), keys lower-cased
 * @param groups groups ({@code X-Account-Group-*}), names lower-cased, members as listed
 * @param untilTimestamp {@code X-Account-Until-Timestamp}, or null
 * @param headers every response header
 */
public record AccountInfo(Long containerCount, Long bytesUsed, Instant lastModified, Long quota,
        Map<String, Long> projectQuotas, Map<String, String> metadata, Map<String, List<String>> groups,
        Instant untilTimestamp, ResponseHeaders headers) {

    /**
     * @param h the headers of an account HEAD or GET
     * @return the info
     */
    public static AccountInfo from(ResponseHeaders h) {
        Map<String, Long> pq = new LinkedHashMap<>();
        String prefix = "x-account-policy-quota-";
        for (String name : h.names()) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.startsWith(prefix)) {
                Long v = Parse.longOrNull(h.firstOrNull(name));
                if (v != null) {
                    pq.put(n.substring(prefix.length()), v);
                }
            }
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        h.metadata("X-Account-Group-").forEach((k, v) -> groups.put(k, Parse.commaList(v)));
        return new AccountInfo(Parse.longOrNull(h.firstOrNull("X-Account-Container-Count")),
                Parse.longOrNull(h.firstOrNull("X-Account-Bytes-Used")),
                Parse.httpDate(h.firstOrNull("Last-Modified")),
                Parse.longOrNull(h.firstOrNull("X-Account-Policy-Quota")), Map.copyOf(pq),
                java.util.Collections.unmodifiableMap(h.metadata("X-Account-Meta-")), Map.copyOf(groups),
                Parse.httpDate(h.firstOrNull("X-Account-Until-Timestamp")), h);
    }
}
