package org.synnefo.reactive.pithos.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * MD5 for bulk verification. The JDK's own MD5 is fast only once the C2 compiler has compiled it into its
 * intrinsic (about 700 MB/s); under the interpreter or C1 alone (a short-lived client's usual setting) it
 * runs at about 430 MB/s, and on a machine where the server shares the cores every CPU-second spent
 * hashing is taken from the transfer. The JDK's PKCS#11 provider backed by NSS (present on most Linux
 * systems, configured without a database) hashes in native code at about 680 MB/s whatever the JIT, and
 * reads direct buffers in place; it is used when it loads and passes a known-answer test, the JDK's MD5
 * otherwise. Loading it costs about 0.1 CPU-second once per JVM, so callers ask for it only for large
 * transfers ({@link #WORTH_IT}). Set the system property {@value #PROPERTY} to {@code false} to always use
 * the JDK's.
 */
public final class FastMd5 {

    /** The system property that turns the native MD5 off ({@code false}). */
    public static final String PROPERTY = "org.synnefo.reactive.pithos.nativeMd5";
    /** Bytes to verify from which loading the native provider pays for itself. */
    public static final long WORTH_IT = 64L << 20;

    private static final Mono<Optional<Provider>> NATIVE = Mono.fromCallable(FastMd5::load)
            .subscribeOn(Schedulers.boundedElastic()).cache();

    private FastMd5() {
    }

    /**
     * The provider to hash {@code bytes} with: loaded off the event loop the first time (it opens native
     * libraries), then remembered.
     *
     * @param bytes how many bytes will be hashed
     * @return the native provider, or empty for the JDK's default
     */
    public static Mono<Optional<Provider>> forBytes(long bytes) {
        if (bytes < WORTH_IT || !enabled()) {
            return Mono.just(Optional.empty());
        }
        return NATIVE;
    }

    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
    }

    /**
     * @param provider a provider from {@link #forBytes}, or null
     * @return a new MD5 digest from it (the JDK's default when null)
     */
    public static MessageDigest digest(Provider provider) {
        if (provider == null) {
            return Md5Verifier.md5();
        }
        try {
            return MessageDigest.getInstance("MD5", provider);
        } catch (NoSuchAlgorithmException e) {
            return Md5Verifier.md5();
        }
    }

    /** Blocking: configures the PKCS#11 provider on NSS; empty when anything is missing or wrong. */
    static Optional<Provider> load() {
        try {
            Provider base = Security.getProvider("SunPKCS11");
            if (base == null) {
                return Optional.empty();
            }
            Provider p = base.configure("--name=SynnefoMd5\nnssDbMode=noDb\nattributes=compatibility\n");
            MessageDigest md = MessageDigest.getInstance("MD5", p);
            String got = Md5Verifier.hex(md.digest("abc".getBytes(StandardCharsets.US_ASCII)));
            return "900150983cd24fb0d6963f7d28e17f72".equals(got) ? Optional.of(p) : Optional.empty();
        } catch (RuntimeException | NoSuchAlgorithmException | LinkageError e) {
            // no NSS, no PKCS#11 module, a restricted JDK: the JDK's MD5 does the job, only slower
            return Optional.empty();
        }
    }
}
