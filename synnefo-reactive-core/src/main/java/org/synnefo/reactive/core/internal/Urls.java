package org.synnefo.reactive.core.internal;

import java.util.Locale;
import org.synnefo.reactive.core.http.SynnefoRequest;

/** Builds request URLs and their token-free forms for messages and logs. */
final class Urls {

    static final String REDACTED = "<redacted>";

    private Urls() {
    }

    /** The wire URL: base (without trailing slash) + encoded path + encoded query. */
    static String wireUrl(String base, SynnefoRequest request) {
        String b = base;
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        String q = request.encodedQuery();
        return q.isEmpty() ? b + request.encodedPath() : b + request.encodedPath() + "?" + q;
    }

    /**
     * The URL with the value of every {@code X-Auth-Token} query parameter (any case) and any userinfo
     * replaced by {@value #REDACTED}: Synnefo accepts the token as a query parameter too, and someone may
     * have put it there.
     */
    static String redact(String url) {
        String u = url;
        int scheme = u.indexOf("://");
        if (scheme > 0) {
            int hostStart = scheme + 3;
            int pathStart = indexOfAny(u, hostStart, '/', '?', '#');
            int at = u.lastIndexOf('@', pathStart < 0 ? u.length() : pathStart);
            if (at >= hostStart) {
                u = u.substring(0, hostStart) + REDACTED + u.substring(at);
            }
        }
        int qm = u.indexOf('?');
        if (qm < 0) {
            return u;
        }
        String query = u.substring(qm + 1);
        if (!query.toLowerCase(Locale.ROOT).contains("token")) {
            return u;
        }
        StringBuilder sb = new StringBuilder(u.length()).append(u, 0, qm + 1);
        String[] params = query.split("&", -1);
        for (int i = 0; i < params.length; i++) {
            if (i > 0) {
                sb.append('&');
            }
            String p = params[i];
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq);
            String lower = name.toLowerCase(Locale.ROOT);
            if (eq >= 0 && (lower.equals("x-auth-token") || lower.equals("x%2dauth%2dtoken")
                    || lower.equals("token"))) {
                sb.append(name).append('=').append(REDACTED);
            } else {
                sb.append(p);
            }
        }
        return sb.toString();
    }

    private static int indexOfAny(String s, int from, char... chars) {
        int best = -1;
        for (char c : chars) {
            int i = s.indexOf(c, from);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
