package org.synnefo.reactive.core;


/**
 * HTTP 416: the requested byte range lies outside the object ({@code rangeNotSatisfiable}).
 */
public class RangeNotSatisfiableException extends SynnefoHttpException {

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
    public RangeNotSatisfiableException(String faultName, String faultMessage, String details, String method, String url) {
        super(416, faultName, faultMessage, details, method, url, null, false);
    }
}
