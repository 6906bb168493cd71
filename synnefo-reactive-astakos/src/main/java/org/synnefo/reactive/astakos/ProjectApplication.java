package org.synnefo.reactive.astakos;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An application to create a project, or to modify one: only the fields that are set are sent, so a
 * modification carries just what changes. To create, the server requires {@code name} (domain-like, such as
 * {@code myproject.example.org}) and {@code endDate}.
 *
 * <pre>{@code
 * ProjectApplication.builder()
 *     .name("myproject.example.org")
 *     .endDate(Instant.parse("2030-01-01T00:00:00Z"))
 *     .resource("cyclades.vm", 10, 2)
 *     .build()
 * }</pre>
 *
 * @param name the project name
 * @param owner the owner's uuid (default: the caller)
 * @param homepage the homepage
 * @param description the description
 * @param comments comments for the reviewers
 * @param startDate when the project starts
 * @param endDate when the project ends
 * @param joinPolicy how members join (server default {@code moderated})
 * @param leavePolicy how members leave (server default {@code auto})
 * @param maxMembers the member limit (server default practically infinite)
 * @param isPrivate whether the project is private (server default false)
 * @param resources the resources asked for
 */
public record ProjectApplication(String name, String owner, String homepage, String description, String comments,
        Instant startDate, Instant endDate, MembershipPolicy joinPolicy, MembershipPolicy leavePolicy,
        Long maxMembers, Boolean isPrivate, Map<String, ResourceCapacity> resources) {

    /** Copies the resources. */
    public ProjectApplication {
        resources = resources == null ? null : Map.copyOf(resources);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The request body: the set fields under their wire names ({@code start_date}, {@code join_policy},
     * {@code max_members}, {@code private}...), dates as ISO-8601 UTC.
     *
     * @return the body
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "name", name);
        put(m, "owner", owner);
        put(m, "homepage", homepage);
        put(m, "description", description);
        put(m, "comments", comments);
        put(m, "start_date", startDate == null ? null : format(startDate));
        put(m, "end_date", endDate == null ? null : format(endDate));
        put(m, "join_policy", joinPolicy == null ? null : joinPolicy.value());
        put(m, "leave_policy", leavePolicy == null ? null : leavePolicy.value());
        put(m, "max_members", maxMembers);
        put(m, "private", isPrivate);
        if (resources != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            resources.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> r.put(e.getKey(), e.getValue().toJson()));
            m.put("resources", r);
        }
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static String format(Instant i) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(i.atOffset(ZoneOffset.UTC));
    }

    /** Builds a {@link ProjectApplication}; every field is optional. */
    public static final class Builder {
        private String name;
        private String owner;
        private String homepage;
        private String description;
        private String comments;
        private Instant startDate;
        private Instant endDate;
        private MembershipPolicy joinPolicy;
        private MembershipPolicy leavePolicy;
        private Long maxMembers;
        private Boolean isPrivate;
        private Map<String, ResourceCapacity> resources;

        private Builder() {
        }

        /** @param value the project name (domain-like) @return this */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** @param value the owner's uuid @return this */
        public Builder owner(String value) {
            this.owner = value;
            return this;
        }

        /** @param value the homepage @return this */
        public Builder homepage(String value) {
            this.homepage = value;
            return this;
        }

        /** @param value the description @return this */
        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /** @param value comments for the reviewers @return this */
        public Builder comments(String value) {
            this.comments = value;
            return this;
        }

        /** @param value the start date @return this */
        public Builder startDate(Instant value) {
            this.startDate = value;
            return this;
        }

        /** @param value the end date @return this */
        public Builder endDate(Instant value) {
            this.endDate = value;
            return this;
        }

        /** @param value the join policy @return this */
        public Builder joinPolicy(MembershipPolicy value) {
            this.joinPolicy = value;
            return this;
        }

        /** @param value the leave policy @return this */
        public Builder leavePolicy(MembershipPolicy value) {
            this.leavePolicy = value;
            return this;
        }

        /** @param value the member limit @return this */
        public Builder maxMembers(long value) {
            this.maxMembers = value;
            return this;
        }

        /** @param value whether the project is private @return this */
        public Builder isPrivate(boolean value) {
            this.isPrivate = value;
            return this;
        }

        /**
         * Asks for a resource.
         *
         * @param resource the resource name, e.g. {@code cyclades.vm}
         * @param projectCapacity the project-wide limit
         * @param memberCapacity the per-member limit
         * @return this
         */
        public Builder resource(String resource, long projectCapacity, long memberCapacity) {
            if (resources == null) {
                resources = new LinkedHashMap<>();
            }
            resources.put(Objects.requireNonNull(resource, "resource"),
                    new ResourceCapacity(projectCapacity, memberCapacity));
            return this;
        }

        /** @return the application */
        public ProjectApplication build() {
            return new ProjectApplication(name, owner, homepage, description, comments, startDate, endDate,
                    joinPolicy, leavePolicy, maxMembers, isPrivate, resources);
        }
    }
}
