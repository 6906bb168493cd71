package org.synnefo.reactive.cyclades.image;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.synnefo.reactive.core.http.SynnefoRequest;

/**
 * What registering a Pithos file as an image sends: the name, the location and optional
 * {@code X-Image-Meta-*} values and properties. Size and checksum, when given, must match the Pithos object
 * (the checksum is its Merkle hash, not an MD5).
 *
 * <pre>{@code
 * ImageRegistration.builder("debian-12", new PithosLocation(uuid, "images", "debian-12.diskdump"))
 *     .property("OSFAMILY", "linux").property("USERS", "root")
 *     .isPublic(false)
 *     .build()
 * }</pre>
 */
public final class ImageRegistration {

    private final String name;
    private final PithosLocation location;
    private final String diskFormat;
    private final String containerFormat;
    private final Long size;
    private final String checksum;
    private final Boolean isPublic;
    private final String owner;
    private final String store;
    private final Map<String, String> properties;

    private ImageRegistration(Builder b) {
        this.name = b.name;
        this.location = b.location;
        this.diskFormat = b.diskFormat;
        this.containerFormat = b.containerFormat;
        this.size = b.size;
        this.checksum = b.checksum;
        this.isPublic = b.isPublic;
        this.owner = b.owner;
        this.store = b.store;
        this.properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
    }

    /**
     * @param name the image name (non-empty)
     * @param location the Pithos file
     * @return a builder
     */
    public static Builder builder(String name, PithosLocation location) {
        return new Builder(name, location);
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the location */
    public PithosLocation location() {
        return location;
    }

    /** @return the properties */
    public Map<String, String> properties() {
        return properties;
    }

    SynnefoRequest apply(SynnefoRequest r) {
        SynnefoRequest out = r.quotedHeader("X-Image-Meta-", "Name", name)
                .header("X-Image-Meta-Location", location.toUri())
                .header("X-Image-Meta-Store", store)
                .header("X-Image-Meta-Disk-Format", diskFormat)
                .header("X-Image-Meta-Container-Format", containerFormat)
                .header("X-Image-Meta-Size", size)
                .header("X-Image-Meta-Checksum", checksum)
                .header("X-Image-Meta-Is-Public", isPublic == null ? null : isPublic.toString())
                .header("X-Image-Meta-Owner", owner);
        for (Map.Entry<String, String> p : properties.entrySet()) {
            out = out.quotedHeader("X-Image-Meta-Property-", p.getKey(), p.getValue());
        }
        return out;
    }

    /** Builds an {@link ImageRegistration}. */
    public static final class Builder {
        private final String name;
        private final PithosLocation location;
        private String diskFormat;
        private String containerFormat;
        private Long size;
        private String checksum;
        private Boolean isPublic;
        private String owner;
        private String store;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(String name, PithosLocation location) {
            this.name = Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("name must not be empty");
            }
            this.location = Objects.requireNonNull(location, "location");
        }

        /** @param format {@code diskdump} (default), {@code extdump} or {@code ntfsdump} @return this */
        public Builder diskFormat(String format) {
            this.diskFormat = format;
            return this;
        }

        /** @param format {@code bare} (default), {@code aki}, {@code ari}, {@code ami} or {@code ovf} @return this */
        public Builder containerFormat(String format) {
            this.containerFormat = format;
            return this;
        }

        /** @param bytes the file size; must equal the Pithos object's @return this */
        public Builder size(long bytes) {
            this.size = bytes;
            return this;
        }

        /** @param merkleHex the Pithos object's hash @return this */
        public Builder checksum(String merkleHex) {
            this.checksum = merkleHex;
            return this;
        }

        /** @param value whether everyone may use the image @return this */
        public Builder isPublic(boolean value) {
            this.isPublic = value;
            return this;
        }

        /** @param uuid the owner @return this */
        public Builder owner(String uuid) {
            this.owner = uuid;
            return this;
        }

        /** @param value the store; only {@code pithos} is accepted @return this */
        public Builder store(String value) {
            this.store = value;
            return this;
        }

        /** @param key a property key @param value its value @return this */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** @param values properties to add @return this */
        public Builder properties(Map<String, String> values) {
            properties.putAll(values);
            return this;
        }

        /** @return the registration */
        public ImageRegistration build() {
            return new ImageRegistration(this);
        }
    }
}
