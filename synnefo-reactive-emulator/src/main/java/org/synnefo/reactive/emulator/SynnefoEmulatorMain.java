package org.synnefo.reactive.emulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the emulator as a standalone local cloud:
 * {@code java -jar synnefo-reactive-emulator.jar --port 8080 [--host ADDR] [--data-dir DIR]
 * [--block-size BYTES] [--public-url URL] [--admin] [--state-delay MILLIS]}. Once it accepts
 * connections it prints {@code SYNNEFO_AUTH_URL=...}, {@code SYNNEFO_TOKEN=...} and
 * {@code SYNNEFO_TOKEN_2=...} (a shell can {@code eval} them) and serves until killed.
 */
public final class SynnefoEmulatorMain {

    static final String USAGE = "usage: java -jar synnefo-reactive-emulator.jar [--port PORT] [--host ADDR] "
            + "[--data-dir DIR] [--block-size BYTES] [--public-url URL] [--admin] [--state-delay MILLIS]";

    private SynnefoEmulatorMain() {
    }

    /** Starts the emulator and blocks until the process is killed; exits with 2 on bad arguments. */
    public static void main(String[] args) {
        SynnefoEmulator emulator;
        try {
            emulator = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "synnefo-emulator-shutdown"));
        emulator.awaitClose();
    }

    /**
     * Parses the arguments, starts the emulator and prints the environment lines to {@code out}; the
     * caller owns the returned emulator (and closes it).
     *
     * @throws IllegalArgumentException for unknown or malformed arguments
     */
    public static SynnefoEmulator start(String[] args, PrintStream out) {
        SynnefoEmulator.Builder b = SynnefoEmulator.builder().port(8080);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--admin" -> b.adminApi(true);
                case "--help", "-h" -> throw new IllegalArgumentException("help requested");
                case "--port", "--host", "--data-dir", "--block-size", "--public-url", "--state-delay" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("missing value for " + name);
                        }
                        value = args[++i];
                    }
                    apply(b, name, value);
                }
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        SynnefoEmulator emulator = b.start();
        out.println("SYNNEFO_AUTH_URL=" + emulator.authUrl());
        out.println("SYNNEFO_TOKEN=" + emulator.users().get(0).token());
        if (emulator.users().size() > 1) {
            out.println("SYNNEFO_TOKEN_2=" + emulator.users().get(1).token());
        }
        out.flush();
        return emulator;
    }

    private static void apply(SynnefoEmulator.Builder b, String name, String value) {
        try {
            switch (name) {
                case "--port" -> {
                    int port = Integer.parseInt(value);
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("port out of range: " + value);
                    }
                    b.port(port);
                }
                case "--host" -> b.host(value);
                case "--data-dir" -> b.dataDir(Path.of(value));
                case "--block-size" -> b.blockSize(Integer.parseInt(value));
                case "--public-url" -> b.publicUrl(value);
                case "--state-delay" -> b.stateDelay(Duration.ofMillis(Long.parseLong(value)));
                default -> throw new IllegalArgumentException("unknown argument: " + name);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number for " + name + ": " + value);
        }
    }
}
