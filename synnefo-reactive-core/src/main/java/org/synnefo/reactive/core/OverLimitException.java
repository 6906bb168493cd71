package org.synnefo.reactive.core;

import java.time.Duration;

/**
 * HTTP 413: a quota or size limit would be exceeded ({@code overLimit}, {@code requestEntityTooLarge}).
 */
public class OverLimitException extends SynnefoHttpException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param faultName the fault name, or {@code null}
     * @param faultMessage the fault message
     * @param details the fault details
     * @param method the request method
     * @param url the request URL (no token)
     * @param retryAfter the server's {@code Retry-After}, or {@code null}
     */
    public OverLimitException(String faultName, String faultMessage, String details, String method, String url, Duration retryAfter) {
        super(413, faultName, faultMessage, details, method, url, retryAfter, false);
    }
}
