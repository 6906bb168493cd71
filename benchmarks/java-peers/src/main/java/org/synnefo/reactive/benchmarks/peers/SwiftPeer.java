package org.synnefo.reactive.benchmarks.peers;

import java.nio.file.Path;
import java.util.List;

/**
 * The few blocking Swift operations {@link JavaPeer} needs from a client library: one implementation
 * per library, each a thin layer over that library's public API, with its defaults left alone except
 * for the concurrency and segment size every tool in the benchmark gets.
 */
interface SwiftPeer extends AutoCloseable {

    /** Creates the container if it does not exist (the other tools create it on upload too). */
    void createContainer(String container) throws Exception;

    /**
     * Uploads one file as one object; {@code large} is true when the file exceeds the segment size,
     * for libraries that then upload it in segments.
     */
    void upload(String container, String name, Path file, boolean large) throws Exception;

    /** Downloads one object into {@code file} (its parent directory exists). */
    void download(String container, String name, Path file) throws Exception;

    /** Names of every object whose name starts with {@code prefix}, all listing pages. */
    List<String> list(String container, String prefix) throws Exception;

    @Override
    void close();
}
