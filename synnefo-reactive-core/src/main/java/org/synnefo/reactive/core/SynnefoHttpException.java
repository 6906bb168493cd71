package org.synnefo.reactive.core;

import java.time.Duration;
import java.util.Optional;

/**
 * A response with an unexpected HTTP status. Carries the status, the Synnefo fault name (the single
 * top-level key of the fault envelope, such as {@code itemNotFound}, or {@code fault} when a service
 * relays an Astakos error), the fault message and details, and the request's method and URL. The
 * URL never contains a token: tokens travel in headers only and query tokens are redacted.
 *
 * <p>Use {@link #of} to get the subtype that matches a status.
 */
public class SynnefoHttpException extends SynnefoException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String faultName;
    private final String faultMessage;
    private final String details;
    private final String method;
    private final String url;
    private final transient Duration retryAfter;

    /**
     * Creates an exception; prefer {@link #of}, which picks the subtype.
     *
     * @param status the HTTP status
     * @param faultName the fault name, or {@code null} when the body had no fault envelope
     * @param faultMessage the fault message, or a description of the body when it had none
     * @param details the fault details, possibly empty
     * @param method the request method
     * @param url the request URL (no token)
     * @param retryAfter the server's {@code Retry-After}, or {@code null}
     * @param transientFailure whether retrying may succeed
     */
    public SynnefoHttpException(int status, String faultName, String faultMessage, String details, String method,
            String url, Duration retryAfter, boolean transientFailure) {
        super(describe(status, faultName, faultMessage, method, url), null, transientFailure);
        this.status = status;
        this.faultName = faultName;
        this.faultMessage = faultMessage == null ? "" : faultMessage;
        this.details = details == null ? "" : details;
        this.method = method;
        this.url = url;
        this.retryAfter = retryAfter;
    }

    /**
     * The exception of the subtype that matches {@code status}.
     *
     * @param status the HTTP status
     * @param faultName the fault name, or {@code null}
     * @param faultMessage the fault message
     * @param details the fault details
     * @param method the request method
     * @param url the request URL (no token)
     * @param retryAfter the server's {@code Retry-After}, or {@code null}
     * @return the typed exception
     */
    public static SynnefoHttpException of(int status, String faultName, String faultMessage, String details,
            String method, String url, Duration retryAfter) {
        return switch (status) {
            case 400 -> new BadRequestException(faultName, faultMessage, details, method, url);
            case 401 -> new UnauthorizedException(faultName, faultMessage, details, method, url);
            case 403 -> new ForbiddenException(faultName, faultMessage, details, method, url);
            case 404 -> new NotFoundException(faultName, faultMessage, details, method, url);
            case 409 -> new ConflictException(faultName, faultMessage, details, method, url);
            case 412 -> new PreconditionFailedException(faultName, faultMessage, details, method, url);
            case 413 -> new OverLimitException(faultName, faultMessage, details, method, url, retryAfter);
            case 416 -> new RangeNotSatisfiableException(faultName, faultMessage, details, method, url);
            case 429 -> new TooManyRequestsException(faultName, faultMessage, details, method, url, retryAfter);
            default -> status >= 500
                    ? new ServerErrorException(status, faultName, faultMessage, details, method, url, retryAfter)
                    : new SynnefoHttpException(status, faultName, faultMessage, details, method, url, retryAfter,
                            false);
        };
    }

    private static String describe(int status, String faultName, String faultMessage, String method, String url) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(url).append(" -> ").append(status);
        if (faultName != null && !faultName.isEmpty()) {
            sb.append(' ').append(faultName);
        }
        if (faultMessage != null && !faultMessage.isEmpty()) {
            sb.append(": ").append(faultMessage);
        }
        return sb.toString();
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the fault name, such as {@code itemNotFound}, or empty when the body had none */
    public Optional<String> faultName() {
        return Optional.ofNullable(faultName);
    }

    /** @return the fault message (or a short description of a body that was not a fault envelope) */
    public String faultMessage() {
        return faultMessage;
    }

    /** @return the fault details, possibly empty */
    public String details() {
        return details;
    }

    /** @return the request method */
    public String method() {
        return method;
    }

    /** @return the request URL, without any token */
    public String url() {
        return url;
    }

    /** @return the server's {@code Retry-After}, if it sent one */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
