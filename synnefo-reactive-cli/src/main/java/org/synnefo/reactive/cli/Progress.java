package org.synnefo.reactive.cli;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.synnefo.reactive.pithos.transfer.TransferEvent;
import org.synnefo.reactive.pithos.transfer.TransferProgress;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Progress of one command's transfers. Reactor threads only add to counters (never print: printing may
 * block); the main thread, which waits for the transfer anyway, draws what the counters say. On a terminal:
 * one line redrawn with {@code \r} (bar, %, bytes, rate, files). Otherwise: a plain line every few
 * seconds, and one line per finished file of a directory. Nothing with {@code --quiet}.
 */
final class Progress {

    /** How the progress is shown. */
    enum Mode { BAR, PLAIN, NONE }

    private static final long BAR_REFRESH_MS = 200;
    private static final long PLAIN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int BAR_WIDTH = 24;
    /** The size from which a file of a directory transfer shows its own progress. */
    static final long EVENTS_FROM = 4L << 20;

    private final Context ctx;
    private final Mode mode;
    private final String verb;
    private final long totalBytes;
    private final int totalFiles;
    private final LongSupplier clock;
    private final long start;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong files = new AtomicLong();
    private final java.util.concurrent.ConcurrentLinkedQueue<String> finished =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private long lastPlain;
    private int lastWidth;

    Progress(Context ctx, boolean quiet, String verb, long totalBytes, int totalFiles) {
        this(ctx, quiet ? Mode.NONE : ctx.terminal() ? Mode.BAR : Mode.PLAIN, verb, totalBytes, totalFiles,
                System::nanoTime);
    }

    Progress(Context ctx, Mode mode, String verb, long totalBytes, int totalFiles, LongSupplier nanoClock) {
        this.ctx = ctx;
        this.mode = mode;
        this.verb = verb;
        this.totalBytes = totalBytes;
        this.totalFiles = totalFiles;
        this.clock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.lastPlain = start;
    }

    Mode mode() {
        return mode;
    }

    /**
     * Counts one file's transfer events into the totals (safe on any thread).
     *
     * @param events the transfer's events
     * @param size the file's size, counted in full on completion
     * @param label the file's name for the per-file line
     * @return the transfer's result
     */
    <R> Mono<R> track(Flux<TransferEvent<R>> events, long size, String label) {
        AtomicLong seen = new AtomicLong();
        return events.doOnNext(e -> {
            if (e instanceof TransferEvent.Progress<R> p) {
                TransferProgress t = p.progress();
                long done = t.bytesTransferred() + t.bytesSkipped();
                long prev = seen.getAndAccumulate(done, Math::max);
                if (done > prev) {
                    bytes.addAndGet(done - prev);
                }
            }
        }).last().flatMap(e -> {
            if (e instanceof TransferEvent.Completed<R> c) {
                long prev = seen.getAndSet(Math.max(size, seen.get()));
                if (size > prev) {
                    bytes.addAndGet(size - prev);
                }
                files.incrementAndGet();
                if (mode == Mode.PLAIN && totalFiles > 1) {
                    finished.add(label);
                }
                return Mono.just(c.result());
            }
            return Mono.error(new IllegalStateException("transfer ended without a result"));
        });
    }

    /**
     * Whether a file of this size needs the transfer's event stream: only when its bytes are shown while it
     * moves. A small file of a directory is counted when it completes; its events would only cost CPU (a
     * sink, a few snapshots and their hand-offs per file, which added up on thousands of files).
     *
     * @param size the file's size
     * @return true to use {@link #track(Flux, long, String)}, false for {@link #count(Mono, long, String)}
     */
    boolean wantsEvents(long size) {
        return mode != Mode.NONE && (totalFiles <= 1 || size >= EVENTS_FROM);
    }

    /**
     * One file's transfer, followed the way its size calls for ({@link #wantsEvents}): its event stream
     * when its bytes are shown while it moves, else the plain transfer counted when it completes. Only the
     * chosen one is built.
     *
     * @param size the file's size
     * @param label the file's name
     * @param withEvents the transfer as events
     * @param plain the transfer without events
     * @return the transfer's result
     */
    <R> Mono<R> follow(long size, String label, Supplier<Flux<TransferEvent<R>>> withEvents, Supplier<Mono<R>> plain) {
        return wantsEvents(size) ? track(withEvents.get(), size, label) : count(plain.get(), size, label);
    }

