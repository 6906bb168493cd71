package org.synnefo.reactive.cli;

import picocli.CommandLine.Option;

/** The options every command takes: where and who (Synnefo or Swift), how fast, how verbose. */
final class CommonOptions {

    @Option(names = "--auth-url", paramLabel = "URL",
            description = "Synnefo (Astakos) identity URL; default $SYNNEFO_AUTH_URL")
    String authUrl;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Synnefo token; default $SYNNEFO_TOKEN")
    String token;

    @Option(names = "--swift-auth", paramLabel = "URL",
            description = "OpenStack Swift tempauth (v1.0) URL; default $SWIFT_AUTH_URL")
    String swiftAuth;

    @Option(names = "--swift-user", paramLabel = "USER", description = "Swift user (account:user); default $SWIFT_USER")
    String swiftUser;

    @Option(names = "--swift-key", paramLabel = "KEY", description = "Swift key; default $SWIFT_KEY")
    String swiftKey;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", defaultValue = "8",
            description = "blocks (Swift: segments) of one file in flight at once (default ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "4",
            description = "files transferred at once by -r (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = {"-b", "--block-size"}, paramLabel = "SIZE", converter = Sizes.Converter.class,
            description = "Swift: segment size of large uploads, e.g. 64M (Synnefo: the block size is the "
                    + "container's, set by the server; this option is then refused)")
    Long blockSize;

    @Option(names = {"-q", "--quiet"}, description = "no progress and no summary; errors only")
    boolean quiet;

    @Option(names = "--debug", description = "print stack traces of failures")
    boolean debug;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    void validate() {
        if (concurrency < 1 || concurrency > 256) {
            throw CliException.usage("--concurrency must be between 1 and 256 (got " + concurrency + ")");
        }
        if (jobs < 1 || jobs > 256) {
            throw CliException.usage("--jobs must be between 1 and 256 (got " + jobs + ")");
        }
    }
}
