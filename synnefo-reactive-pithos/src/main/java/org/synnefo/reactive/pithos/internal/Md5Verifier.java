package org.synnefo.reactive.pithos.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.synnefo.reactive.pithos.IntegrityException;

/**
 * Checks an object's bytes, fed in order, against the MD5s Swift knows: one unit for a plain object (its
 * ETag), one per segment for a static large object (the manifest's hashes). A unit whose MD5 is unknown
 * (a DLO, a segment used by range, a nested SLO, or a Pithos ETag that is not an MD5) is read past
 * unchecked. Not thread-safe: one feeder at a time.
 */
public final class Md5Verifier {

    /**
     * A verification unit.
     *
     * @param length bytes
     * @param md5 the expected lower-case hex MD5, or null when it cannot be checked
     */
    public record Unit(long length, String md5) {
    }

    private final String name;
    private final List<Unit> units;
    private final long size;
    private final Provider provider;
    private final int firstIndex;
    private final boolean whole;
    private int current;
    private long inUnit;
    private long fed;
    private MessageDigest md;

    /**
     * @param name the object, for messages
     * @param units the units in order; their lengths add up to the object's size
     */
    public Md5Verifier(String name, List<Unit> units) {
        this(name, units, null, 0, units.size() == 1);
    }

    /**
     * A verifier of a run of consecutive units of an object (the part of a download that covers them).
     *
     * @param name the object, for messages
     * @param units the units in order
     * @param provider the MD5 provider ({@link FastMd5}), or null for the JDK's
     * @param firstIndex the index of the first unit in the object, for messages
     * @param whole whether the units are the whole object's single unit (messages say "object", not "segment")
     */
    public Md5Verifier(String name, List<Unit> units, Provider provider, int firstIndex, boolean whole) {
        this.name = name;
        this.units = List.copyOf(units);
        this.provider = provider;
        this.firstIndex = firstIndex;
        this.whole = whole;
        long s = 0;
        for (Unit u : units) {
            s += u.length();
        }
        this.size = s;
    }

    /** @return the object's size (the units' total) */
    public long size() {
        return size;
    }

    /** @return whether every byte is covered by a known MD5 */
    public boolean fullyVerifiable() {
        return units.stream().allMatch(u -> u.md5() != null);
    }

    /**
     * @param b the bytes
     * @param off where they start
     * @param len how many
     */
    public void update(byte[] b, int off, int len) {
        int o = off;
        int left = len;
        while (left > 0) {
            int n = room(left);
            MessageDigest d = digest();
            if (d != null) {
                d.update(b, o, n);
            }
            advance(n);
            o += n;
            left -= n;
        }
        closeFinishedUnits();
    }

    /**
     * Hashes the remaining bytes of a buffer, which may be a transient view of a network buffer: a direct
     * buffer goes to the digest as is (the native provider reads it in place, the JDK's through a small
     * reused array), nothing is allocated per call.
     *
     * @param bb the bytes (its position is not moved)
     */
    public void update(ByteBuffer bb) {
        int start = bb.position();
        int limit = bb.limit();
        int pos = start;
        try {
            while (pos < limit) {
                int n = room(limit - pos);
                MessageDigest d = digest();
                if (d != null) {
                    // the buffer itself, bounded to this unit: no duplicate per call
                    bb.limit(pos + n).position(pos);
                    d.update(bb);
                    bb.limit(limit);
                }
                advance(n);
                pos += n;
            }
        } finally {
            bb.limit(limit).position(start);
        }
        closeFinishedUnits();
    }

    /** How many of {@code left} bytes go to the current unit; fails when the object is already complete. */
    private int room(int left) {
        closeFinishedUnits();
        if (current >= units.size()) {
            throw new IntegrityException("object " + name + " has more than the " + size + " bytes expected",
                    false);
        }
        return (int) Math.min(units.get(current).length() - inUnit, left);
    }

    private void advance(int n) {
        inUnit += n;
        fed += n;
    }

    /** The digest of the current unit, or null when its MD5 is unknown (nothing to compare, so no hashing). */
    private MessageDigest digest() {
        if (units.get(current).md5() == null) {
            return null;
        }
        if (md == null) {
            md = FastMd5.digest(provider);
        }
        return md;
    }

    private void closeFinishedUnits() {
        while (current < units.size() && inUnit == units.get(current).length()) {
            Unit u = units.get(current);
            if (u.md5() != null) {
                String got = hex(digest().digest());
                if (!u.md5().equalsIgnoreCase(got)) {
                    throw new IntegrityException((whole ? "object " + name
                            : "segment " + (firstIndex + current) + " of " + name) + " has MD5 " + got
                            + ", expected " + u.md5(), false);
                }
            }
            current++;
            inUnit = 0;
        }
    }

    /** Checks that exactly the expected number of bytes came (and the last unit's MD5). */
    public void finish() {
        closeFinishedUnits();
        if (fed != size) {
            throw new IntegrityException("object " + name + " ended after " + fed + " of " + size + " bytes", false);
        }
    }

    /** @return a new MD5 digest */
    public static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Swift's ETag of a static large object: the MD5 of its segments' MD5s, written one after the other
     * in hex. Both the upload (the {@code ETag} of the manifest PUT) and the download (the check of a
     * manifest against the object's ETag) need it, and must agree on it.
     *
     * @param segmentMd5s the segments' MD5s in hex, in manifest order
     * @return the ETag, lower-case hex
     */
    public static String staticLargeObjectEtag(List<String> segmentMd5s) {
        MessageDigest all = md5();
        for (String h : segmentMd5s) {
            all.update(h.getBytes(StandardCharsets.US_ASCII));
        }
        return hex(all.digest());
    }

    /** @param bytes bytes held in memory @return their MD5, lower-case hex */
    public static String md5Hex(byte[] bytes) {
        return hex(md5().digest(bytes));
    }

    /**
     * Whether a server's ETag shows different content: it is an MD5 (a static large object's or a
     * manifest's is not) and not the one computed locally.
     *
     * @param etag the ETag the server answered, or null
     * @param md5 the local MD5, hex
     * @return true when they disagree
     */
    public static boolean contradicts(String etag, String md5) {
        return isMd5(etag) && !etag.equalsIgnoreCase(md5);
    }

    /** @param b bytes @return lower-case hex */
    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** @param s a string @return whether it is 32 hex digits (an MD5), case-insensitive */
    public static boolean isMd5(String s) {
        return s != null && s.length() == 32 && s.toLowerCase(Locale.ROOT).chars()
                .allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
