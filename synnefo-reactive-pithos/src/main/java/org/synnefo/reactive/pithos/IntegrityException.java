package org.synnefo.reactive.pithos;

import org.synnefo.reactive.core.SynnefoException;

/**
 * Data did not match its hash: a block the server stored or sent hashed differently than expected, or
 * an object's Merkle root differs from the one computed locally. A block fetched with a wrong hash is
 * fetched again before this surfaces; this signals that retrying did not help, or that a local source
 * changed during an upload.
 */
public class IntegrityException extends SynnefoException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what did not match
     * @param transientFailure whether fetching again may help
     */
    public IntegrityException(String message, boolean transientFailure) {
        super(message, null, transientFailure);
    }
}
