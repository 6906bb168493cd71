package org.synnefo.reactive.core;

/** A connect, response or per-attempt timeout elapsed. Transient. */
public class SynnefoTimeoutException extends SynnefoTransportException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which timeout elapsed
     * @param method the request method
     * @param url the request URL (no token)
     * @param cause the underlying cause
     */
    public SynnefoTimeoutException(String message, String method, String url, Throwable cause) {
        super(message, method, url, cause, true);
    }
}
