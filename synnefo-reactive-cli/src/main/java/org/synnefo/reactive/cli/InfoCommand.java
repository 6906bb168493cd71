package org.synnefo.reactive.cli;

import java.util.Map;
import org.synnefo.reactive.pithos.AccountInfo;
import org.synnefo.reactive.pithos.ContainerInfo;
import org.synnefo.reactive.pithos.ObjectInfo;
import org.synnefo.reactive.pithos.PithosClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code snf info [CONTAINER[/NAME]]}. */
@Command(name = "info", aliases = "stat", description = {
        "Shows an object's (or a container's, or with no argument the account's) properties and metadata, "
                + "one 'key: value' per line."})
final class InfoCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONTAINER[/NAME]", description = "what to describe")
    String remote;

    @Override
    int run() {
        try (Session s = open()) {
            PithosClient account = s.client();
            if (remote == null) {
                AccountInfo a = account.getAccountInfo().block();
                line("account", account.account());
                line("containers", a.containerCount());
                line("bytes", a.bytesUsed());
                line("quota", a.quota());
                line("last-modified", a.lastModified());
                meta(a.metadata());
                return ExitCodes.OK;
            }
            RemotePath p = RemotePath.parse(remote);
            try {
                if (!p.hasName()) {
                    ContainerInfo c = account.getContainerInfo(p.container()).block();
                    line("container", p.container());
                    line("objects", c.objectCount());
                    line("bytes", c.bytesUsed());
                    line("block-size", c.blockSize());
                    line("block-hash", c.blockHash());
                    line("quota", c.quota());
                    line("versioning", c.versioning() == null ? null : c.versioning().value());
                    line("last-modified", c.lastModified());
                    meta(c.metadata());
                } else {
                    ObjectInfo o = account.withContainer(p.container()).getObjectInfo(p.name()).block();
                    line("object", p.toString());
                    line("bytes", o.contentLength());
                    line("content-type", o.contentType());
                    line("etag", o.etag());
                    line("hash", o.hash());
                    line("last-modified", o.lastModified());
                    line("version", o.version());
                    line("manifest", o.manifest());
                    line("public-url", o.publicUrl());
                    meta(o.metadata());
                }
            } catch (RuntimeException e) {
                throw explain404(account, p, e);
            }
            return ExitCodes.OK;
        }
    }

    private void line(String key, Object value) {
        if (value != null && !String.valueOf(value).isEmpty()) {
            ctx.out().println(key + ": " + value);
        }
    }

    private void meta(Map<String, String> m) {
        if (m != null) {
            m.forEach((k, v) -> line("meta-" + k, v));
        }
    }
}
