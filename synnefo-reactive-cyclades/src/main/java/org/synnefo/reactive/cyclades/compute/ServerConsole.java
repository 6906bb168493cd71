package org.synnefo.reactive.cyclades.compute;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * Connection details of a server's console (the {@code console} action).
 *
 * @param type {@code vnc}, {@code vnc-ws} or {@code vnc-wss}
 * @param host the host to connect to
 * @param port the port
 * @param password the one-time password
 * @param raw the JSON object as received
 */
public record ServerConsole(String type, String host, int port, String password, JsonNode raw) {

    /** Console type: plain VNC. */
    public static final String VNC = "vnc";
    /** Console type: VNC over WebSocket. */
    public static final String VNC_WS = "vnc-ws";
    /** Console type: VNC over secure WebSocket. */
    public static final String VNC_WSS = "vnc-wss";

    /**
     * @param n the content of {@code {"console": ...}}
     * @return the console
     */
    public static ServerConsole fromJson(JsonNode n) {
        Integer p = Json.integer(n, "port");
        return new ServerConsole(Json.text(n, "type"), Json.text(n, "host"), p == null ? 0 : p,
                Json.text(n, "password"), n);
    }

    @Override
    public String toString() {
        return "ServerConsole[type=" + type + ", host=" + host + ", port=" + port + ", password=<redacted>]";
    }
}
