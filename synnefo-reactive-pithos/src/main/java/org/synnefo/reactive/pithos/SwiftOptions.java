package org.synnefo.reactive.pithos;

/**
 * How the client transfers objects to a server that speaks only the OpenStack Swift API (detected per
 * container: no {@code X-Container-Block-Hash} / {@code X-Container-Block-Size} in its HEAD; or forced with
 * {@link PithosClient.Builder#swiftCompatible(boolean)}).
 *
 * <p>Uploads: a file up to {@code segmentSize} is one {@code PUT} with {@code ETag} = its MD5 (computed
 * before sending, off the event loop), which Swift checks before storing (422 otherwise, surfaced as an
 * {@link IntegrityException}). A larger file becomes a static large object: segments of
 * {@code segmentSize} bytes, each one such verified {@code PUT}, {@code concurrency} at a time, into the
 * container {@code <container> + segmentContainerSuffix} (created when missing; {@code _segments} is what
 * the {@code swift} CLI uses), then the manifest ({@code ?multipart-manifest=put}), whose ETag is checked
 * against the MD5 of the segment MD5s. Replacing a static large object deletes its old segments afterwards.
 *
 * <p>Downloads: parallel ranged {@code GET}s pinned with {@code If-Match}, each streamed to its offset in
 * the file; the content is verified against the ETag (MD5) of the object, or of each segment for a static
 * large object (from {@code ?multipart-manifest=get}, itself checked against the object's ETag). A plain
 * object is cut every {@code partSize} bytes; a static large object's ranges follow its segments (small
 * ones grouped up to {@code partSize}, larger ones whole) so that each is hashed as it arrives.
 *
 * @param segmentSize bytes per segment of a static large object, and the largest file sent as a single
 *        {@code PUT} (default {@value #DEFAULT_SEGMENT_SIZE}, 64 MiB; Swift allows at most 5 GiB)
 * @param partSize bytes per ranged {@code GET} of a download of a plain object, and up to which small
 *        segments are grouped in one (default {@value #DEFAULT_PART_SIZE}, 16 MiB)
 * @param segmentContainerSuffix appended to the container name to name the segments container (default
 *        {@value #DEFAULT_SEGMENT_CONTAINER_SUFFIX})
 */
public record SwiftOptions(long segmentSize, long partSize, String segmentContainerSuffix) {

    /** Default segment size: 64 MiB. */
    public static final long DEFAULT_SEGMENT_SIZE = 64L << 20;
    /** Default ranged-GET size: 16 MiB. */
    public static final long DEFAULT_PART_SIZE = 16L << 20;
    /** Default segments container suffix: {@code _segments}. */
    public static final String DEFAULT_SEGMENT_CONTAINER_SUFFIX = "_segments";
    /** Swift's default largest object ({@code max_file_size}): 5 GiB. */
    public static final long MAX_SEGMENT_SIZE = 5L << 30;

    /** Validates. */
    public SwiftOptions {
        if (segmentSize < 1 || segmentSize > MAX_SEGMENT_SIZE || partSize < 1) {
            throw new IllegalArgumentException("segmentSize must be 1 byte .. 5 GiB and partSize >= 1");
        }
        if (segmentContainerSuffix == null || segmentContainerSuffix.isEmpty() || segmentContainerSuffix.contains("/")) {
            throw new IllegalArgumentException("segmentContainerSuffix must be non-empty and without '/'");
        }
    }

    /** @return the defaults */
    public static SwiftOptions defaults() {
        return new SwiftOptions(DEFAULT_SEGMENT_SIZE, DEFAULT_PART_SIZE, DEFAULT_SEGMENT_CONTAINER_SUFFIX);
    }

    /** @param bytes the segment size @return a copy */
    public SwiftOptions withSegmentSize(long bytes) {
        return new SwiftOptions(bytes, partSize, segmentContainerSuffix);
    }

    /** @param bytes the ranged-GET size @return a copy */
    public SwiftOptions withPartSize(long bytes) {
        return new SwiftOptions(segmentSize, bytes, segmentContainerSuffix);
    }

    /** @param suffix the segments container suffix @return a copy */
    public SwiftOptions withSegmentContainerSuffix(String suffix) {
        return new SwiftOptions(segmentSize, partSize, suffix);
    }
}
