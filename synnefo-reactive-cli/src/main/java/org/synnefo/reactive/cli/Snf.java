package org.synnefo.reactive.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.synnefo.reactive.core.SynnefoTransport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code snf}: upload, download, list, inspect and delete objects and whole directories on Pithos+ (Synnefo)
 * or OpenStack Swift, on top of the reactive client. Run as
 * {@code java -jar snf.jar upload LOCAL CONTAINER/NAME}. Exit codes: see {@link ExitCodes}.
 */
@Command(name = "snf", mixinStandardHelpOptions = true, version = "snf 0.1.0",
        description = "Transfers files and directories to and from Pithos+ (Synnefo) or OpenStack Swift.",
        footer = {"", "Credentials: SYNNEFO_AUTH_URL and SYNNEFO_TOKEN (or --auth-url/--token) for Synnefo;",
                "SWIFT_AUTH_URL, SWIFT_USER and SWIFT_KEY (or --swift-auth/--swift-user/--swift-key) for Swift.",
                "Exit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 authentication, 5 unreachable or "
                        + "unavailable (retry later), 6 integrity."})
public final class Snf implements Runnable {

    /**
     * The commands, in help order. Registered by {@link #run}: only the one named when the first argument
     * names one, because building picocli's model of a command (reflection over its options, in classes
     * that class-data sharing cannot archive) is a good part of the start-up of every run.
     */
    private static final Map<String, Class<? extends BaseCommand>> COMMANDS = commands();

    /** The command a name or alias names, or null. */
    static Class<? extends BaseCommand> named(String name) {
        for (Class<? extends BaseCommand> c : COMMANDS.values()) {
            Command command = c.getAnnotation(Command.class);
            if (command.name().equals(name) || Arrays.asList(command.aliases()).contains(name)) {
                return c;
            }
        }
        return null;
    }

    private static Map<String, Class<? extends BaseCommand>> commands() {
        Map<String, Class<? extends BaseCommand>> m = new LinkedHashMap<>();
        m.put("upload", UploadCommand.class);
        m.put("download", DownloadCommand.class);
        m.put("list", ListCommand.class);
        m.put("info", InfoCommand.class);
        m.put("delete", DeleteCommand.class);
        return Collections.unmodifiableMap(m);
    }

    @Spec
    CommandSpec spec;

    /** Creates the command (for picocli). */
    public Snf() {
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (upload, download, list, info, delete)");
    }

    /**
     * The command line's entry point.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.getenv(), System.console() != null);
        System.out.flush();
        if (code == ExitCodes.OK && Boolean.getBoolean(Training.PROPERTY)) {
            try {
                Training.run();
            } catch (RuntimeException e) {
                // only the archive is poorer for it
            }
        }
        try {
            // the JVM's exit would otherwise wait up to 300 ms for the event loops to leave epoll_wait
            // main is the tool's own thread, the one place where blocking belongs
            SynnefoTransport.shutdownSharedEventLoops(Duration.ofSeconds(1)).block(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            // exiting anyway: a loop that does not stop in time only costs that wait
        }
        System.exit(code);
    }

    /**
     * Runs one command in-process: no {@code System.exit}, output to the given streams.
     *
     * @param args the arguments
     * @param out where results go
     * @param err where progress and errors go
     * @param env the environment (credentials)
     * @param terminal whether {@code err} is a terminal (progress bar) or not (plain lines)
     * @return the exit code ({@link ExitCodes})
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        Context ctx = new Context(out, err, Map.copyOf(env), terminal);
        BaseCommand quick = QuickArgs.parse(args);
        if (quick != null) {
            quick.ctx = ctx;
            try {
                return quick.call();
            } catch (RuntimeException ex) {
                return failed(ex, quick, err);
            } finally {
                out.flush();
                err.flush();
            }
        }
        IFactory factory = factory(ctx);
        CommandLine cl = new CommandLine(new Snf(), factory);
        Class<? extends BaseCommand> named = args.length > 0 ? named(args[0]) : null;
        for (Map.Entry<String, Class<? extends BaseCommand>> c : COMMANDS.entrySet()) {
            if (named == null || named == c.getValue()) {
                cl.addSubcommand(c.getKey(), new CommandLine(c.getValue(), factory));
            }
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, params) -> {
            String sub = ex.getCommandLine().getCommandName();
            String help = "snf".equals(sub) ? "snf --help" : "snf " + sub + " --help";
            err.println("snf: " + ExitCodes.oneLine(ex.getMessage()) + " (see " + help + ")");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failed(ex, commandLine.getCommand(), err));
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** A command that failed: one line (a stack trace with --debug), and the exit code for the failure. */
    private static int failed(Exception ex, Object cmd, PrintStream err) {
        boolean debug = cmd instanceof BaseCommand b && b.common != null && b.common.debug;
        err.println("snf: " + ExitCodes.message(ex));
        if (debug) {
            ex.printStackTrace(err);
        }
        return ExitCodes.of(ex);
    }

    private static IFactory factory(Context ctx) {
        IFactory defaults = CommandLine.defaultFactory();
        return new IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K k = defaults.create(cls);
                if (k instanceof BaseCommand b) {
                    b.ctx = ctx;
                }
                return k;
            }
        };
    }
}
