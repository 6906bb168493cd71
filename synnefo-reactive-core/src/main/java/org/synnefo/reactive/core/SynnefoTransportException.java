package org.synnefo.reactive.core;

/**
 * The exchange failed below HTTP: connection refused or reset, the connection closed before or in the
 * middle of a response, or no pooled connection could be acquired. Transient unless stated otherwise.
 */
public class SynnefoTransportException extends SynnefoException {

    private static final long serialVersionUID = 1L;

    private final String method;
    private final String url;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param method the request method
     * @param url the request URL (no token)
     * @param cause the underlying cause
     * @param transientFailure whether retrying may succeed
     */
    public SynnefoTransportException(String message, String method, String url, Throwable cause,
            boolean transientFailure) {
        super(method + " " + url + ": " + message, cause, transientFailure);
        this.method = method;
        this.url = url;
    }

    /** @return the request method */
    public String method() {
        return method;
    }

    /** @return the request URL, without any token */
    public String url() {
        return url;
    }
}
