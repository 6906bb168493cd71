package org.synnefo.reactive.emulator.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs without {@link UUID#randomUUID()}, whose {@code SecureRandom} may read
 * {@code /dev/urandom} (a blocking call on an event loop, which BlockHound rejects). Emulator ids
 * need uniqueness, not unpredictability.
 */
public final class Ids {

    private Ids() {
    }

    /** A fresh version-4 UUID string. */
    public static String uuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
