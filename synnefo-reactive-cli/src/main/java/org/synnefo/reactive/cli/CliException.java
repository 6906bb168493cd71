package org.synnefo.reactive.cli;

/** A failure the command line diagnosed itself: its one-line message and exit code are final. */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode one of {@link ExitCodes}
     * @param message the one-line message
     */
    public CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** @return the exit code */
    public int exitCode() {
        return exitCode;
    }

    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    static CliException notFound(String message) {
        return new CliException(ExitCodes.NOT_FOUND, message);
    }
}
