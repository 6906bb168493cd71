package org.synnefo.reactive.cli;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.synnefo.reactive.pithos.ContainerEntry;
import org.synnefo.reactive.pithos.ListObjectsOptions;
import org.synnefo.reactive.pithos.ObjectEntry;
import org.synnefo.reactive.pithos.PithosClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code snf list [-l] [-d] [CONTAINER[/PREFIX]]}. */
@Command(name = "list", aliases = "ls", description = {
        "Lists the containers, or the objects of CONTAINER whose names start with PREFIX, one per line.",
        "With -l: size in bytes, last modified (UTC), name (containers: objects, bytes, name), tab-separated."})
final class ListCommand extends BaseCommand {

    @Option(names = {"-l", "--long"}, description = "sizes and dates too")
    boolean longFormat;

    @Option(names = {"-d", "--directories"},
            description = "one level only: names under PREFIX up to the next /, directories ending with /")
    boolean oneLevel;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONTAINER[/PREFIX]", description = "what to list")
    String remote;

    @Override
    int run() {
        try (Session s = open()) {
            PithosClient account = s.client();
            if (remote == null) {
                // Printed from the main thread, element by element, as the pages arrive.
                for (ContainerEntry e : account.listContainers().toIterable()) {
                    ctx.out().println(longFormat ? e.count() + "\t" + e.bytes() + "\t" + e.name() : e.name());
                }
                return ExitCodes.OK;
            }
            RemotePath p = RemotePath.parse(remote);
            ListObjectsOptions o = ListObjectsOptions.defaults().withPrefix(p.hasName() ? p.name() : null);
            if (oneLevel) {
                o = o.withDelimiter("/");
            }
            AtomicLong n = new AtomicLong();
            try {
                for (ObjectEntry e : account.withContainer(p.container()).listObjects(o).toIterable()) {
                    n.incrementAndGet();
                    if (longFormat && !e.isSubdir()) {
                        ctx.out().println((e.bytes() == null ? 0 : e.bytes()) + "\t" + date(e.lastModified()) + "\t"
                                + e.name());
                    } else {
                        ctx.out().println(e.name());
                    }
                }
            } catch (RuntimeException e) {
                throw explain404(account, new RemotePath(p.container(), ""), e);
            }
            return ExitCodes.OK;
        }
    }

    private static String date(Instant t) {
        return t == null ? "-" : t.toString();
    }
}
