package org.synnefo.reactive.pithos.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Pithos block hashing (synnefo-api.md §6.6), written from the spec and independently of the emulator:
 * a block's hash is the digest of the block with its trailing zero bytes removed; the object hash is a
 * Merkle root over the raw block digests, padded with all-zero digests to a power of two.
 * Thread-safe: each call uses its own {@link MessageDigest}.
 */
public final class BlockHasher {

    private static final HexFormat HEX = HexFormat.of();

    private final String algorithm;
    private final String jcaName;
    private final int digestLength;

    /**
     * @param algorithm the container's {@code X-Container-Block-Hash}, a Python hashlib name such as
     *        {@code sha256}
     */
    public BlockHasher(String algorithm) {
        this.algorithm = algorithm.toLowerCase(Locale.ROOT);
        this.jcaName = jcaName(this.algorithm);
        this.digestLength = newDigest().getDigestLength();
    }

    /** @return the hashlib name of the algorithm */
    public String algorithm() {
        return algorithm;
    }

    /** @return the digest length in bytes */
    public int digestLength() {
        return digestLength;
    }

    /** Maps hashlib names (sha256, sha1, md5, sha512...) to JCA names. */
    static String jcaName(String hashlib) {
        return switch (hashlib) {
            case "sha1" -> "SHA-1";
            case "sha224" -> "SHA-224";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            case "md5" -> "MD5";
            case "sha3_256" -> "SHA3-256";
            case "sha3_512" -> "SHA3-512";
            default -> hashlib.toUpperCase(Locale.ROOT);
        };
    }

    /** @return a fresh digest of this algorithm */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unsupported Pithos block hash: " + algorithm, e);
        }
    }

    /**
     * The block hash of {@code len} bytes of {@code data} from {@code off}: trailing zeros stripped.
     *
     * @param data the bytes
     * @param off the block start
     * @param len the block length
     * @return the raw digest
     */
    public byte[] hashBlock(byte[] data, int off, int len) {
        int end = off + len;
        while (end > off && data[end - 1] == 0) {
            end--;
        }
        MessageDigest md = newDigest();
        md.update(data, off, end - off);
        return md.digest();
    }

    /**
     * The block hash of the remaining bytes of {@code block} (its position is not changed).
     *
     * @param block the block
     * @return the raw digest
     */
    public byte[] hashBlock(ByteBuffer block) {
        ByteBuffer b = block.duplicate();
        int end = b.limit();
        while (end > b.position() && b.get(end - 1) == 0) {
            end--;
        }
        b.limit(end);
        MessageDigest md = newDigest();
        md.update(b);
        return md.digest();
    }

    /** @return the hex hash of the empty string, the hash of an all-zero block and of an empty object */
    public String emptyHash() {
        return hex(newDigest().digest());
    }

    /**
     * The Merkle root of the block hashes (§6.6 step 3): zero hashes give {@code H("")}, one gives
     * itself, more are padded with zero-filled digests to a power of two and reduced pairwise.
     *
     * @param hexHashes the block hashes, hex
     * @return the root, hex
     */
    public String merkleRoot(List<String> hexHashes) {
        int k = hexHashes.size();
        if (k == 0) {
            return emptyHash();
        }
        if (k == 1) {
            return hexHashes.get(0).toLowerCase(Locale.ROOT);
        }
        int s = 2;
        while (s < k) {
            s <<= 1;
        }
        byte[][] level = new byte[s][];
        for (int i = 0; i < s; i++) {
            level[i] = i < k ? unhex(hexHashes.get(i)) : new byte[digestLength];
        }
        MessageDigest md = newDigest();
        while (s > 1) {
            for (int i = 0; i < s / 2; i++) {
                md.update(level[2 * i]);
                md.update(level[2 * i + 1]);
                level[i] = md.digest();
            }
            s /= 2;
        }
        return hex(level[0]);
    }

    /** @param raw a digest @return lower-case hex */
    public static String hex(byte[] raw) {
        return HEX.formatHex(raw);
    }

    /** @param hex lower- or upper-case hex @return the bytes */
    public static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    /**
     * @param size object size
     * @param blockSize block size
     * @return the number of blocks, {@code ceil(size / blockSize)} (0 for an empty object)
     */
    public static int blockCount(long size, int blockSize) {
        long n = (size + blockSize - 1) / blockSize;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("object too large: " + size);
        }
        return (int) n;
    }
}
