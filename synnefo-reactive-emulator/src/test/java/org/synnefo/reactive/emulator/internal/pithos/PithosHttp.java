package org.synnefo.reactive.emulator.internal.pithos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import org.synnefo.reactive.emulator.TestHttp;
import org.synnefo.reactive.emulator.internal.Endpoints;

/** A tiny HTTP test client for the emulated object store, over the shared {@link TestHttp} transport. */
final class PithosHttp {

    static final ObjectMapper JSON = TestHttp.MAPPER;
    private static final AtomicInteger SEQ = new AtomicInteger();

    final SynnefoEmulator emulator;
    final EmulatorUser alice;
    final EmulatorUser bob;

    PithosHttp(SynnefoEmulator emulator) {
        this.emulator = emulator;
        this.alice = emulator.users().get(0);
        this.bob = emulator.users().get(1);
    }

    static String unique(String base) {
        return base + SEQ.incrementAndGet();
    }

    String url(String path) {
        return emulator.baseUrl() + Endpoints.OBJECT_STORE + path;
    }

    /** A request builder for {@code path} (after /object-store/v1) as {@code user}. */
    Req req(String method, String path) {
        return new Req(method, url(path)).header("X-Auth-Token", alice.token());
    }

    Req as(EmulatorUser user, String method, String path) {
        return new Req(method, url(path)).header("X-Auth-Token", user.token());
    }

    Req raw(String method, String absoluteUrl) {
        return new Req(method, absoluteUrl);
    }

    final class Req {
        private final String method;
        private final String url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;

        Req(String method, String url) {
            this.method = method;
            this.url = url;
        }

        Req header(String name, String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        Req token(String token) {
            return header("X-Auth-Token", token);
        }

        Req body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        Req body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        Res send() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
            headers.forEach(b::header);
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> r = TestHttp.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Res(r.statusCode(), r.headers().map(), r.body());
        }
    }

    /** A response. Header names are compared case-insensitively. */
    record Res(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text(), e);
            }
        }

        Res expect(int code) {
            assertThat(status).as("status of response with body %s", text()).isEqualTo(code);
            return this;
        }
    }

    /** Sends raw bytes on a socket and returns the status line's code (for requests HttpClient cannot make). */
    int rawStatus(String request) {
        URI base = URI.create(emulator.baseUrl());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            return Integer.parseInt(line.toString().split(" ")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- convenience ----

    void createContainer(String container) {
        assertThat(req("PUT", "/" + alice.uuid() + "/" + container).send().status()).isIn(201, 202);
    }

    Res put(String container, String object, byte[] data) {
        return req("PUT", "/" + alice.uuid() + "/" + container + "/" + object)
                .header("Content-Type", "application/octet-stream").body(data).send().expect(201);
    }

    byte[] get(String container, String object) {
        return req("GET", "/" + alice.uuid() + "/" + container + "/" + object).send().expect(200).body();
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] data, int off, int len) {
        int end = off + len;
        while (end > off && data[end - 1] == 0) {
            end--;
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, off, end - off);
            return HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The block hashes of {@code data} at block size {@code bs}, computed independently of the emulator. */
    static List<String> blockHashes(byte[] data, int bs) {
        List<String> out = new ArrayList<>();
        for (int off = 0; off < data.length; off += bs) {
            out.add(sha256(data, off, Math.min(bs, data.length - off)));
        }
        return out;
    }

    static String hashmapJson(long bytes, List<String> hashes) {
        try {
            return JSON.writeValueAsString(Map.of("bytes", bytes, "hashes", hashes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
