package org.synnefo.reactive.core.paging;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Disposable;
import reactor.core.publisher.FluxSink;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Marker/limit listings as lazily paged {@link Flux}es: the next page is requested only when the
 * subscriber has consumed the current one and asks for more, so {@code take(1)} costs one request.
 */
public final class Paging {

    private Paging() {
    }

    /**
     * One page request.
     *
     * @param marker the last item of the previous page, or {@code null} for the first page
     * @param limit the page size
     */
    public record PageRequest(String marker, int limit) {
    }

    /**
     * Pages a marker/limit listing. A page shorter than {@code pageSize} (or empty) ends the listing.
     *
     * @param pageSize items per page (positive)
     * @param fetch fetches one page
     * @param markerOf the marker of an item (its name, for Pithos)
     * @param <T> the item type
     * @return every item, fetched page by page on demand
     */
    public static <T> Flux<T> byMarker(int pageSize, Function<PageRequest, Mono<List<T>>> fetch,
            Function<T, String> markerOf) {
        if (pageSize <= 0) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        Objects.requireNonNull(fetch, "fetch");
        Objects.requireNonNull(markerOf, "markerOf");
        return Flux.create(sink -> new Pager<>(sink, pageSize, fetch, markerOf).start());
    }

    /**
     * Emits buffered items within the subscriber's demand and fetches the next page only when the buffer
     * is empty and demand is outstanding. A work-in-progress counter serialises the drain loop between
     * request signals and page arrivals, which may come from different threads.
     */
    private static final class Pager<T> {
        private final FluxSink<T> sink;
        private final int pageSize;
        private final Function<PageRequest, Mono<List<T>>> fetch;
        private final Function<T, String> markerOf;
        private final Queue<T> buffer = new ConcurrentLinkedQueue<>();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile String marker;
        private volatile boolean lastPage;
        private volatile boolean fetching;
        private volatile Throwable error;
        private volatile Disposable inflight;

        Pager(FluxSink<T> sink, int pageSize, Function<PageRequest, Mono<List<T>>> fetch,
                Function<T, String> markerOf) {
            this.sink = sink;
            this.pageSize = pageSize;
            this.fetch = fetch;
            this.markerOf = markerOf;
        }

        void start() {
            sink.onDispose(() -> {
                Disposable d = inflight;
                if (d != null) {
                    d.dispose();
                }
            });
            sink.onRequest(n -> drain());
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                while (sink.requestedFromDownstream() > 0 && !sink.isCancelled()) {
                    T next = buffer.poll();
                    if (next == null) {
                        break;
                    }
                    sink.next(next);
                }
                if (sink.isCancelled()) {
                    buffer.clear();
                    return;
                }
                if (buffer.isEmpty() && !fetching) {
                    if (error != null) {
                        sink.error(error);
                        return;
                    }
                    if (lastPage) {
                        sink.complete();
                        return;
                    }
                    if (sink.requestedFromDownstream() > 0) {
                        fetchNext();
                    }
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void fetchNext() {
            fetching = true;
            boolean[] gotPage = new boolean[1];
            Mono<List<T>> page;
            try {
                page = Objects.requireNonNull(fetch.apply(new PageRequest(marker, pageSize)), "page");
            } catch (RuntimeException e) {
                error = e;
                fetching = false;
                return;
            }
            inflight = page.subscribe(items -> {
                gotPage[0] = true;
                if (items.size() < pageSize || items.isEmpty()) {
                    lastPage = true;
                } else {
                    marker = markerOf.apply(items.get(items.size() - 1));
                }
                buffer.addAll(items);
            }, e -> {
                error = e;
                fetching = false;
                drain();
            }, () -> {
                if (!gotPage[0]) {
                    lastPage = true;
                }
                fetching = false;
                drain();
            });
        }
    }
}
