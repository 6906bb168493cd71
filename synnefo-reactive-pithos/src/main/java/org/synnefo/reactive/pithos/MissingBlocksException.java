package org.synnefo.reactive.pithos;

import java.util.List;
import org.synnefo.reactive.core.ConflictException;

/**
 * A hashmap PUT named blocks the server does not have (409 with a bare JSON list of their hashes).
 * Upload them with {@link PithosClient#uploadBlock} and put the hashmap again.
 */
public class MissingBlocksException extends ConflictException {

    private static final long serialVersionUID = 1L;

    private final List<String> missingHashes;

    /**
     * @param missingHashes the hex hashes the server lacks, in first-occurrence order
     * @param method the request method
     * @param url the request URL
     */
    public MissingBlocksException(List<String> missingHashes, String method, String url) {
        super("conflict", missingHashes.size() + " block(s) missing", "", method, url);
        this.missingHashes = List.copyOf(missingHashes);
    }

    /** @return the hex hashes of the missing blocks */
    public List<String> missingHashes() {
        return missingHashes;
    }
}
