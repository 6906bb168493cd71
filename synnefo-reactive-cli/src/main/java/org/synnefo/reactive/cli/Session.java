package org.synnefo.reactive.cli;

import java.time.Duration;
import org.synnefo.reactive.astakos.AstakosClient;
import org.synnefo.reactive.astakos.AuthenticationResult;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.pithos.PithosClient;
import org.synnefo.reactive.pithos.SwiftOptions;

/**
 * An authenticated object-store client for one run, on a transport of its own that {@link #close()}
 * releases. Synnefo: Astakos authenticates the token (giving the account uuid) and its catalog gives the
 * object-store URL. Swift: tempauth v1.0 gives the storage URL and the token.
 */
final class Session implements AutoCloseable {

    /** The server kinds. */
    enum Kind { SYNNEFO, SWIFT }

    private final SynnefoTransport transport;
    private final PithosClient client;
    private final Kind kind;

    private Session(SynnefoTransport transport, PithosClient client, Kind kind) {
        this.transport = transport;
        this.client = client;
        this.kind = kind;
    }

    PithosClient client() {
        return client;
    }

    Kind kind() {
        return kind;
    }

    /**
     * Chooses the server from the options, then the environment: explicit options win; with none, the
     * environment must name exactly one kind of server.
     */
    static Session open(CommonOptions o, Context ctx, int connections) {
        boolean swiftOpts = o.swiftAuth != null || o.swiftUser != null || o.swiftKey != null;
        boolean synnefoOpts = o.authUrl != null || o.token != null;
        if (swiftOpts && synnefoOpts) {
            throw CliException.usage("choose Synnefo (--auth-url/--token) or Swift (--swift-auth/--swift-user/"
                    + "--swift-key), not both");
        }
        Kind kind;
        if (swiftOpts) {
            kind = Kind.SWIFT;
        } else if (synnefoOpts) {
            kind = Kind.SYNNEFO;
        } else if (ctx.env("SYNNEFO_AUTH_URL") != null && ctx.env("SWIFT_AUTH_URL") != null) {
            throw CliException.usage("both SYNNEFO_AUTH_URL and SWIFT_AUTH_URL are set: choose with --auth-url or "
                    + "--swift-auth");
        } else if (ctx.env("SWIFT_AUTH_URL") != null) {
            kind = Kind.SWIFT;
        } else {
            kind = Kind.SYNNEFO;
        }
        SynnefoTransport transport = SynnefoTransport.builder().name("snf")
                .maxConnections(Math.max(connections, 8))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        ClientOptions options = ClientOptions.builder().transport(transport).userAgent("snf/0.1").build();
        try {
            PithosClient client = kind == Kind.SWIFT ? swift(o, ctx, options) : synnefo(o, ctx, options);
            return new Session(transport, client, kind);
        } catch (RuntimeException e) {
            transport.dispose();
            throw e;
        }
    }

    private static PithosClient synnefo(CommonOptions o, Context ctx, ClientOptions options) {
        String url = o.authUrl != null ? o.authUrl : ctx.env("SYNNEFO_AUTH_URL");
        String token = o.token != null ? o.token : ctx.env("SYNNEFO_TOKEN");
        if (url == null || token == null) {
            throw CliException.usage("no credentials: set SYNNEFO_AUTH_URL and SYNNEFO_TOKEN (or --auth-url and "
                    + "--token) for Synnefo, or --swift-auth, --swift-user and --swift-key for Swift");
        }
        if (o.blockSize != null) {
            throw CliException.usage("--block-size applies to Swift only: on Synnefo the block size is the "
                    + "container's, chosen by the server");
        }
        checkUrl(url, o.authUrl != null ? "--auth-url" : "SYNNEFO_AUTH_URL");
        AstakosClient astakos = AstakosClient.builder().authUrl(url).token(token).options(options).build();
        // The main thread may block: it is the application's edge, never a reactor thread.
        AuthenticationResult auth = astakos.authenticate().block();
        return PithosClient.builder().endpoints(astakos).account(auth.userUuid()).options(options).build();
    }

    private static PithosClient swift(CommonOptions o, Context ctx, ClientOptions options) {
        String url = o.swiftAuth != null ? o.swiftAuth : ctx.env("SWIFT_AUTH_URL");
        String user = o.swiftUser != null ? o.swiftUser : ctx.env("SWIFT_USER");
        String key = o.swiftKey != null ? o.swiftKey : ctx.env("SWIFT_KEY");
        if (url == null || user == null || key == null) {
            throw CliException.usage("Swift needs --swift-auth, --swift-user and --swift-key (or SWIFT_AUTH_URL, "
                    + "SWIFT_USER and SWIFT_KEY)");
        }
        checkUrl(url, o.swiftAuth != null ? "--swift-auth" : "SWIFT_AUTH_URL");
        SwiftOptions swift = SwiftOptions.defaults();
        if (o.blockSize != null) {
            if (o.blockSize < 1 || o.blockSize > SwiftOptions.MAX_SEGMENT_SIZE) {
                throw CliException.usage("--block-size must be between 1 byte and 5G on Swift (got " + o.blockSize
                        + ")");
            }
            swift = swift.withSegmentSize(o.blockSize);
        }
        // Nothing is sent yet: tempauth runs on the first call, whose failure maps like any other.
        return PithosClient.builder().swiftAuth(url, user, key).swiftOptions(swift).options(options).build();
    }

    private static void checkUrl(String url, String what) {
        if (!(url.startsWith("http://") || url.startsWith("https://"))) {
            throw CliException.usage(what + " must be an http:// or https:// URL (got '" + url + "')");
        }
    }

    @Override
    public void close() {
        transport.dispose();
    }
}
