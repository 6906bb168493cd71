package org.synnefo.reactive.core;


/**
 * HTTP 409: the resource's state forbids the request ({@code conflict}, {@code buildInProgress}).
 */
public class ConflictException extends SynnefoHttpException {

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
    public ConflictException(String faultName, String faultMessage, String details, String method, String url) {
        super(409, faultName, faultMessage, details, method, url, null, false);
    }
}
