package org.synnefo.reactive.emulator.internal.pithos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import org.synnefo.reactive.emulator.internal.Endpoints;

/**
 * A keep-alive connection keeps being read after a request that Reactor Netty had to buffer because the
 * previous response was still finishing. Regression test for a hang: a journaled write (answered from a
 * bounded-elastic thread) followed on the same connection by a request answered synchronously (a HEAD)
 * left the channel with auto-read off and no read pending, so the third request was never read.
 */
class PithosKeepAliveTest {

    @TempDir
    Path dir;

    @Test
    void aConnectionIsStillReadAfterABufferedRequestIsAnsweredSynchronously() throws IOException {
        try (SynnefoEmulator e = SynnefoEmulator.builder().blockSize(1024).dataDir(dir).start()) {
            EmulatorUser alice = e.users().get(0);
            URI base = URI.create(e.baseUrl());
            String path = Endpoints.OBJECT_STORE + "/" + alice.uuid() + "/c";
            try (Socket s = new Socket(base.getHost(), base.getPort())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                // pipelined: the HEAD arrives while the PUT is still forcing the journal to disk, so the
                // server buffers it and answers it once the PUT's response is complete
                out.write((request("PUT", path, alice) + request("HEAD", path, alice))
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertThat(status(in, false)).isEqualTo(201);
                assertThat(status(in, true)).isEqualTo(204);
                for (int i = 0; i < 3; i++) {
                    out.write(request("HEAD", path, alice).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    assertThat(status(in, true)).as("HEAD %d after the pipelined pair", i).isEqualTo(204);
                }
            }
        }
    }

    private static String request(String method, String path, EmulatorUser user) {
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Auth-Token: " + user.token()
                + "\r\nContent-Length: 0\r\n\r\n";
    }

    /** Reads one response head (and its body unless it answers a HEAD); its status code. */
    private static int status(InputStream in, boolean head) throws IOException {
        String headers;
        try {
            headers = readHead(in);
        } catch (SocketTimeoutException stalled) {
            throw new AssertionError("the server did not answer within 10 s: the connection stalled", stalled);
        }
        long length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        if (!head) {
            in.readNBytes((int) length);
        }
        return Integer.parseInt(headers.split(" ")[1]);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed; got: " + buf);
            }
            buf.write(c);
            matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }
}
