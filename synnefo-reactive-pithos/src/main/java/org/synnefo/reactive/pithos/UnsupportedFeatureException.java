package org.synnefo.reactive.pithos;

import org.synnefo.reactive.core.SynnefoException;

/**
 * The server is an OpenStack Swift (its containers do not advertise Pithos block hashing) and the call
 * needs a Pithos+ extension Swift lacks. Swift would not refuse most of these requests but silently do
 * something else (a {@code PUT} with {@code X-Move-From} creates an empty object, {@code ?hashmap} returns
 * the whole body, {@code X-Object-Sharing} and {@code X-Object-Public} are ignored, a {@code POST} with
 * data replaces the metadata and drops the data), so the client refuses them before sending anything.
 * Never transient: retrying cannot help.
 */
public class UnsupportedFeatureException extends SynnefoException {

    private static final long serialVersionUID = 1L;

    private final String feature;

    /**
     * @param feature the Pithos+ feature, e.g. {@code hashmap} or {@code sharing}
     * @param detail what was asked, for the message
     */
    public UnsupportedFeatureException(String feature, String detail) {
        super(detail + ": the server is OpenStack Swift, which lacks the Pithos+ '" + feature
                + "' feature (it would silently ignore it)", null, false);
        this.feature = feature;
    }

    /** @return the Pithos+ feature the server lacks, e.g. {@code hashmap}, {@code sharing}, {@code versions} */
    public String feature() {
        return feature;
    }
}
