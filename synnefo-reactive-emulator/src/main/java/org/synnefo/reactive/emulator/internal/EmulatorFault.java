package org.synnefo.reactive.emulator.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown (or returned as an error signal) by a service handler to answer with a Synnefo fault
 * envelope: {@code {"<name>": {"code": status, "message": ..., "details": ...}}}. The router turns it
 * into the response, so handlers never format faults themselves.
 */
public final class EmulatorFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String faultName;
    private final String details;
    private final Map<String, String> headers;
    private final boolean emptyBody;

    public EmulatorFault(int status, String faultName, String message) {
        this(status, faultName, message, "", Map.of(), false);
    }

    private EmulatorFault(int status, String faultName, String message, String details,
            Map<String, String> headers, boolean emptyBody) {
        super(message, null, false, false);
        this.status = status;
        this.faultName = faultName;
        this.details = details;
        this.headers = headers;
        this.emptyBody = emptyBody;
    }

    /** A copy with the given details text. */
    public EmulatorFault withDetails(String newDetails) {
        return new EmulatorFault(status, faultName, getMessage(), newDetails, headers, emptyBody);
    }

    /** A copy that also sets a response header (for example {@code Allow} on a 405). */
    public EmulatorFault withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new EmulatorFault(status, faultName, getMessage(), details, Map.copyOf(h), emptyBody);
    }

    /** A copy answered with no body at all (Django-style 405s, 304, HEAD). */
    public EmulatorFault withEmptyBody() {
        return new EmulatorFault(status, faultName, getMessage(), details, headers, true);
    }

    public int status() { return status; }
    public String faultName() { return faultName; }
    public String details() { return details; }
    public Map<String, String> headers() { return headers; }
    public boolean emptyBody() { return emptyBody; }

    public static EmulatorFault badRequest(String message) { return new EmulatorFault(400, "badRequest", message); }
    public static EmulatorFault unauthorized(String message) { return new EmulatorFault(401, "unauthorized", message); }
    public static EmulatorFault forbidden(String message) { return new EmulatorFault(403, "forbidden", message); }
    public static EmulatorFault notFound(String message) { return new EmulatorFault(404, "itemNotFound", message); }
    public static EmulatorFault conflict(String message) { return new EmulatorFault(409, "conflict", message); }
    public static EmulatorFault buildInProgress(String message) { return new EmulatorFault(409, "buildInProgress", message); }
    public static EmulatorFault lengthRequired(String message) { return new EmulatorFault(411, "lengthRequired", message); }
    public static EmulatorFault preconditionFailed(String message) { return new EmulatorFault(412, "preconditionFailed", message); }
    public static EmulatorFault overLimit(String message) { return new EmulatorFault(413, "overLimit", message); }
    public static EmulatorFault tooLarge(String message) { return new EmulatorFault(413, "requestEntityTooLarge", message); }
    public static EmulatorFault badMediaType(String message) { return new EmulatorFault(415, "badMediaType", message); }
    public static EmulatorFault rangeNotSatisfiable(String message) { return new EmulatorFault(416, "rangeNotSatisfiable", message); }
    public static EmulatorFault notImplemented(String message) { return new EmulatorFault(501, "notImplemented", message); }

    /** 405 with the {@code Allow} header, comma separated without spaces, as Synnefo's JSON faults do. */
    public static EmulatorFault notAllowed(String... allowed) {
        return new EmulatorFault(405, "notAllowed", "Method not allowed").withHeader("Allow", String.join(",", allowed));
    }
}
