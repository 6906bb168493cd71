package org.synnefo.reactive.cyclades.compute;

/**
 * Server list filters, sent as query parameters ({@code name}, {@code status}, {@code image},
 * {@code flavor}, {@code host}); {@code null} components are not sent. Synnefo applies
 * {@code changes-since} but may ignore the others, so filter the resulting {@code Flux} as well when it
 * matters.
 *
 * @param name server name
 * @param status server status
 * @param imageId image id
 * @param flavorId flavor id
 * @param host host
 */
public record ServerFilters(String name, ServerStatus status, String imageId, String flavorId, String host) {

    private static final ServerFilters NONE = new ServerFilters(null, null, null, null, null);

    /** @return no filters */
    public static ServerFilters none() {
        return NONE;
    }
}
