package org.synnefo.reactive.core.paging;

import java.util.List;
import java.util.Objects;
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
        return Flux.defer(() -> page(null, pageSize, fetch, markerOf));
    }

    private static <T> Flux<T> page(String marker, int pageSize, Function<PageRequest, Mono<List<T>>> fetch,
            Function<T, String> markerOf) {
        return fetch.apply(new PageRequest(marker, pageSize))
                .flatMapMany(items -> {
                    Flux<T> current = Flux.fromIterable(items);
                    if (items.size() < pageSize || items.isEmpty()) {
                        return current;
                    }
                    String next = markerOf.apply(items.get(items.size() - 1));
                    // concatWith subscribes to the next page only after this one is drained and more is requested
                    return current.concatWith(Flux.defer(() -> page(next, pageSize, fetch, markerOf)));
                });
    }
}
