package org.synnefo.reactive.cyclades.image;

import java.util.Objects;
import org.synnefo.reactive.core.http.ResponseHeaders;
import org.synnefo.reactive.core.http.SynnefoRequest;

/**
 * Where an image file lives in Pithos: {@code pithos://<account uuid>/<container>/<object path>}.
 *
 * @param account the owner's account uuid
 * @param container the container
 * @param object the object path (may contain {@code /})
 */
public record PithosLocation(String account, String container, String object) {

    private static final String SCHEME = "pithos://";

    /** Rejects nulls and empty parts. */
    public PithosLocation {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(object, "object");
        if (account.isEmpty() || container.isEmpty() || object.isEmpty()) {
            throw new IllegalArgumentException("account, container and object must not be empty");
        }
    }

    /**
     * Parses a location as Plankton sends it (segments URL-quoted).
     *
     * @param uri {@code pithos://account/container/object/path}
     * @return the location
     */
    public static PithosLocation parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            throw new IllegalArgumentException("not a pithos:// location: " + uri);
        }
        String rest = uri.substring(SCHEME.length());
        int a = rest.indexOf('/');
        int c = a < 0 ? -1 : rest.indexOf('/', a + 1);
        if (a <= 0 || c <= a + 1 || c == rest.length() - 1) {
            throw new IllegalArgumentException("a pithos location needs account, container and object: " + uri);
        }
        return new PithosLocation(ResponseHeaders.unquote(rest.substring(0, a)),
                ResponseHeaders.unquote(rest.substring(a + 1, c)), ResponseHeaders.unquote(rest.substring(c + 1)));
    }

    /**
     * The location as Plankton expects it in {@code X-Image-Meta-Location}: every part URL-quoted as UTF-8,
     * {@code /} inside the object path kept.
     *
     * @return the URI text
     */
    public String toUri() {
        return SCHEME + SynnefoRequest.pythonQuote(account).replace("/", "%2F") + "/"
                + SynnefoRequest.pythonQuote(container).replace("/", "%2F") + "/" + SynnefoRequest.pythonQuote(object);
    }

    @Override
    public String toString() {
        return toUri();
    }
}
