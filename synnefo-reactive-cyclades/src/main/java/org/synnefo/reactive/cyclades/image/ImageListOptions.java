package org.synnefo.reactive.cyclades.image;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to list images: detail or not, filters ({@code name}, {@code container_format}, {@code disk_format},
 * {@code status}, {@code size_min}, {@code size_max}, {@code owner}...) and ordering. Synnefo parses the
 * filters but may not apply them all, so filter the resulting Flux too when it matters.
 *
 * @param detail whether to get details ({@code /images/detail})
 * @param filters query filters
 * @param sortKey {@code id, name, status, size, disk_format, container_format, created_at, updated_at}, or
 *        {@code null} for the server's default ({@code created_at})
 * @param ascending sort direction, or {@code null} for the server's default (descending)
 */
public record ImageListOptions(boolean detail, Map<String, String> filters, String sortKey, Boolean ascending) {

    /** Copies the filters. */
    public ImageListOptions {
        filters = filters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    /** @return details, no filters, the server's ordering */
    public static ImageListOptions defaults() {
        return new ImageListOptions(true, Map.of(), null, null);
    }

    /** @param value whether to get details @return a copy */
    public ImageListOptions withDetail(boolean value) {
        return new ImageListOptions(value, filters, sortKey, ascending);
    }

    /** @param name a filter name @param value its value @return a copy with the filter added */
    public ImageListOptions withFilter(String name, String value) {
        Map<String, String> f = new LinkedHashMap<>(filters);
        f.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return new ImageListOptions(detail, f, sortKey, ascending);
    }

    /**
     * Orders like kamaki's {@code order}: a field name, prefixed by {@code -} for descending.
     *
     * @param order e.g. {@code name} or {@code -created_at}
     * @return a copy
     */
    public ImageListOptions withOrder(String order) {
        Objects.requireNonNull(order);
        boolean desc = order.startsWith("-");
        return new ImageListOptions(detail, filters, desc ? order.substring(1) : order, !desc);
    }
}
