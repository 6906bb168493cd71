package org.synnefo.reactive.pithos;

import java.util.Locale;
import java.util.Objects;

/**
 * A container's versioning policy ({@code X-Container-Policy-Versioning}). An open type: a value the
 * server adds later still parses.
 *
 * @param value the policy as the server spells it
 */
public record VersioningPolicy(String value) {

    /** Keep old versions (the default). */
    public static final VersioningPolicy AUTO = new VersioningPolicy("auto");
    /** Discard the previous version on every write. */
    public static final VersioningPolicy NONE = new VersioningPolicy("none");

    /** Validates and normalises to lower case. */
    public VersioningPolicy {
        value = Objects.requireNonNull(value, "value").toLowerCase(Locale.ROOT);
    }

    /** @param value the policy @return the policy, or {@code null} for {@code null} */
    public static VersioningPolicy of(String value) {
        return value == null || value.isBlank() ? null : new VersioningPolicy(value.trim());
    }

    @Override
    public String toString() {
        return value;
    }
}
