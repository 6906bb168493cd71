package org.synnefo.reactive.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import org.synnefo.reactive.astakos.AstakosClient;
import org.synnefo.reactive.astakos.Project;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.cyclades.WaitOptions;
import org.synnefo.reactive.cyclades.compute.ComputeImage;
import org.synnefo.reactive.cyclades.compute.CycladesComputeClient;
import org.synnefo.reactive.cyclades.compute.Flavor;
import org.synnefo.reactive.cyclades.compute.Server;
import org.synnefo.reactive.cyclades.compute.ServerStatus;
import org.synnefo.reactive.cyclades.image.ImageClient;
import org.synnefo.reactive.cyclades.network.CycladesNetworkClient;
import org.synnefo.reactive.cyclades.network.FloatingIp;
import org.synnefo.reactive.cyclades.network.Port;
import org.synnefo.reactive.cyclades.network.PortStatus;
import org.synnefo.reactive.cyclades.volume.CycladesBlockStorageClient;
import org.synnefo.reactive.cyclades.volume.Volume;
import org.synnefo.reactive.cyclades.volume.VolumeStatus;
import org.synnefo.reactive.pithos.PithosClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What every example needs: the clients of one user, built from Astakos' service catalog as kamaki's
 * {@code get_endpoint_url} does, the stream the example prints to, and the lookups several examples
 * share (my uuid, the project to charge new resources to, a small flavor, a Debian image, a server by
 * name). Owns its transport: {@link #close()} releases the connections.
 */
public final class ExampleContext implements AutoCloseable {

    /** Waits of the tour: first re-poll after 250 ms, at most 1 s apart, so that progress shows. */
    public static final WaitOptions TOUR_WAITS = WaitOptions.defaults()
            .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(1)).withDeadline(Duration.ofMinutes(10));

    private final SynnefoTransport transport;
    private final AstakosClient astakos;
    private final CycladesComputeClient compute;
    private final CycladesNetworkClient network;
    private final CycladesBlockStorageClient volumes;
    private final ImageClient images;
    private final PithosClient pithos;
    private final PrintStream out;
    private final WaitOptions waits;
    private final boolean tidy;
    private final Mono<String> userUuid;
    private final Mono<String> project;

    private ExampleContext(Builder b) {
        this.transport = SynnefoTransport.builder().name("synnefo-tour").build();
        ClientOptions options = ClientOptions.builder().transport(transport).userAgent("synnefo-tour").build();
        this.astakos = AstakosClient.builder().authUrl(b.authUrl).token(b.token).options(options).build();
        this.compute = CycladesComputeClient.builder().endpoints(astakos).build();
        this.network = CycladesNetworkClient.builder().endpoints(astakos).build();
        this.volumes = CycladesBlockStorageClient.builder().endpoints(astakos).build();
        this.images = ImageClient.builder().endpoints(astakos).build();
        this.pithos = PithosClient.builder().endpoints(astakos).build();
        this.out = b.out;
        this.waits = b.waits;
        this.tidy = b.tidy;
        this.userUuid = astakos.authenticate().map(a -> a.userUuid()).cache();
        this.project = resolveProject(b.project).cache();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the Astakos client (identity, quotas, projects; the endpoint resolver of the others) */
    public AstakosClient astakos() {
        return astakos;
    }

    /** @return the compute client */
    public CycladesComputeClient compute() {
        return compute;
    }

    /** @return the network client */
    public CycladesNetworkClient network() {
        return network;
    }

    /** @return the block storage client */
    public CycladesBlockStorageClient volumes() {
        return volumes;
    }

    /** @return the image (Plankton) client */
    public ImageClient images() {
        return images;
    }

    /**
     * kamaki's pithos-init: the Pithos client for my account (my uuid); derive one per container with
     * {@link PithosClient#withContainer(String)}.
     *
     * @return my Pithos client
     */
    public Mono<PithosClient> pithos() {
        return userUuid.map(pithos::withAccount);
    }

    /** @return where the examples print */
    public PrintStream out() {
        return out;
    }

    /** @return how the examples poll while they wait */
    public WaitOptions waits() {
        return waits;
    }

    /**
     * @return true when the tour should give back quota it no longer needs (on a real cloud, whose quotas
     *         are small), false to keep everything for inspection (the embedded cloud)
     */
    public boolean tidy() {
        return tidy;
    }

    /** @return my uuid, as Astakos tells it on authentication (asked once) */
    public Mono<String> userUuid() {
        return userUuid;
    }

    /**
     * @return the project the examples charge new resources to: the one named in the settings (by id or
     *         name), else the first project I am a member of that is not my system project, else my system
     *         project
     */
    public Mono<String> project() {
        return project;
    }

    private Mono<String> resolveProject(String wanted) {
        return userUuid.flatMap(uuid -> astakos.listProjects()
                .filter(p -> wanted == null ? !p.systemProject() && !p.id().equals(uuid)
                        : wanted.equals(p.id()) || wanted.equals(p.name()))
                .map(Project::id)
                .next()
                .switchIfEmpty(wanted == null ? Mono.just(uuid)
                        : Mono.error(new IllegalArgumentException("no project " + wanted + " among my projects"))));
    }

    /**
     * @param name a server name
     * @return my server of that name (the newest, if several); an error when there is none
     */
    public Mono<Server> server(String name) {
        return compute.listServers()
                .filter(s -> name.equals(s.name()) && !s.deleted() && !ServerStatus.DELETED.equals(s.status()))
                .reduce((a, b) -> b)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("no server named '" + name
                        + "': run the tour from the start")));
    }

    /**
     * @param name a server name
     * @return my server of that name once it is built (ports and volumes attach only to built servers)
     */
    public Mono<Server> activeServer(String name) {
        return server(name).flatMap(s -> ServerStatus.BUILD.equals(s.status())
                ? waitServer(s.id(), ServerStatus.ACTIVE) : Mono.just(s));
    }

    /**
     * The smallest flavor servers may be created with, preferring one whose disks are detachable
     * ({@code ext_archipelago}: volume-plug-unplug moves a volume between such servers).
     *
     * @return the flavor
     */
    public Mono<Flavor> smallFlavor() {
        Comparator<Flavor> order = Comparator.<Flavor, Boolean>comparing(f -> !isDetachable(f))
                .thenComparing(f -> f.vcpus() == null ? 0 : f.vcpus())
                .thenComparing(f -> f.ramMiB() == null ? 0 : f.ramMiB())
                .thenComparing(f -> f.diskGiB() == null ? 0 : f.diskGiB());
        return compute.listFlavors()
                .filter(f -> !Boolean.FALSE.equals(f.allowCreate()))
                .sort(order)
                .next()
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("the cloud offers no flavor")));
    }

    static boolean isDetachable(Flavor f) {
        return f.diskTemplate() != null && f.diskTemplate().startsWith("ext_");
    }

    /** @return the first image whose name mentions Debian, else the first image */
    public Mono<ComputeImage> debianImage() {
        return compute.listImages()
                .sort(Comparator.comparing(i -> !i.name().toLowerCase(Locale.ROOT).contains("debian")))
                .next()
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("the cloud offers no image")));
    }

    /**
     * kamaki's idiom: an IP I reserved but do not use, else a new one charged to {@link #project()}.
     *
     * @return the floating IP
     */
    public Mono<FloatingIp> unusedOrNewFloatingIp() {
        return network.listFloatingIps()
                .filter(ip -> !ip.attached())
                .next()
                .switchIfEmpty(project.flatMap(p -> network.reserveFloatingIp(null, null, p)
                        .doOnNext(ip -> out.println("    reserved a new IP " + ip.floatingIpAddress()))));
    }

    /**
     * Waits until a server has {@code target} status, printing every change of status or build progress.
     *
     * @param serverId the server id
     * @param target the awaited status
     * @return the server in that status
     */
    public Mono<Server> waitServer(String serverId, ServerStatus target) {
        return compute.watchServerUntil(serverId, target, waits)
                .distinctUntilChanged(s -> s.status() + " " + s.progress())
                .doOnNext(s -> out.println("    " + s.name() + ": " + s.status()
                        + (ServerStatus.BUILD.equals(s.status()) && s.progress() != null ? " " + s.progress() + "%"
                                : "")))
                .last();
    }

    /**
     * Waits while a server has {@code current} status, printing every change.
     *
     * @param serverId the server id
     * @param current the status to leave
     * @return the server in its new status
     */
    public Mono<Server> waitServerWhile(String serverId, ServerStatus current) {
        return compute.watchServerWhile(serverId, current, waits)
                .distinctUntilChanged(s -> s.status() + " " + s.progress())
                .doOnNext(s -> out.println("    " + s.name() + ": " + s.status()))
                .last();
    }

    /**
     * Waits until a port is ACTIVE, printing every change of status.
     *
     * @param portId the port id
     * @return the port
     */
    public Mono<Port> waitPortActive(String portId) {
        return network.watchPortUntil(portId, PortStatus.ACTIVE, waits)
                .distinctUntilChanged(Port::status)
                .doOnNext(p -> out.println("    port " + p.id() + " (server " + p.deviceId() + "): " + p.status()))
                .last();
    }

    /**
     * Waits until a volume has {@code target} status, printing every change.
     *
     * @param volumeId the volume id
     * @param target the awaited status
     * @return the volume
     */
    public Mono<Volume> waitVolume(String volumeId, VolumeStatus target) {
        return volumes.watchVolumeUntil(volumeId, target, waits)
                .distinctUntilChanged(Volume::status)
                .doOnNext(v -> out.println("    volume " + v.name() + ": " + v.status()))
                .last();
    }

    /**
     * Waits while a volume has {@code current} status, printing every change.
     *
     * @param volumeId the volume id
     * @param current the status to leave
     * @return the volume
     */
    public Mono<Volume> waitVolumeWhile(String volumeId, VolumeStatus current) {
        return volumes.watchVolumeWhile(volumeId, current, waits)
                .distinctUntilChanged(Volume::status)
                .doOnNext(v -> out.println("    volume " + v.name() + ": " + v.status()))
                .last();
    }

    /** @return every server of mine that is not deleted */
    public Flux<Server> liveServers() {
        return compute.listServers().filter(s -> !s.deleted() && !ServerStatus.DELETED.equals(s.status()));
    }

    /** Releases the connections. */
    @Override
    public void close() {
        transport.dispose();
    }

    /** Builds an {@link ExampleContext}. */
    public static final class Builder {
        private String authUrl;
        private String token;
        private PrintStream out = System.out;
        private WaitOptions waits = TOUR_WAITS;
        private String project;
        private boolean tidy;

        private Builder() {
        }

        /** @param url the identity endpoint, e.g. {@code https://accounts.example.org/identity/v2.0} @return this */
        public Builder authUrl(String url) {
            this.authUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /** @param value the user's token @return this */
        public Builder token(String value) {
            this.token = Objects.requireNonNull(value, "token");
            return this;
        }

        /** @param stream where the examples print; default {@code System.out} @return this */
        public Builder out(PrintStream stream) {
            this.out = Objects.requireNonNull(stream, "out");
            return this;
        }

        /** @param options how the examples poll; default {@link #TOUR_WAITS} @return this */
        public Builder waits(WaitOptions options) {
            this.waits = Objects.requireNonNull(options, "waits");
            return this;
        }

        /** @param idOrName the project to charge new resources to; default see {@link #project()} @return this */
        public Builder project(String idOrName) {
            this.project = idOrName;
            return this;
        }

        /** @param value whether to give back quota the tour no longer needs; default false @return this */
        public Builder tidy(boolean value) {
            this.tidy = value;
            return this;
        }

        /** @return the context */
        public ExampleContext build() {
            if (authUrl == null || token == null) {
                throw new IllegalStateException("authUrl and token are required");
            }
            return new ExampleContext(this);
        }
    }
}
