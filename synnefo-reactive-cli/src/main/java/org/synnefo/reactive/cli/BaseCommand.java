package org.synnefo.reactive.cli;

import java.util.concurrent.Callable;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.pithos.ListObjectsOptions;
import org.synnefo.reactive.pithos.PithosClient;
import picocli.CommandLine.Mixin;

/** What every command shares: the common options, the run's context, the session, 404 diagnosis. */
abstract class BaseCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    Context ctx;

    @Override
    public final Integer call() {
        common.validate();
        return run();
    }

    abstract int run();

    Session open() {
        return Session.open(common, ctx, common.concurrency * common.jobs);
    }

    /**
     * Turns a 404 on an object into the precise complaint: the container is missing, or the object is, or
     * the name is a "directory" (objects under {@code name/}) that needs {@code -r}.
     */
    static RuntimeException explain404(PithosClient account, RemotePath p, RuntimeException original) {
        if (!(ExitCodes.unwrap(original) instanceof NotFoundException)) {
            return original;
        }
        try {
            account.getContainerInfo(p.container()).block();
        } catch (RuntimeException e) {
            if (ExitCodes.unwrap(e) instanceof NotFoundException) {
                return CliException.notFound("no such container: " + p.container());
            }
            return original;
        }
        if (p.hasName()) {
            try {
                Boolean dir = account.withContainer(p.container())
                        .listObjects(ListObjectsOptions.defaults().withPrefix(p.directoryPrefix()).withPageSize(1))
                        .hasElements().block();
                if (Boolean.TRUE.equals(dir)) {
                    return CliException.usage(p + " is a directory (objects under " + p.directoryPrefix()
                            + "): use -r");
                }
            } catch (RuntimeException ignored) {
                // the first answer is the one to report
            }
            return CliException.notFound("no such object: " + p);
        }
        return original;
    }
}
