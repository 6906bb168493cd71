package org.synnefo.reactive.benchmarks.peers;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.options.PutOptions;

/**
 * jclouds 2.6.0, provider {@code openstack-swift}, through the portable {@link BlobStore} view, logged
 * in with Swift's v1.0 tempauth ({@code jclouds.keystone.credential-type = tempAuthCredentials}).
 * A large file goes up with {@code putBlob(..., multipart())}: a Swift static large object (segments
 * in the same container, named {@code NAME/slo/...}, then the manifest) whose segments are uploaded by
 * jclouds' own pool of {@code jclouds.user-threads} threads (the benchmark's thread count). The segment
 * size is set as jclouds documents it, {@code jclouds.mpu.parts.size} = the benchmark's segment size,
 * but 2.6.0 does not honour it: {@code BaseBlobStore.putMultipartBlob} builds its own
 * {@code MultipartUploadSlicingAlgorithm} with the 32 MiB default (checked: the segment names carry
 * the part size, 33554432), so jclouds' segments are 32 MiB whatever is asked. A small file is one
 * {@code putBlob} (a single PUT). A download is {@code getBlob} with its payload stream copied to the
 * file (one GET, no checksum). Everything else keeps jclouds' defaults (HTTP through the JDK's
 * {@code HttpURLConnection}, its log warnings on stderr).
 */
final class JcloudsPeer implements SwiftPeer {

    private final BlobStoreContext context;
    private final BlobStore store;

    JcloudsPeer(String authUrl, String user, String key, int threads, long segmentBytes) {
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.keystone.credential-type", "tempAuthCredentials");
        overrides.setProperty("jclouds.mpu.parts.size", Long.toString(segmentBytes));
        overrides.setProperty("jclouds.user-threads", Integer.toString(threads));
        context = ContextBuilder.newBuilder("openstack-swift")
                .endpoint(authUrl)
                .credentials(user, key)
                .overrides(overrides)
                .buildView(BlobStoreContext.class);
        store = context.getBlobStore();
    }

    @Override
    public void createContainer(String container) {
        store.createContainerInLocation(null, container);
    }

    @Override
    public void upload(String container, String name, Path file, boolean large) throws Exception {
        Blob blob = store.blobBuilder(name).payload(file.toFile()).contentLength(Files.size(file)).build();
        store.putBlob(container, blob, large ? PutOptions.Builder.multipart() : PutOptions.NONE);
    }

    @Override
    public void download(String container, String name, Path file) throws Exception {
        Blob blob = store.getBlob(container, name);
        if (blob == null) {
            throw new IllegalStateException("no object " + container + "/" + name);
        }
        try (InputStream in = blob.getPayload().openStream()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public List<String> list(String container, String prefix) {
        List<String> names = new ArrayList<>();
        String marker = null;
        do {
            ListContainerOptions options = ListContainerOptions.Builder.prefix(prefix).recursive();
            if (marker != null) {
                options = options.afterMarker(marker);
            }
            PageSet<? extends StorageMetadata> page = store.list(container, options);
            for (StorageMetadata m : page) {
                if (m.getType() == StorageType.BLOB) {
                    names.add(m.getName());
                }
            }
            marker = page.getNextMarker();
        } while (marker != null);
        return names;
    }

    @Override
    public void close() {
        context.close();
    }
}
