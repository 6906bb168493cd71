package org.synnefo.reactive.benchmarks.peers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.javaswift.joss.client.factory.AccountConfig;
import org.javaswift.joss.client.factory.AccountFactory;
import org.javaswift.joss.client.factory.AuthenticationMethod;
import org.javaswift.joss.model.Account;
import org.javaswift.joss.model.Container;
import org.javaswift.joss.model.StoredObject;

/**
 * JOSS 0.10.4 (Java OpenStack Storage), logged in with Swift's v1.0 tempauth. An upload is
 * {@code StoredObject.uploadObject(File)}: one PUT of the whole file (JOSS only segments files above
 * its default segmentation size, 5 GiB, more than the benchmark uploads). A download is
 * {@code StoredObject.downloadObject(File)} (one GET; JOSS compares the MD5 of what it wrote with the
 * ETag). JOSS has no thread setting of its own: concurrency comes from {@link JavaPeer}'s pool for
 * directories, over JOSS' default connection pool (25 per host). Only the socket timeout is raised from
 * its default so that a slow 1 GiB transfer on a loaded machine is not cut off.
 */
final class JossPeer implements SwiftPeer {

    private static final int LISTING_PAGE = 10_000; // Swift's default container_listing_limit

    private final Account account;

    JossPeer(String authUrl, String user, String key) {
        AccountConfig config = new AccountConfig();
        config.setAuthUrl(authUrl);
        config.setUsername(user);
        config.setPassword(key);
        config.setAuthenticationMethod(AuthenticationMethod.TEMPAUTH);
        config.setSocketTimeout(600_000);
        account = new AccountFactory(config).createAccount();
    }

    @Override
    public void createContainer(String container) {
        Container c = account.getContainer(container);
        if (!c.exists()) {
            c.create();
        }
    }

    @Override
    public void upload(String container, String name, Path file, boolean large) {
        account.getContainer(container).getObject(name).uploadObject(file.toFile());
    }

    @Override
    public void download(String container, String name, Path file) {
        account.getContainer(container).getObject(name).downloadObject(file.toFile());
    }

    @Override
    public List<String> list(String container, String prefix) {
        Container c = account.getContainer(container);
        List<String> names = new ArrayList<>();
        String marker = null;
        while (true) {
            Collection<StoredObject> page = c.list(prefix, marker, LISTING_PAGE);
            for (StoredObject o : page) {
                names.add(o.getName());
            }
            if (page.size() < LISTING_PAGE) {
                return names;
            }
            marker = names.get(names.size() - 1);
        }
    }

    @Override
    public void close() {
        // JOSS keeps no resources that outlive the process worth releasing.
    }
}
