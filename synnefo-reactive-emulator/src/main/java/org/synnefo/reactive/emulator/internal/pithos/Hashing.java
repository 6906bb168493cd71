package org.synnefo.reactive.emulator.internal.pithos;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Pithos hashing (synnefo-api.md §6.6): a block's hash is taken over the block with its trailing zero
 * bytes removed, and an object's hash is the Merkle root over the raw block digests, padded with
 * all-zero digests to a power of two.
 */
final class Hashing {

    private static final HexFormat HEX = HexFormat.of();

    private final String name;
    private final String jdkName;
    private final int digestLength;
    private final String emptyHex;

    Hashing(String hashlibName) {
        this.name = hashlibName.toLowerCase(Locale.ROOT);
        this.jdkName = jdkName(name);
        MessageDigest md = digest();
        this.digestLength = md.getDigestLength();
        this.emptyHex = HEX.formatHex(md.digest());
    }

    /** The hashlib name, as advertised in {@code X-Container-Block-Hash}. */
    String name() {
        return name;
    }

    int digestLength() {
        return digestLength;
    }

    /** Hex of H(""), the hash of an empty or all-zero block. */
    String emptyHex() {
        return emptyHex;
    }

    MessageDigest digest() {
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unsupported block hash " + name, e);
        }
    }

    /** The length of {@code data[off, off+len)} once trailing zero bytes are removed. */
    static int strippedLength(byte[] data, int off, int len) {
        int end = off + len;
        while (end > off && data[end - 1] == 0) {
            end--;
        }
        return end - off;
    }

    /** The hex block hash of {@code data[off, off+len)}, trailing zeros stripped. */
    String blockHash(byte[] data, int off, int len) {
        MessageDigest md = digest();
        md.update(data, off, strippedLength(data, off, len));
        return HEX.formatHex(md.digest());
    }

    /** The Merkle root (hex) over hex block hashes. */
    String merkle(List<String> hexHashes) {
        int k = hexHashes.size();
        if (k == 0) {
            return emptyHex;
        }
        if (k == 1) {
            return hexHashes.get(0);
        }
        int s = 2;
        while (s < k) {
            s <<= 1;
        }
        byte[][] level = new byte[s][];
        for (int i = 0; i < s; i++) {
            level[i] = i < k ? HEX.parseHex(hexHashes.get(i)) : new byte[digestLength];
        }
        MessageDigest md = digest();
        while (s > 1) {
            for (int i = 0; i < s / 2; i++) {
                md.update(level[2 * i]);
                md.update(level[2 * i + 1]);
                level[i] = md.digest();
            }
            s /= 2;
        }
        return HEX.formatHex(level[0]);
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** True when the text is lower- or upper-case hex of even length (a plausible digest). */
    static boolean isHex(String s) {
        if (s.isEmpty() || (s.length() & 1) != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String jdkName(String hashlib) {
        return switch (hashlib) {
            case "sha256" -> "SHA-256";
            case "sha1" -> "SHA-1";
            case "sha224" -> "SHA-224";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            case "md5" -> "MD5";
            default -> hashlib.toUpperCase(Locale.ROOT);
        };
    }
}
