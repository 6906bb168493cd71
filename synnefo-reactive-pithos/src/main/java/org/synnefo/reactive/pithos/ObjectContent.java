package org.synnefo.reactive.pithos;

/**
 * An object (or a range of it) read into memory, for small objects; stream large ones with
 * {@code downloadObject}.
 *
 * @param info the response headers as object info ({@code contentLength} is the length of what was sent)
 * @param status 200, or 206 for a range
 * @param contentRange {@code Content-Range} for a range, or null
 * @param data the bytes
 */
public record ObjectContent(ObjectInfo info, int status, String contentRange, byte[] data) {
}
