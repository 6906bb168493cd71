package org.synnefo.reactive.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.TimeoutException;
import org.synnefo.reactive.core.CallRejectedException;
import org.synnefo.reactive.core.ForbiddenException;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.SynnefoHttpException;
import org.synnefo.reactive.core.SynnefoTransportException;
import org.synnefo.reactive.core.UnauthorizedException;
import org.synnefo.reactive.pithos.IntegrityException;
import reactor.core.Exceptions;

/**
 * The exit codes of {@code snf}, which scripts may rely on, and how a failure maps to one.
 *
 * <table>
 * <caption>Exit codes</caption>
 * <tr><td>0</td><td>success</td></tr>
 * <tr><td>1</td><td>any other failure (e.g. a server error, a conflict, a partly failed directory
 * transfer whose files failed for different reasons)</td></tr>
 * <tr><td>2</td><td>usage error: unknown option, missing argument, bad {@code CONTAINER/NAME}, a
 * directory without {@code -r}, missing or conflicting credentials</td></tr>
 * <tr><td>3</td><td>not found: local file or directory, container, object</td></tr>
 * <tr><td>4</td><td>authentication or permission failure (401, 403)</td></tr>
 * <tr><td>5</td><td>server unreachable, timed out or temporarily unavailable (connection refused, DNS,
 * 502/503/504, circuit open): worth retrying later</td></tr>
 * <tr><td>6</td><td>integrity failure: the data received or stored does not match its hash</td></tr>
 * </table>
 */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** Any other failure. */
    public static final int FAILURE = 1;
    /** Bad command line or missing/conflicting credentials. */
    public static final int USAGE = 2;
    /** A local path, container or object does not exist. */
    public static final int NOT_FOUND = 3;
    /** Authentication or authorisation refused. */
    public static final int AUTH = 4;
    /** The server cannot be reached or is temporarily unavailable. */
    public static final int UNAVAILABLE = 5;
    /** Data does not match its hash. */
    public static final int INTEGRITY = 6;

    private ExitCodes() {
    }

    /**
     * @param error a failure (possibly wrapped by Reactor's {@code block()})
     * @return its exit code
     */
    public static int of(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof CliException c) {
            return c.exitCode();
        }
        if (e instanceof IntegrityException) {
            return INTEGRITY;
        }
        if (e instanceof UnauthorizedException || e instanceof ForbiddenException) {
            return AUTH;
        }
        if (e instanceof NotFoundException || e instanceof NoSuchFileException) {
            return NOT_FOUND;
        }
        if (e instanceof SynnefoTransportException || e instanceof CallRejectedException
                || e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof TimeoutException) {
            return UNAVAILABLE;
        }
        if (e instanceof SynnefoHttpException h && h.isTransient()) {
            return UNAVAILABLE;
        }
        if (e instanceof SynnefoException s && s.isTransient()) {
            return UNAVAILABLE;
        }
        return FAILURE;
    }

    /**
     * One line for stderr: no class names or stack traces for the failures users cause (bad token, missing
     * file, unreachable server).
     *
     * @param error a failure
     * @return the message
     */
    public static String message(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof CliException c) {
            return c.getMessage();
        }
        if (e instanceof UnauthorizedException h) {
            return "authentication failed (" + h.status() + "): check the token or the key" + where(h);
        }
        if (e instanceof ForbiddenException h) {
            return "permission denied (" + h.status() + ")" + where(h);
        }
        if (e instanceof NotFoundException h) {
            return "not found" + where(h);
        }
        if (e instanceof SynnefoTransportException t) {
            // the transport names the Java exception class, which tells a user nothing
            return "cannot reach the server: " + oneLine(String.valueOf(t.getMessage()))
                    .replaceAll("\\(\\w+(Exception|Error): ", "(");
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file or directory: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "already exists: " + f.getFile();
        }
        if (e instanceof NotDirectoryException f) {
            return "not a directory: " + f.getFile();
        }
        if (e instanceof IntegrityException) {
            return "integrity check failed: " + e.getMessage();
        }
        if (e instanceof IOException) {
            return "I/O error: " + oneLine(e.getMessage() != null ? e.getMessage() : e.toString());
        }
        String m = e.getMessage();
        return oneLine(m == null || m.isBlank() ? e.toString() : m);
    }

    private static String where(SynnefoHttpException h) {
        String fault = h.faultMessage() == null || h.faultMessage().isBlank() ? "" : ": " + h.faultMessage();
        return " (" + h.method() + " " + h.url() + ")" + oneLine(fault);
    }

    static String oneLine(String s) {
        String t = s.replaceAll("[\\r\\n]+", " ").trim();
        return t.length() > 500 ? t.substring(0, 500) + "..." : t;
    }

    /** Reactor's block() wraps checked exceptions; a composite keeps the first. */
    static Throwable unwrap(Throwable error) {
        Throwable e = Exceptions.unwrap(error);
        if (Exceptions.isMultiple(e)) {
            var all = Exceptions.unwrapMultiple(e);
            if (!all.isEmpty()) {
                e = all.get(0);
            }
        }
        return e;
    }
}
