package org.synnefo.reactive.examples.webflux;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The cloud the service talks to.
 *
 * @param authUrl the identity endpoint, e.g. {@code https://accounts.example.org/identity/v2.0}
 * @param token the service's token (never logged: {@link #toString()} hides it)
 * @param container the Pithos container that {@code /files} reads and writes; default {@code files}
 */
@ConfigurationProperties("synnefo")
public record SynnefoProperties(String authUrl, String token, String container) {

    /** Defaults the container. */
    public SynnefoProperties {
        container = container == null || container.isBlank() ? "files" : container;
    }

    /** Hides the token. */
    @Override
    public String toString() {
        return "SynnefoProperties[authUrl=" + authUrl + ", token=<redacted>, container=" + container + "]";
    }
}
