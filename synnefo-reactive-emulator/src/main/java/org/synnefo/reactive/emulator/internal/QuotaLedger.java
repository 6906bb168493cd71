package org.synnefo.reactive.emulator.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where usage is charged and released, per project and resource, for the project as
 * a whole and for each member. Every service charges here (Pithos {@code pithos.diskspace} to the
 * container's project, Cyclades {@code cyclades.*} to the resource's project), so {@code /quotas}
 * always agrees with what exists.
 */
public final class QuotaLedger {

    /** Capacity of one resource in one project. */
    public record Capacity(long projectCapacity, long memberCapacity) {
    }

    /** What {@code /quotas} shows for one (project, user, resource). */
    public record Entry(long limit, long usage, long pending, long projectLimit, long projectUsage, long projectPending) {
    }

    private final Map<String, Map<String, Capacity>> capacities = new HashMap<>();
    private final Map<String, Long> projectUsage = new HashMap<>();
    private final Map<String, Long> memberUsage = new HashMap<>();
    private final Map<String, Capacity> defaults = new LinkedHashMap<>();

    /** The capacity a project gets for a resource it does not name (system projects use these). */
    public synchronized void defaultCapacity(String resource, Capacity capacity) {
        defaults.put(resource, capacity);
    }

    /** Sets (or replaces) a project's capacity for a resource. */
    public synchronized void setCapacity(String projectId, String resource, Capacity capacity) {
        capacities.computeIfAbsent(projectId, k -> new LinkedHashMap<>()).put(resource, capacity);
    }

    public synchronized Capacity capacity(String projectId, String resource) {
        Map<String, Capacity> p = capacities.get(projectId);
        Capacity c = p == null ? null : p.get(resource);
        if (c == null) {
            c = defaults.get(resource);
        }
        return c == null ? new Capacity(0, 0) : c;
    }

    /** The resources known to the ledger (defaults first, then any project-specific ones). */
    public synchronized java.util.Set<String> resources() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>(defaults.keySet());
        capacities.values().forEach(m -> out.addAll(m.keySet()));
        return out;
    }

    /**
     * Charges {@code amount} of {@code resource} to {@code user} in {@code projectId}, or throws the
     * real 413 {@code overLimit} fault when either the member or the project limit would be exceeded.
     * Negative amounts release.
     */
    public synchronized void charge(String projectId, String user, String resource, long amount) {
        if (amount > 0) {
            Capacity cap = capacity(projectId, resource);
            long member = memberUsage.getOrDefault(key(projectId, user, resource), 0L);
            long project = projectUsage.getOrDefault(key(projectId, resource), 0L);
            if (member + amount > cap.memberCapacity() || project + amount > cap.projectCapacity()) {
                throw EmulatorFault.overLimit("Resource Limit Exceeded for your account.")
                        .withDetails("Limit for resource '" + resource + "' exceeded for your account. Available: "
                                + Math.max(0, Math.min(cap.memberCapacity() - member, cap.projectCapacity() - project))
                                + ", Requested: " + amount);
            }
        }
        memberUsage.merge(key(projectId, user, resource), amount, Long::sum);
        projectUsage.merge(key(projectId, resource), amount, Long::sum);
    }

    /** Releases usage charged earlier. */
    public synchronized void release(String projectId, String user, String resource, long amount) {
        charge(projectId, user, resource, -amount);
    }

    /** Moves usage between projects (reassign): checks the target's limits first, then moves. */
    public synchronized void move(String fromProject, String toProject, String user, String resource, long amount) {
        if (fromProject.equals(toProject)) {
            return;
        }
        charge(toProject, user, resource, amount);
        release(fromProject, user, resource, amount);
    }

    /** The figures {@code /quotas} reports for one (project, user, resource). */
    public synchronized Entry entry(String projectId, String user, String resource) {
        Capacity cap = capacity(projectId, resource);
        long member = memberUsage.getOrDefault(key(projectId, user, resource), 0L);
        long project = projectUsage.getOrDefault(key(projectId, resource), 0L);
        long effective = Math.min(cap.memberCapacity(), cap.projectCapacity() - (project - member));
        return new Entry(effective, member, 0, cap.projectCapacity(), project, 0);
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }
}
