package org.synnefo.reactive.cyclades.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * Everything {@code POST /servers} accepts. Build with {@link #builder(String, String, String)}:
 *
 * <pre>{@code
 * ServerCreateRequest.builder("web-1", flavor.id(), image.id())
 *     .networks(List.of(ServerNetwork.network(privateNet.id())))   // exactly these NICs
 *     .keyNames(List.of("laptop"))
 *     .build()
 * }</pre>
 *
 * <p>Networks: leaving them unset (the default, {@code null}) omits the key so the cloud attaches its
 * default networks; an empty list sends {@code "networks": []}, a server with no NIC at all. The two are
 * different on purpose.
 */
public final class ServerCreateRequest {

    private final String name;
    private final String flavorId;
    private final String imageId;
    private final Map<String, String> metadata;
    private final List<String> tags;
    private final List<Personality> personality;
    private final List<ServerNetwork> networks;
    private final String projectId;
    private final Boolean sharedToProject;
    private final String keyName;
    private final List<String> keyNames;
    private final String adminPass;
    private final byte[] userData;
    private final List<BlockDeviceMapping> blockDevices;
    private final boolean inheritImageMetadata;

    private ServerCreateRequest(Builder b) {
        this.name = b.name;
        this.flavorId = b.flavorId;
        this.imageId = b.imageId;
        this.metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
        this.tags = List.copyOf(b.tags);
        this.personality = List.copyOf(b.personality);
        this.networks = b.networks == null ? null : List.copyOf(b.networks);
        this.projectId = b.projectId;
        this.sharedToProject = b.sharedToProject;
        this.keyName = b.keyName;
        this.keyNames = b.keyNames == null ? null : List.copyOf(b.keyNames);
        this.adminPass = b.adminPass;
        this.userData = b.userData;
        this.blockDevices = List.copyOf(b.blockDevices);
        this.inheritImageMetadata = b.inheritImageMetadata;
    }

    /**
     * @param name the server name (at most 255 characters)
     * @param flavorId the flavor id
     * @param imageId the image id; may be {@code null} when the first block device gives the image
     * @return a builder
     */
    public static Builder builder(String name, String flavorId, String imageId) {
        return new Builder(name, flavorId, imageId);
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the flavor id */
    public String flavorId() {
        return flavorId;
    }

    /** @return the image id, or {@code null} */
    public String imageId() {
        return imageId;
    }

    /** @return the metadata to set */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** @return the networks, or {@code null} for the cloud default */
    public List<ServerNetwork> networks() {
        return networks;
    }

    /** @return the project, or {@code null} for the caller's default project */
    public String projectId() {
        return projectId;
    }

    /** @return whether the client first copies the image's {@code os} and {@code users} metadata */
    public boolean inheritImageMetadata() {
        return inheritImageMetadata;
    }

    /**
     * The request body, with extra metadata merged under the request's own (the request's values win).
     *
     * @param inherited metadata copied from the image, or empty
     * @return {@code {"server": {...}}}
     */
    ObjectNode toJson(Map<String, String> inherited) {
        ObjectNode s = Json.object();
        s.put("name", name);
        Json.putId(s, "flavorRef", flavorId);
        if (imageId != null) {
            s.put("imageRef", imageId);
        }
        Map<String, String> meta = new LinkedHashMap<>(inherited);
        meta.putAll(metadata);
        if (!meta.isEmpty()) {
            s.set("metadata", Json.toObject(meta));
        }
        if (!tags.isEmpty()) {
            ArrayNode t = s.putArray("tags");
            tags.forEach(t::add);
        }
        if (!personality.isEmpty()) {
            ArrayNode p = s.putArray("personality");
            for (Personality f : personality) {
                ObjectNode o = p.addObject();
                o.put("path", f.path());
                o.put("contents", Base64.getEncoder().encodeToString(f.contents()));
                if (f.owner() != null) {
                    o.put("owner", f.owner());
                }
                if (f.group() != null) {
                    o.put("group", f.group());
                }
                if (f.mode() != null) {
                    o.put("mode", f.mode());
                }
            }
        }
        if (networks != null) {
            // an empty list is sent: it means "no NIC", unlike an absent key
            ArrayNode n = s.putArray("networks");
            for (ServerNetwork net : networks) {
                ObjectNode o = n.addObject();
                if (net.portId() != null) {
                    o.put("port", net.portId());
                } else {
                    o.put("uuid", net.networkId());
                    if (net.fixedIp() != null) {
                        o.put("fixed_ip", net.fixedIp());
                    }
                }
            }
        }
        if (projectId != null) {
            s.put("project", projectId);
        }
        if (sharedToProject != null) {
            s.put("shared_to_project", sharedToProject);
        }
        if (keyName != null) {
            s.put("key_name", keyName);
        }
        if (keyNames != null) {
            ArrayNode k = s.putArray("SNF:key_names");
            keyNames.forEach(k::add);
        }
        if (adminPass != null) {
            s.put("adminPass", adminPass);
        }
        if (userData != null) {
            s.put("user_data", Base64.getEncoder().encodeToString(userData));
        }
        if (!blockDevices.isEmpty()) {
            ArrayNode b = s.putArray("block_device_mapping_v2");
            for (BlockDeviceMapping d : blockDevices) {
                ObjectNode o = b.addObject();
                o.put("source_type", d.sourceType());
                if (d.uuid() != null) {
                    o.put("uuid", d.uuid());
                }
                if (d.volumeSizeGiB() != null) {
                    o.put("volume_size", d.volumeSizeGiB());
                }
                if (d.deleteOnTermination() != null) {
                    o.put("delete_on_termination", d.deleteOnTermination());
                }
            }
        }
        ObjectNode root = Json.object();
        root.set("server", s);
        return root;
    }

    @Override
    public String toString() {
        return "ServerCreateRequest[name=" + name + ", flavor=" + flavorId + ", image=" + imageId + ", networks="
                + networks + (adminPass != null ? ", adminPass=<redacted>" : "") + "]";
    }

    /** Builds a {@link ServerCreateRequest}. */
    public static final class Builder {
        private final String name;
        private final String flavorId;
        private final String imageId;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final List<String> tags = new ArrayList<>();
        private final List<Personality> personality = new ArrayList<>();
        private List<ServerNetwork> networks;
        private String projectId;
        private Boolean sharedToProject;
        private String keyName;
        private List<String> keyNames;
        private String adminPass;
        private byte[] userData;
        private final List<BlockDeviceMapping> blockDevices = new ArrayList<>();
        private boolean inheritImageMetadata = true;

        private Builder(String name, String flavorId, String imageId) {
            this.name = Objects.requireNonNull(name, "name");
            this.flavorId = Objects.requireNonNull(flavorId, "flavorId");
            this.imageId = imageId;
        }

        /** @param key a metadata key @param value its value @return this */
        public Builder metadata(String key, String value) {
            metadata.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** @param values metadata to add (at most 10 in total) @return this */
        public Builder metadata(Map<String, String> values) {
            metadata.putAll(values);
            return this;
        }

        /** @param values tags to add (at most 50) @return this */
        public Builder tags(List<String> values) {
            tags.addAll(values);
            return this;
        }

        /** @param file a file to inject @return this */
        public Builder personality(Personality file) {
            personality.add(Objects.requireNonNull(file));
            return this;
        }

        /**
         * The NICs, exactly. {@code null} (the default) leaves the choice to the cloud; an empty list
         * creates a server without any NIC.
         *
         * @param nics the NICs, or {@code null}
         * @return this
         */
        public Builder networks(List<ServerNetwork> nics) {
            this.networks = nics == null ? null : new ArrayList<>(nics);
            return this;
        }

        /** Creates the server without any NIC ({@code "networks": []}). @return this */
        public Builder noNetwork() {
            return networks(List.of());
        }

        /** @param project the project to charge, or {@code null} for the default @return this */
        public Builder project(String project) {
            this.projectId = project;
            return this;
        }

        /** @param shared whether the project's members see the server @return this */
        public Builder sharedToProject(boolean shared) {
            this.sharedToProject = shared;
            return this;
        }

        /** @param name one SSH key name (OpenStack {@code key_name}; not together with keyNames) @return this */
        public Builder keyName(String name) {
            this.keyName = name;
            return this;
        }

        /** @param names SSH key names ({@code SNF:key_names}) @return this */
        public Builder keyNames(List<String> names) {
            this.keyNames = names == null ? null : new ArrayList<>(names);
            return this;
        }

        /**
         * @param password the root password (at least 10 characters with upper, lower and digit); when unset
         *        the server generates one and returns it in {@link Server#adminPass()}
         * @return this
         */
        public Builder adminPass(String password) {
            this.adminPass = password;
            return this;
        }

        /** @param data user data (sent base64-encoded) @return this */
        public Builder userData(byte[] data) {
            this.userData = data == null ? null : data.clone();
            return this;
        }

        /** @param data user data as UTF-8 text (e.g. a cloud-config) @return this */
        public Builder userData(String data) {
            return userData(data == null ? null : data.getBytes(StandardCharsets.UTF_8));
        }

        /** @param device a block device mapping (the first one is the root volume) @return this */
        public Builder blockDevice(BlockDeviceMapping device) {
            blockDevices.add(Objects.requireNonNull(device));
            return this;
        }

        /**
         * Whether to copy the image's {@code os} and {@code users} metadata into the server's (kamaki does,
         * and the Synnefo UI relies on them); costs one GET of the image. Default true.
         *
         * @param inherit whether to copy
         * @return this
         */
        public Builder inheritImageMetadata(boolean inherit) {
            this.inheritImageMetadata = inherit;
            return this;
        }

        /** @return the request */
        public ServerCreateRequest build() {
            if (keyName != null && keyNames != null) {
                throw new IllegalStateException("keyName and keyNames are mutually exclusive");
            }
            return new ServerCreateRequest(this);
        }
    }
}
