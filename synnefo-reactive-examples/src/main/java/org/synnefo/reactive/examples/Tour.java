package org.synnefo.reactive.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.synnefo.reactive.examples.astakos.AstakosAuthenticate;
import org.synnefo.reactive.examples.astakos.AstakosProjectInfo;
import org.synnefo.reactive.examples.astakos.AstakosProjectQuotas;
import org.synnefo.reactive.examples.astakos.AstakosProjectReassign;
import org.synnefo.reactive.examples.image.ImageList;
import org.synnefo.reactive.examples.image.ImageRegister;
import org.synnefo.reactive.examples.image.ImageUnregister;
import org.synnefo.reactive.examples.pithos.PithosDownloadUpload;
import org.synnefo.reactive.examples.pithos.PithosInit;
import org.synnefo.reactive.examples.pithos.PithosList;
import org.synnefo.reactive.examples.pithos.PithosMoveCopyDelete;
import org.synnefo.reactive.examples.pithos.PithosReassign;
import org.synnefo.reactive.examples.astakos.AstakosQuotas;
import org.synnefo.reactive.examples.astakos.AstakosResourceAllocation;
import org.synnefo.reactive.examples.compute.ComputeCreate;
import org.synnefo.reactive.examples.compute.ComputeImageFlavor;
import org.synnefo.reactive.examples.compute.ComputeQuotas;
import org.synnefo.reactive.examples.compute.ComputeReassignResize;
import org.synnefo.reactive.examples.compute.ComputeReboot;
import org.synnefo.reactive.examples.compute.ComputeWait;
import org.synnefo.reactive.examples.network.NetworkCluster;
import org.synnefo.reactive.examples.network.NetworkIp;
import org.synnefo.reactive.examples.network.NetworkVpn;
import org.synnefo.reactive.examples.volume.VolumePlugUnplug;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tour: every example of kamaki's clients reference, in the reference's order, against the embedded
 * seeded cloud (by default) or against a cloud given by {@code --auth-url} and {@code --token} (or
 * {@code SYNNEFO_AUTH_URL} and {@code SYNNEFO_TOKEN}). Exits 0 when every scenario succeeded; otherwise 1,
 * after one line naming the failed scenario and why (2 for bad arguments).
 *
 * <pre>
 * java -jar synnefo-reactive-examples/target/synnefo-tour.jar [--auth-url URL --token TOKEN] [--project P]
 * </pre>
 */
public final class Tour {

    private Tour() {
    }

    /** @return the scenarios, in the order the tour runs them */
    public static List<Example> scenarios() {
        return List.of(new AstakosAuthenticate(), new AstakosQuotas(), new AstakosProjectInfo(),
                new AstakosProjectQuotas(), new AstakosResourceAllocation(), new PithosSeed(), new AstakosProjectReassign(),
                new ComputeQuotas(), new ComputeCreate(), new ComputeWait(), new ComputeImageFlavor(),
                new ComputeReboot(), new ComputeReassignResize(), new NetworkVpn(), new NetworkIp(), new Tidy(),
                new NetworkCluster(), new VolumePlugUnplug(), new ImageRegister(), new ImageList(), new ImageUnregister(),
                new PithosInit(), new PithosList(), new PithosDownloadUpload(), new PithosMoveCopyDelete(),
                new PithosReassign());
    }

    /**
     * Runs the tour and exits with its status.
     *
     * @param args {@code [--auth-url URL --token TOKEN] [--project ID|NAME] [--state-delay MILLIS]}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, null));
    }

    /**
     * The tour's main logic, without {@code System.exit}: parses the arguments, starts the embedded cloud
     * when no cloud is named, runs the scenarios up to {@code last} (all of them when null), prints a
     * summary and returns the exit status.
     *
     * @param args the command line
     * @param env the environment
     * @param stdout where the scenarios and the summary go
     * @param stderr where the failure line and the usage go
     * @param last the last scenario to run (a single example's main runs its prerequisites), or null
     * @return 0 when every scenario succeeded, 1 when one failed, 2 for bad arguments
     */
    public static int run(String[] args, Map<String, String> env, PrintStream stdout, PrintStream stderr, Example last) {
        TourSettings settings;
        try {
            settings = TourSettings.parse(args, env);
        } catch (IllegalArgumentException e) {
            stderr.println(e.getMessage());
            stderr.println(TourSettings.USAGE);
            return 2;
        }
        List<Example> plan = new ArrayList<>();
        for (Example e : scenarios()) {
            if (!(e instanceof Tidy || e instanceof PithosSeed) || settings.external()) {
                plan.add(e);
            }
            if (last != null && e.getClass() == last.getClass()) {
                break;
            }
        }
        TourResult result;
        try (Console console = new Console(stdout)) {
            result = runOn(settings, plan, console.stream());
        }
        if (result.success()) {
            stdout.println(result.passed().size() + " passed, 0 failed (" + seconds(result.elapsed()) + ")");
            return 0;
        }
        stdout.println(result.passed().size() + " passed, 1 failed (" + seconds(result.elapsed()) + ")");
        stderr.println("tour failed: " + result.failed() + ": " + result.reason());
        return 1;
    }

