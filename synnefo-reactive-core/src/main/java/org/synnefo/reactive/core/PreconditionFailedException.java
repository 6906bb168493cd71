package org.synnefo.reactive.core;


/**
 * HTTP 412: a condition such as {@code If-Match} did not hold ({@code preconditionFailed}).
 */
public class PreconditionFailedException extends SynnefoHttpException {

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
    public PreconditionFailedException(String faultName, String faultMessage, String details, String method, String url) {
        super(412, faultName, faultMessage, details, method, url, null, false);
    }
}
