package org.synnefo.reactive.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Runs {@link Snf#run} in-process with captured output. */
final class CliRunner {

    /** What one run gave. */
    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Map<String, String> env;
    private final boolean terminal;

    CliRunner(Map<String, String> env, boolean terminal) {
        this.env = env;
        this.terminal = terminal;
    }

    CliRunner terminal(boolean t) {
        return new CliRunner(env, t);
    }

    CliRunner env(Map<String, String> e) {
        return new CliRunner(e, terminal);
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Snf.run(args, o, e, env, terminal);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