    private static TourResult runOn(TourSettings settings, List<Example> plan, PrintStream out) {
        if (settings.external()) {
            out.println("Touring the cloud at " + settings.authUrl());
            try (ExampleContext ctx = ExampleContext.builder().authUrl(settings.authUrl()).token(settings.token())
                    .project(settings.project()).out(out).tidy(true).build()) {
                return run(ctx, plan).block();
            }
        }
        long t0 = System.nanoTime();
        TourCloud cloud;
        try {
            cloud = TourCloud.start(settings.stateDelay());
        } catch (RuntimeException e) {
            return new TourResult(List.of(), "starting the embedded cloud", oneLine(e), Duration.ofNanos(System.nanoTime() - t0));
        }
        try (cloud; ExampleContext ctx = ExampleContext.builder().authUrl(cloud.authUrl()).token(cloud.token())
                .project(settings.project()).out(out).build()) {
            out.println("Started the embedded Synnefo cloud at " + cloud.authUrl() + " (state changes take "
                    + seconds(settings.stateDelay()) + "), seeded for " + TourCloud.USER.displayName());
            return run(ctx, plan).block();
        }
    }

    /**
     * Runs scenarios one after the other, printing a header before each; stops at the first failure.
     *
     * @param ctx the clients and the output
     * @param plan the scenarios
     * @return the result (never an error)
     */
    public static Mono<TourResult> run(ExampleContext ctx, List<Example> plan) {
        List<String> passed = new ArrayList<>();
        AtomicReference<String> failed = new AtomicReference<>();
        AtomicReference<String> reason = new AtomicReference<>();
        long t0 = System.nanoTime();
        return Flux.range(0, plan.size())
                .concatMap(i -> {
                    Example e = plan.get(i);
                    ctx.out().println();
                    ctx.out().println("== " + (i + 1) + "/" + plan.size() + " " + e.name() + ": " + e.description());
                    return Mono.defer(() -> e.run(ctx))
                            .then(Mono.fromCallable(() -> passed.add(e.name())))
                            .onErrorResume(err -> {
                                failed.set(e.name());
                                reason.set(oneLine(err));
                                ctx.out().println("!! " + e.name() + " failed: " + oneLine(err));
                                return Mono.just(false);
                            });
                })
                .takeUntil(ok -> !ok)
                .then(Mono.fromCallable(() -> {
                    ctx.out().println();
                    return new TourResult(passed, failed.get(), reason.get(), Duration.ofNanos(System.nanoTime() - t0));
                }));
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        String s = e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /**
     * On a cloud of one's own, the Pithos examples need the reference's containers and objects: this creates
     * those that are missing (large objects from zero blocks, so they cost the server one block).
     */
    static final class PithosSeed implements Example {
        @Override
        public String name() {
            return "pithos-data";
        }

        @Override
        public String description() {
            return "Create the reference's containers and objects where missing";
        }

        @Override
        public Mono<Void> run(ExampleContext ctx) {
            return Mono.zip(ctx.pithos(), ctx.userUuid(), ctx.project())
                    .flatMap(t -> PithosData.seed(t.getT1(), t.getT2(), t.getT3(), 1024))
                    .then(Mono.fromRunnable(() -> ctx.out().println("The containers pithos, trash, "
                            + PithosData.COURSE_CONTAINER + ", images and music are there")));
        }
    }

    /**
     * On a cloud of one's own, whose quotas are small, the server of compute-wait is deleted once the
     * examples that use it are done, so that the cluster's three servers fit in five VMs.
     */
    static final class Tidy implements Example {
        @Override
        public String name() {
            return "tidy";
        }

        @Override
        public String description() {
            return "Delete " + TourNames.WAITED_SERVER + ", so that the cluster fits in the quota";
        }

        @Override
        public Mono<Void> run(ExampleContext ctx) {
            return ctx.server(TourNames.WAITED_SERVER)
                    .flatMap(s -> ctx.compute().deleteServer(s.id())
                            .doOnSuccess(v -> ctx.out().println("Deleted " + s.name() + " (id " + s.id() + ")")));
        }
    }
}