    /**
     * Counts one file's transfer, without its events, into the totals when it completes (safe on any thread).
     *
     * @param transfer the transfer
     * @param size the file's size
     * @param label the file's name for the per-file line
     * @return the transfer's result
     */
    <R> Mono<R> count(Mono<R> transfer, long size, String label) {
        return transfer.doOnNext(r -> {
            bytes.addAndGet(size);
            files.incrementAndGet();
            if (mode == Mode.PLAIN && totalFiles > 1) {
                finished.add(label);
            }
        });
    }

    /** Counts a file done without events (e.g. an empty directory marker). */
    void fileDone() {
        files.incrementAndGet();
    }

    /**
     * Waits on the calling (main) thread for the transfer, drawing progress meanwhile.
     *
     * @param transfer the transfer
     * @return its value
     */
    <T> T await(Mono<T> transfer) {
        CompletableFuture<T> f = transfer.toFuture();
        long wait = mode == Mode.BAR ? BAR_REFRESH_MS : 500;
        try {
            while (true) {
                try {
                    T v = f.get(wait, TimeUnit.MILLISECONDS);
                    draw(true);
                    return v;
                } catch (TimeoutException e) {
                    draw(false);
                }
            }
        } catch (ExecutionException e) {
            clearBar();
            Throwable c = e.getCause() != null ? e.getCause() : e;
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "interrupted");
        }
    }

    private void draw(boolean last) {
        switch (mode) {
            case NONE -> {
            }
            case PLAIN -> {
                String name;
                while ((name = finished.poll()) != null) {
                    ctx.err().println(verb + " " + name);
                }
                long now = clock.getAsLong();
                if (!last && now - lastPlain >= PLAIN_EVERY_NANOS) {
                    lastPlain = now;
                    ctx.err().println(verb + ": " + status(now));
                }
            }
            case BAR -> {
                String line = bar(clock.getAsLong());
                int pad = Math.max(0, lastWidth - line.length());
                ctx.err().print("\r" + line + " ".repeat(pad));
                lastWidth = line.length();
                if (last) {
                    ctx.err().print("\r" + " ".repeat(lastWidth) + "\r");
                    lastWidth = 0;
                }
                ctx.err().flush();
            }
            default -> throw new IllegalStateException();
        }
    }

    private void clearBar() {
        if (mode == Mode.BAR && lastWidth > 0) {
            ctx.err().print("\r" + " ".repeat(lastWidth) + "\r");
            ctx.err().flush();
            lastWidth = 0;
        }
    }

    private String status(long now) {
        long b = bytes.get();
        StringBuilder sb = new StringBuilder();
        sb.append(Sizes.bytes(b));
        if (totalBytes > 0) {
            sb.append(" / ").append(Sizes.bytes(totalBytes)).append(String.format(Locale.ROOT, " (%d%%)",
                    percent(b)));
        }
        sb.append(", ").append(Sizes.rate(rate(b, now)));
        if (totalFiles > 1) {
            sb.append(", ").append(files.get()).append('/').append(totalFiles).append(" files");
        }
        return sb.toString();
    }

    String bar(long now) {
        long b = bytes.get();
        int pct = totalBytes > 0 ? percent(b) : (files.get() >= totalFiles ? 100 : 0);
        int filled = pct * BAR_WIDTH / 100;
        StringBuilder sb = new StringBuilder(verb).append(" [");
        sb.append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ");
        sb.append(String.format(Locale.ROOT, "%3d%% ", pct));
        sb.append(Sizes.bytes(b));
        if (totalBytes > 0) {
            sb.append('/').append(Sizes.bytes(totalBytes));
        }
        sb.append("  ").append(Sizes.rate(rate(b, now)));
        if (totalFiles > 1) {
            sb.append("  ").append(files.get()).append('/').append(totalFiles).append(" files");
        }
        return sb.toString();
    }

    private int percent(long b) {
        return (int) Math.min(100, b * 100 / Math.max(1, totalBytes));
    }

    private double rate(long b, long now) {
        double secs = (now - start) / 1e9;
        return secs <= 0 ? 0 : b / secs;
    }

    /** @return seconds since the start */
    double elapsedSeconds() {
        return (clock.getAsLong() - start) / 1e9;
    }

    /** @return bytes counted so far */
    long bytes() {
        return bytes.get();
    }

    /** The final line on stdout, unless quiet: what was done, how much, how fast. */
    void summary(boolean quiet, String what) {
        if (quiet) {
            return;
        }
        double secs = elapsedSeconds();
        ctx.out().println(String.format(Locale.ROOT, "%s %s, %s in %.1f s (%s)", verb, what, Sizes.bytes(bytes.get()),
                secs, Sizes.rate(secs <= 0 ? 0 : bytes.get() / secs)));
    }
}
