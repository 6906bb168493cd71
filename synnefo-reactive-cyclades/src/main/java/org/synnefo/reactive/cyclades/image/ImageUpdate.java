package org.synnefo.reactive.cyclades.image;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.synnefo.reactive.core.http.SynnefoRequest;

/**
 * A partial update of an image: only what is set is sent; properties are merged into the image's, not
 * replaced.
 */
public final class ImageUpdate {

    private final String name;
    private final String diskFormat;
    private final String containerFormat;
    private final String status;
    private final Boolean isPublic;
    private final String owner;
    private final Map<String, String> properties;

    private ImageUpdate(Builder b) {
        this.name = b.name;
        this.diskFormat = b.diskFormat;
        this.containerFormat = b.containerFormat;
        this.status = b.status;
        this.isPublic = b.isPublic;
        this.owner = b.owner;
        this.properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
    }

    /** @return a builder that changes nothing yet */
    public static Builder builder() {
        return new Builder();
    }

    SynnefoRequest apply(SynnefoRequest r) {
        SynnefoRequest out = r.quotedHeader("X-Image-Meta-", "Name", name)
                .header("X-Image-Meta-Disk-Format", diskFormat)
                .header("X-Image-Meta-Container-Format", containerFormat)
                .header("X-Image-Meta-Status", status)
                .header("X-Image-Meta-Is-Public", isPublic == null ? null : isPublic.toString())
                .header("X-Image-Meta-Owner", owner);
        for (Map.Entry<String, String> p : properties.entrySet()) {
            out = out.quotedHeader("X-Image-Meta-Property-", p.getKey(), p.getValue());
        }
        return out;
    }

    /** Builds an {@link ImageUpdate}. */
    public static final class Builder {
        private String name;
        private String diskFormat;
        private String containerFormat;
        private String status;
        private Boolean isPublic;
        private String owner;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        /** @param value the new name @return this */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** @param value the new disk format @return this */
        public Builder diskFormat(String value) {
            this.diskFormat = value;
            return this;
        }

        /** @param value the new container format @return this */
        public Builder containerFormat(String value) {
            this.containerFormat = value;
            return this;
        }

        /** @param value the new status @return this */
        public Builder status(String value) {
            this.status = value;
            return this;
        }

        /** @param value whether everyone may use it @return this */
        public Builder isPublic(boolean value) {
            this.isPublic = value;
            return this;
        }

        /** @param uuid the new owner @return this */
        public Builder owner(String uuid) {
            this.owner = uuid;
            return this;
        }

        /** @param key a property key @param value its value @return this */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** @return the update */
        public ImageUpdate build() {
            return new ImageUpdate(this);
        }
    }
}
