package org.synnefo.reactive.emulator.internal.cyclades;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import org.synnefo.reactive.emulator.internal.EmulatorFault;

/**
 * SSH key pairs for {@code /os-keypairs}: OpenSSH public key text, PKCS#8 private keys, and the
 * MD5 colon-hex fingerprint. Key generation uses Ed25519 (fast) with a random source that never
 * reads the OS entropy device, so it cannot block an event-loop thread; the emulator's keys are
 * for tests and demos, not for real machines.
 */
final class SshKeys {

    /** A generated pair. */
    record Generated(String publicKey, String privateKey) {
    }

    private SshKeys() {
    }

    /** Loads the JCA providers once, from the thread that starts the emulator (loading reads files). */
    static void warmUp() {
        try {
            KeyPairGenerator.getInstance("Ed25519");
            MessageDigest.getInstance("MD5");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Generated generate(String comment) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(new NamedParameterSpec("Ed25519"), new FastRandom());
            KeyPair kp = g.generateKeyPair();
            byte[] x509 = kp.getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            writeString(blob, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
            writeString(blob, raw);
            String pub = "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " " + comment;
            String priv = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(kp.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new Generated(pub, priv);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The MD5 fingerprint of an OpenSSH public key line, or 400 when it is not one. */
    static String fingerprint(String publicKey) {
        String[] parts = publicKey.trim().split("\\s+");
        if (parts.length < 2) {
            throw EmulatorFault.badRequest("Invalid public key.");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw EmulatorFault.badRequest("Invalid public key.");
        }
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(blob);
            StringBuilder sb = new StringBuilder();
            for (byte x : md5) {
                if (sb.length() > 0) {
                    sb.append(':');
                }
                sb.append(String.format("%02x", x & 255));
            }
            return sb.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeString(ByteArrayOutputStream out, byte[] s) {
        int n = s.length;
        out.write((n >>> 24) & 255);
        out.write((n >>> 16) & 255);
        out.write((n >>> 8) & 255);
        out.write(n & 255);
        out.write(s, 0, n);
    }

    /** A random source backed by {@link ThreadLocalRandom}: never touches {@code /dev/random}. */
    private static final class FastRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;

        FastRandom() {
            super(new Spi(), null);
        }
    }

    private static final class Spi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;

        @Override
        protected void engineSetSeed(byte[] seed) {
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            ThreadLocalRandom.current().nextBytes(bytes);
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            byte[] b = new byte[numBytes];
            ThreadLocalRandom.current().nextBytes(b);
            return b;
        }
    }
}
