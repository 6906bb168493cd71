package org.synnefo.reactive.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What the examples print, captured for assertions (a test thread reads, event loops write). */
final class Output {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** @return everything printed since the last call, and forgets it */
    synchronized String take() {
        stream.flush();
        synchronized (bytes) {
            String s = bytes.toString(StandardCharsets.UTF_8);
            bytes.reset();
            return s;
        }
    }
}
