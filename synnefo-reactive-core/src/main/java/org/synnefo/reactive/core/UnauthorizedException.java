package org.synnefo.reactive.core;


/**
 * HTTP 401: the token is missing, unknown or expired ({@code unauthorized}, or {@code fault} when relayed from Astakos).
 */
public class UnauthorizedException extends SynnefoHttpException {

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
    public UnauthorizedException(String faultName, String faultMessage, String details, String method, String url) {
        super(401, faultName, faultMessage, details, method, url, null, false);
    }
}
