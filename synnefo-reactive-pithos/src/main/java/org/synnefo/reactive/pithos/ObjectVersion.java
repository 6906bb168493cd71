package org.synnefo.reactive.pithos;

import java.time.Instant;

/**
 * One version of an object ({@code GET <object>?version=list}).
 *
 * @param id the version id (global, increasing)
 * @param timestamp when it was written, or null when unparsable
 */
public record ObjectVersion(long id, Instant timestamp) {
}
