package org.synnefo.reactive.emulator;

import java.util.Objects;

/**
 * A user known to the emulator's identity service.
 *
 * @param uuid the user's uuid; also the id of the user's system project
 * @param displayName the display name (an e-mail address in real deployments)
 * @param realName the user's real name, shown as {@code access.user.name}
 * @param email the user's e-mail address
 * @param token the user's API token
 */
public record EmulatorUser(String uuid, String displayName, String realName, String email, String token) {

    /** Validates that no component is null. */
    public EmulatorUser {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(realName, "realName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(token, "token");
    }

    /** Redacts the token so that a user printed in a log never leaks it. */
    @Override
    public String toString() {
        return "EmulatorUser[uuid=" + uuid + ", displayName=" + displayName + ", token=<redacted>]";
    }
}
