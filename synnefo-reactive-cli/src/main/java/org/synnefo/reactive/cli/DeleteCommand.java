package org.synnefo.reactive.cli;

import java.util.ArrayList;
import java.util.List;
import org.synnefo.reactive.core.ConflictException;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.pithos.ListObjectsOptions;
import org.synnefo.reactive.pithos.ObjectEntry;
import org.synnefo.reactive.pithos.PithosClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code snf delete [-r] CONTAINER[/NAME]}. */
@Command(name = "delete", aliases = "rm", description = {
        "Deletes an object; with -r also every object under CONTAINER/NAME/. A CONTAINER alone is deleted "
                + "when empty, or with -r after deleting its objects."})
final class DeleteCommand extends BaseCommand {

    @Option(names = {"-r", "--recursive"}, description = "delete everything under the name (or the container)")
    boolean recursive;

    @Parameters(index = "0", paramLabel = "CONTAINER[/NAME]", description = "what to delete")
    String remote;

    @Override
    int run() {
        RemotePath p = RemotePath.parse(remote);
        try (Session s = open()) {
            PithosClient account = s.client();
            PithosClient c = account.withContainer(p.container());
            try {
                if (!recursive) {
                    if (p.hasName()) {
                        c.deleteObject(p.name()).block();
                    } else {
                        deleteContainer(account, p.container());
                    }
                    report("deleted " + p);
                    return ExitCodes.OK;
                }
                return deleteTree(account, c, p);
            } catch (RuntimeException e) {
                throw explain404(account, p, e);
            }
        }
    }

    private int deleteTree(PithosClient account, PithosClient c, RemotePath p) {
        String prefix = p.directoryPrefix();
        // Listed first, then deleted: deleting while paging would move the marker under our feet.
        List<String> names = new ArrayList<>();
        for (ObjectEntry e : c.listObjects(ListObjectsOptions.defaults().withPrefix(prefix.isEmpty() ? null : prefix))
                .toIterable()) {
            if (!e.isSubdir()) {
                names.add(e.name());
            }
        }
        boolean self = false;
        if (p.hasName()) {
            self = c.getObjectInfo(p.trimmedName()).map(i -> true).onErrorResume(NotFoundException.class,
                    e -> Mono.empty()).defaultIfEmpty(false).block();
        }
        if (names.isEmpty() && !self && p.hasName()) {
            throw CliException.notFound("nothing under " + p.container() + "/" + prefix);
        }
        if (self) {
            names.add(p.trimmedName());
        }
        Failures failures = new Failures();
        Flux.fromIterable(names).flatMap(n -> c.deleteObject(n)
                .onErrorResume(NotFoundException.class, e -> Mono.empty())
                .onErrorResume(e -> failures.add(n, e)), common.jobs).then().block();
        failures.report(ctx, names.size());
        if (failures.count() == 0 && !p.hasName()) {
            deleteContainer(account, p.container());
        }
        report("deleted " + (names.size() - failures.count()) + " objects" + (p.hasName() ? " under " + p
                : " and the container " + p.container()));
        return failures.exitCode();
    }

    private static void deleteContainer(PithosClient account, String container) {
        try {
            account.deleteContainer(container).block();
        } catch (RuntimeException e) {
            if (ExitCodes.unwrap(e) instanceof ConflictException) {
                throw new CliException(ExitCodes.FAILURE, "container " + container + " is not empty: use -r");
            }
            throw e;
        }
    }

    private void report(String line) {
        if (!common.quiet) {
            ctx.out().println(line);
        }
    }
}
