package org.synnefo.reactive.cyclades;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.EndpointResolver;
import org.synnefo.reactive.core.RetryOptions;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.core.TokenProvider;
import org.synnefo.reactive.cyclades.compute.CycladesComputeClient;
import org.synnefo.reactive.cyclades.image.ImageClient;
import org.synnefo.reactive.cyclades.network.CycladesNetworkClient;
import org.synnefo.reactive.cyclades.volume.CycladesBlockStorageClient;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import reactor.core.publisher.Mono;

/**
 * Test fixture: an in-process emulator on port 0, one transport, and the four clients of one user built
 * from a catalog-like resolver (the way applications build them from Astakos).
 */
public final class Cloud implements AutoCloseable {

    /** Short waits for tests: the emulator's state changes are immediate or a few hundred ms. */
    public static final WaitOptions FAST = WaitOptions.defaults().withBackoff(Duration.ofMillis(20),
            Duration.ofMillis(100)).withDeadline(Duration.ofSeconds(20));

    public final SynnefoEmulator emulator;
    public final SynnefoTransport transport;
    public final ClientOptions options;
    public final EmulatorUser user;
    public final CycladesComputeClient compute;
    public final CycladesNetworkClient network;
    public final CycladesBlockStorageClient volumes;
    public final ImageClient images;

    private Cloud(SynnefoEmulator emulator, SynnefoTransport transport, EmulatorUser user) {
        this.emulator = emulator;
        this.transport = transport;
        this.user = user;
        // fast retries keep fault-injection tests short; the policy itself is core's
        this.options = ClientOptions.builder().transport(transport)
                .retry(new RetryOptions(3, Duration.ofMillis(10), Duration.ofMillis(50), 0.5, Duration.ofSeconds(1)))
                .build();
        EndpointResolver resolver = resolver(emulator, user.token(), options);
        this.compute = CycladesComputeClient.builder().endpoints(resolver).build();
        this.network = CycladesNetworkClient.builder().endpoints(resolver).build();
        this.volumes = CycladesBlockStorageClient.builder().endpoints(resolver).build();
        this.images = ImageClient.builder().endpoints(resolver).build();
    }

    /** @return a cloud with an emulator whose state changes are immediate */
    public static Cloud start() {
        return start(b -> { });
    }

    /** @param config emulator configuration @return a cloud */
    public static Cloud start(Consumer<SynnefoEmulator.Builder> config) {
        SynnefoEmulator.Builder b = SynnefoEmulator.builder();
        long tib = 1L << 40;
        // generous quotas so that suites can create freely; a test may lower them through config
        b.systemProjectCapacity("cyclades.vm", 2000).systemProjectCapacity("cyclades.cpu", 20000)
                .systemProjectCapacity("cyclades.total_cpu", 20000).systemProjectCapacity("cyclades.ram", 100 * tib)
                .systemProjectCapacity("cyclades.total_ram", 100 * tib).systemProjectCapacity("cyclades.disk", 100 * tib)
                .systemProjectCapacity("cyclades.network.private", 50).systemProjectCapacity("cyclades.floating_ip", 50);
        config.accept(b);
        SynnefoEmulator emu = b.start();
        SynnefoTransport t = SynnefoTransport.builder().name("cyclades-test").build();
        return new Cloud(emu, t, emu.users().get(0));
    }

    /** A resolver standing in for Astakos' catalog: the emulator's mount points. */
    public static EndpointResolver resolver(SynnefoEmulator emu, String token, ClientOptions options) {
        Map<String, String> paths = Map.of("compute", "/compute/v2.0", "network", "/network/v2.0", "volume",
                "/volume/v2.0", "image", "/image/v1.0");
        TokenProvider tokens = TokenProvider.of(token);
        return new EndpointResolver() {
            @Override
            public Mono<String> endpointUrl(String serviceType) {
                String p = paths.get(serviceType);
                return p == null ? Mono.error(new IllegalArgumentException("no " + serviceType))
                        : Mono.just(emu.baseUrl() + p);
            }

            @Override
            public TokenProvider tokenProvider() {
                return tokens;
            }

            @Override
            public ClientOptions clientOptions() {
                return options;
            }
        };
    }

    /** @return the second emulator user */
    public EmulatorUser otherUser() {
        return emulator.users().get(1);
    }

    /** A compute client of another user on the same transport. */
    public CycladesComputeClient computeOf(EmulatorUser u) {
        return CycladesComputeClient.builder().endpoint(emulator.baseUrl() + "/compute/v2.0").token(u.token())
                .options(options).build();
    }

    /**
     * Uploads an object to Pithos with a plain PUT through the object-store API (the Pithos client is
     * another module). Runs on the test thread, which may block.
     */
    public void putObject(String container, String name, byte[] data) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = emulator.baseUrl() + "/object-store/v1/" + user.uuid() + "/" + container;
        HttpResponse<String> c = http.send(HttpRequest.newBuilder(URI.create(base))
                .header("X-Auth-Token", user.token()).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (c.statusCode() / 100 != 2) {
            throw new IllegalStateException("container PUT: " + c.statusCode() + " " + c.body());
        }
        HttpResponse<String> o = http.send(HttpRequest.newBuilder(URI.create(base + "/"
                        + org.synnefo.reactive.core.http.SynnefoRequest.pythonQuote(name)))
                .header("X-Auth-Token", user.token()).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
        if (o.statusCode() != 201) {
            throw new IllegalStateException("object PUT: " + o.statusCode() + " " + o.body());
        }
    }

    @Override
    public void close() {
        transport.dispose();
        emulator.close();
    }
}
