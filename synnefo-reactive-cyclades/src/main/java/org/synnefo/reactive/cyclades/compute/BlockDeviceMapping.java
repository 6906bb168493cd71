package org.synnefo.reactive.cyclades.compute;

import java.util.Objects;

/**
 * One entry of {@code block_device_mapping_v2}: a volume to create the server with. The first entry is the
 * root volume and cannot be {@code blank}.
 *
 * @param sourceType {@code image}, {@code volume}, {@code snapshot} or {@code blank}
 * @param uuid the source's id (image, volume or snapshot), or {@code null} for blank
 * @param volumeSizeGiB the size in GiB, or {@code null}
 * @param deleteOnTermination whether the volume is deleted with the server, or {@code null} for the default
 */
public record BlockDeviceMapping(String sourceType, String uuid, Integer volumeSizeGiB, Boolean deleteOnTermination) {

    /** Rejects a null source type. */
    public BlockDeviceMapping {
        Objects.requireNonNull(sourceType, "sourceType");
    }
}
