package org.synnefo.reactive.emulator.internal;

/**
 * The URL layout of the emulator: where each service family mounts its handlers (the API root, the
 * {@link ServiceHandler#prefix()}), and what the service catalog advertises. Every service lives on
 * the same server, under {@code EmulatorState.publicBaseUrl()}.
 *
 * <p>For network, volume and image the catalog lists the URL <em>without</em> the version and sets
 * {@code SNF:exposeVersion} to {@code "false"}, as a real deployment does; clients append
 * {@code /<versionId>} and land on the API root given here.
 */
public final class Endpoints {

    /** Astakos identity (Keystone-like tokens API). Catalog publicURL is this path. */
    public static final String IDENTITY = "/identity/v2.0";
    /** Astakos account API (quotas, projects, user catalogs). Catalog publicURL is this path. */
    public static final String ACCOUNT = "/account/v1.0";
    /** Astakos web login page (listed in the catalog only; nothing is served there). */
    public static final String WEBLOGIN = "/astakos/weblogin";
    /** Cyclades compute API root. Catalog publicURL is this path. */
    public static final String COMPUTE = "/compute/v2.0";
    /** Cyclades network API root; the catalog lists {@link #NETWORK_PUBLIC} with exposeVersion false. */
    public static final String NETWORK = "/network/v2.0";
    /** What the catalog lists for network. */
    public static final String NETWORK_PUBLIC = "/network";
    /** Cyclades block storage API root; the catalog lists {@link #VOLUME_PUBLIC} with exposeVersion false. */
    public static final String VOLUME = "/volume/v2.0";
    /** What the catalog lists for volume. */
    public static final String VOLUME_PUBLIC = "/volume";
    /** Plankton image API root; the catalog lists {@link #IMAGE_PUBLIC} with exposeVersion false. */
    public static final String IMAGE = "/image/v1.0";
    /** What the catalog lists for image. */
    public static final String IMAGE_PUBLIC = "/image";
    /** Pithos object-store API root ({@code /object-store/v1/<account>/<container>/<object>}). */
    public static final String OBJECT_STORE = "/object-store/v1";
    /**
     * Where public object URLs live ({@code /pithos/public/<token>}). Listed in the catalog as
     * {@code pithos_public} (type {@code pithos_public}, versionId {@code ""}), a service registered as
     * not public but listed like every other.
     */
    public static final String PITHOS_PUBLIC = "/pithos/public";
    /** Reserved prefix of the emulator's own admin API (fault injection); off unless enabled. */
    public static final String EMULATOR_ADMIN = "/_emulator";

    private Endpoints() {
    }
}
