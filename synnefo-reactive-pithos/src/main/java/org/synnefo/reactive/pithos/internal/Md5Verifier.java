package org.synnefo.reactive.pithos.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
    private int current;
    private long inUnit;
    private long fed;
    private MessageDigest md = md5();

    /**
     * @param name the object, for messages
     * @param units the units in order; their lengths add up to the object's size
     */
    public Md5Verifier(String name, List<Unit> units) {
        this.name = name;
        this.units = List.copyOf(units);
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
            closeFinishedUnits();
            if (current >= units.size()) {
                throw new IntegrityException("object " + name + " has more than the " + size + " bytes expected",
                        false);
            }
            long room = units.get(current).length() - inUnit;
            int n = (int) Math.min(room, left);
            md.update(b, o, n);
            inUnit += n;
            fed += n;
            o += n;
            left -= n;
        }
        closeFinishedUnits();
    }

    /** @param bb the bytes (its position is not moved) */
    public void update(ByteBuffer bb) {
        ByteBuffer d = bb.duplicate();
        if (d.hasArray()) {
            update(d.array(), d.arrayOffset() + d.position(), d.remaining());
        } else {
            byte[] copy = new byte[d.remaining()];
            d.get(copy);
            update(copy, 0, copy.length);
        }
    }

    private void closeFinishedUnits() {
        while (current < units.size() && inUnit == units.get(current).length()) {
            Unit u = units.get(current);
            String got = hex(md.digest());
            if (u.md5() != null && !u.md5().equalsIgnoreCase(got)) {
                throw new IntegrityException((units.size() == 1 ? "object " + name
                        : "segment " + current + " of " + name) + " has MD5 " + got + ", expected " + u.md5(), false);
            }
            current++;
            inUnit = 0;
            md = md5();
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
