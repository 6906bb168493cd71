package org.synnefo.reactive.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What one run of the command line talks to: its output streams, its environment, and whether stderr is a
 * terminal (progress bar) or not (plain lines). Injected so that tests run the CLI in-process.
 *
 * @param out results (listings, info, summaries)
 * @param err progress and errors
 * @param env the environment variables (credentials)
 * @param terminal whether to draw a progress bar
 */
record Context(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {

    String env(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }
}
