package org.synnefo.reactive.core;


/**
 * HTTP 403: the caller may not do this ({@code forbidden}).
 */
public class ForbiddenException extends SynnefoHttpException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param faultName the fault name, or {@code null}
     * @param faultMessage the fault message
     * @param details the fault details
     * @param method the request method
     * @param url the request URL (no token)
     */
    public ForbiddenException(String faultName, String faultMessage, String details, String method, String url) {
        super(403, faultName, faultMessage, details, method, url, null, false);
    }
}
