package org.synnefo.reactive.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.synnefo.reactive.emulator.internal.Endpoints;

/**
 * Creates Pithos+ containers and objects for a user programmatically, so that a tour or a test can
 * start from populated storage (for example the containers {@code pithos}, {@code images},
 * {@code music} and {@code trash} with a few objects). Obtain one with {@link #of(SynnefoEmulator)};
 * its siblings {@link EmulatorProjects} and {@link CycladesSeed} seed projects and compute.
 *
 * <p>Each call is a request to the emulator's own object-store API over loopback, made as the user
 * with the user's token, so seeding goes through exactly the same checks, quota charges, hashing and
 * persistence as a client's upload. The calls block until the emulator answered: use them from a test
 * or a main thread, never from an event loop.
 */
public final class PithosSeed {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;

    private PithosSeed(String base) {
        this.base = base;
    }

    /** The object-storage seeding API of a running emulator. */
    public static PithosSeed of(SynnefoEmulator emulator) {
        return new PithosSeed(emulator.localUrl() + Endpoints.OBJECT_STORE);
    }

    /** Creates a container in the user's default project with default policies (versioning auto, no quota). */
    public void createContainer(EmulatorUser user, String container) {
        createContainer(user, container, null, Map.of());
    }

    /**
     * Creates a container charged to {@code project} (null: the user's system project), with container
     * policies such as {@code quota} (bytes) and {@code versioning} ({@code auto} or {@code none}).
     *
     * @throws IllegalStateException when the emulator refuses (the container exists, a bad policy)
     */
    public void createContainer(EmulatorUser user, String container, String project, Map<String, String> policies) {
        HttpRequest.Builder b = request(user, container, null);
        if (project != null) {
            b.header("X-Container-Policy-Project", project);
        }
        policies.forEach((k, v) -> b.header("X-Container-Policy-" + capitalize(k), v));
        send(b.PUT(HttpRequest.BodyPublishers.noBody()).build(), 201);
    }

    /**
     * Stores {@code data} as an object of the user's container, replacing any live version.
     *
     * @return the object's hash (its ETag and {@code X-Object-Hash}: the Merkle root of its blocks)
     */
    public String putObject(EmulatorUser user, String container, String name, byte[] data, String contentType) {
        return putObject(user, container, name, data, contentType, Map.of());
    }

    /**
     * Stores {@code data} as an object with a content type and user metadata ({@code X-Object-Meta-*}
     * names without the prefix).
     *
     * @return the object's hash (its ETag and {@code X-Object-Hash}: the Merkle root of its blocks)
     * @throws IllegalStateException when the emulator refuses (no such container, over quota: 413)
     */
    public String putObject(EmulatorUser user, String container, String name, byte[] data, String contentType,
            Map<String, String> meta) {
        HttpRequest.Builder b = request(user, container, Objects.requireNonNull(name, "name"));
        b.header("Content-Type", Objects.requireNonNull(contentType, "contentType"));
        meta.forEach((k, v) -> b.header("X-Object-Meta-" + capitalize(k), v));
        HttpResponse<String> r = send(b.PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), 201);
        // Pithos answers a PUT with the object's hash as ETag
        return r.headers().firstValue("ETag").orElseThrow();
    }

    private HttpRequest.Builder request(EmulatorUser user, String container, String object) {
        String path = "/" + user.uuid() + "/" + encode(Objects.requireNonNull(container, "container"));
        if (object != null) {
            path += "/" + encode(object);
        }
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("X-Auth-Token", user.token());
    }

    private static HttpResponse<String> send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                        + r.statusCode() + ": " + r.body());
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        }
    }

    /** Percent-encodes each path segment, keeping the slashes of pseudo-directories. */
    private static String encode(String path) {
        StringBuilder sb = new StringBuilder();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    private static String capitalize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean up = true;
        for (char c : name.toCharArray()) {
            sb.append(up ? Character.toUpperCase(c) : c);
            up = c == '-';
        }
        return sb.toString();
    }
}
