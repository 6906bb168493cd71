package org.synnefo.reactive.core;

import java.time.Duration;

/**
 * HTTP 5xx. 502, 503 and 504 are transient (a proxy or an overloaded service: the same request may
 * succeed later); 500 and 501 are not, since the server failed on this very request.
 */
public class ServerErrorException extends SynnefoHttpException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param status the 5xx status
     * @param faultName the fault name, or {@code null}
     * @param faultMessage the fault message
     * @param details the fault details
     * @param method the request method
     * @param url the request URL (no token)
     * @param retryAfter the server's {@code Retry-After}, or {@code null}
     */
    public ServerErrorException(int status, String faultName, String faultMessage, String details, String method,
            String url, Duration retryAfter) {
        super(status, faultName, faultMessage, details, method, url, retryAfter,
                status == 502 || status == 503 || status == 504);
    }
}
