package org.synnefo.reactive.emulator.internal;

import java.util.Map;
import java.util.Optional;

/**
 * Pithos' view offered to other services (Plankton checks that an image location exists and that
 * its checksum is the object's Merkle hash). Registered in {@link EmulatorContext} by the Pithos
 * service family.
 */
public interface ObjectLookup {

    /** What another service may know about a stored object. */
    record StoredObject(String account, String container, String name, long bytes, String hash,
            String contentType, Map<String, String> meta) {
    }

    /** The latest version of {@code account/container/name}, if it exists. */
    Optional<StoredObject> find(String account, String container, String name);
}
