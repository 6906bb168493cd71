package org.synnefo.reactive.pithos;

/**
 * Where a copy or a move goes and how (synnefo-api.md §6.5 COPY/MOVE). Sharing and publication are not
 * carried over by the server; none is sent unless set in {@link #write()}.
 *
 * @param destinationContainer the target container; the source's when null
 * @param destinationName the target name; the source's when null
 * @param destinationAccount {@code Destination-Account}: another account's container (needs write
 *        access), or null for the same account
 * @param sourceVersion {@code X-Source-Version}: copy an old version (copy only), or null
 * @param recursive {@code ?delimiter=/}: the object and everything under {@code name/}
 * @param ignoreContentType {@code ?ignore_content_type}
 * @param write headers of the new object (content type, metadata merged into the copied metadata,
 *        sharing, public, If-Match)
 */
public record CopyOptions(String destinationContainer, String destinationName, String destinationAccount,
        Long sourceVersion, boolean recursive, boolean ignoreContentType, WriteOptions write) {

    /** Copies. */
    public CopyOptions {
        write = write == null ? WriteOptions.defaults() : write;
    }

    /**
     * @param container the target container
     * @param name the target name
     * @return options copying to {@code container/name} in the same account
     */
    public static CopyOptions to(String container, String name) {
        return new CopyOptions(container, name, null, null, false, false, WriteOptions.defaults());
    }

    /** @param account the target account @return a copy */
    public CopyOptions withDestinationAccount(String account) {
        return new CopyOptions(destinationContainer, destinationName, account, sourceVersion, recursive,
                ignoreContentType, write);
    }

    /** @param v the source version @return a copy */
    public CopyOptions withSourceVersion(Long v) {
        return new CopyOptions(destinationContainer, destinationName, destinationAccount, v, recursive,
                ignoreContentType, write);
    }

    /** @return a copy that copies/moves the whole directory under the name */
    public CopyOptions withRecursive() {
        return new CopyOptions(destinationContainer, destinationName, destinationAccount, sourceVersion, true,
                ignoreContentType, write);
    }

    /** @return a copy that keeps the source's content type */
    public CopyOptions withIgnoreContentType() {
        return new CopyOptions(destinationContainer, destinationName, destinationAccount, sourceVersion, recursive,
                true, write);
    }

    /** @param w headers of the new object @return a copy */
    public CopyOptions withWrite(WriteOptions w) {
        return new CopyOptions(destinationContainer, destinationName, destinationAccount, sourceVersion, recursive,
                ignoreContentType, w);
    }
}
