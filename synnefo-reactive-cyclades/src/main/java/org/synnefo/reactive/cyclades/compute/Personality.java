package org.synnefo.reactive.cyclades.compute;

import java.util.Objects;

/**
 * A file to inject into a server at creation ({@code personality}). Synnefo accepts at most 5 files of at
 * most 10240 bytes each; more is refused with 413.
 *
 * @param path the absolute path in the server
 * @param contents the file contents (sent base64-encoded)
 * @param owner the owner user name, or {@code null}
 * @param group the group name, or {@code null}
 * @param mode the permission bits (e.g. {@code 0600}), or {@code null}
 */
public record Personality(String path, byte[] contents, String owner, String group, Integer mode) {

    /** Validates and copies the contents. */
    public Personality {
        Objects.requireNonNull(path, "path");
        contents = Objects.requireNonNull(contents, "contents").clone();
    }

    /**
     * @param path the absolute path
     * @param contents the contents
     * @return a file owned by the image's default user
     */
    public static Personality of(String path, byte[] contents) {
        return new Personality(path, contents, null, null, null);
    }

    /** @return a copy of the contents */
    @Override
    public byte[] contents() {
        return contents.clone();
    }
}
