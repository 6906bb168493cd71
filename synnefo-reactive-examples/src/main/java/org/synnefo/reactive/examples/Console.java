package org.synnefo.reactive.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A {@code PrintStream} for the examples' output whose writes to the terminal happen on one worker of
 * {@link Schedulers#boundedElastic()}, in order. The examples print from the event loops that deliver their
 * responses; writing to a terminal there would block those threads, so each completed line is handed
 * over instead.
 */
final class Console implements AutoCloseable {

    private final PrintStream target;
    private final Scheduler.Worker worker = Schedulers.boundedElastic().createWorker();
    private final PrintStream stream;

    Console(PrintStream target) {
        this.target = target;
        this.stream = new PrintStream(new LineHandOff(), true, StandardCharsets.UTF_8);
    }

    /** @return the stream to print to, from any thread */
    PrintStream stream() {
        return stream;
    }

    /** Writes what is pending and stops the worker. */
    @Override
    public void close() {
        stream.flush();
        CountDownLatch drained = new CountDownLatch(1);
        worker.schedule(drained::countDown);
        try {
            drained.await(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.dispose();
        target.flush();
    }

    /** Collects bytes until a newline (or a flush), then schedules the write of the whole chunk. */
    private final class LineHandOff extends OutputStream {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            pending.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    flush();
                    return;
                }
            }
        }

        @Override
        public synchronized void flush() {
            if (pending.size() == 0) {
                return;
            }
            byte[] chunk = pending.toByteArray();
            pending.reset();
            worker.schedule(() -> {
                target.write(chunk, 0, chunk.length);
                target.flush();
            });
        }
    }
}
