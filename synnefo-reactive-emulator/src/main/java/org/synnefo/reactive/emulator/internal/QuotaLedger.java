package org.synnefo.reactive.emulator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one place where usage is charged and released, per project and resource, for the project as
 * a whole and for each member. Every service charges here (Pithos {@code pithos.diskspace} to the
 * container's project, Cyclades {@code cyclades.*} to the resource's project), so {@code /quotas}
 * always agrees with what exists. Astakos' commissions ({@code POST /commissions}) live here too: an
 * issued commission is <em>pending</em> (counted against the limits) until accepted (it becomes usage)
 * or rejected (it vanishes).
 *
 * <p>Every method is a short in-memory update under the ledger's lock, safe on event-loop threads.
 */
public final class QuotaLedger {

    /** Capacity of one resource in one project. */
    public record Capacity(long projectCapacity, long memberCapacity) {
    }

    /** What {@code /quotas} shows for one (project, user, resource). */
    public record Entry(long limit, long usage, long pending, long projectLimit, long projectUsage, long projectPending) {
    }

    /**
     * One provision of a commission: {@code user} is {@code null} for a project-level provision
     * (holder {@code project:<uuid>}), else the member charged in {@code projectId}.
     */
    public record Provision(String projectId, String user, String resource, long quantity) {
    }

    /** A commission issued and not yet resolved. */
    public record Commission(long serial, String name, Instant issueTime, List<Provision> provisions) {
    }

    /** Thrown when a commission does not fit: the provision that failed, its limit and current usage. */
    public static final class NoCapacity extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Provision provision;
        private final long limit;
        private final long usage;

        NoCapacity(Provision provision, long limit, long usage) {
            super("Limit for resource '" + provision.resource() + "' exceeded for your account. Available: "
                    + Math.max(0, limit - usage) + ", Requested: " + provision.quantity(), null, false, false);
            this.provision = provision;
            this.limit = limit;
            this.usage = usage;
        }

        public Provision provision() { return provision; }
        public long limit() { return limit; }
        public long usage() { return usage; }
    }

    private final Map<String, Map<String, Capacity>> capacities = new HashMap<>();
    private final Map<String, Long> projectUsage = new HashMap<>();
    private final Map<String, Long> memberUsage = new HashMap<>();
    private final Map<String, Long> projectPending = new HashMap<>();
    private final Map<String, Long> memberPending = new HashMap<>();
    private final Map<String, Capacity> defaults = new LinkedHashMap<>();
    private final Set<String> deactivated = new HashSet<>();
    private final Map<Long, Commission> commissions = new TreeMap<>();
    private long nextSerial = 1;

    /** The capacity a project gets for a resource it does not name (system projects use these). */
    public synchronized void defaultCapacity(String resource, Capacity capacity) {
        defaults.put(resource, capacity);
    }

    /** Sets (or replaces) a project's capacity for a resource. */
    public synchronized void setCapacity(String projectId, String resource, Capacity capacity) {
        capacities.computeIfAbsent(projectId, k -> new LinkedHashMap<>()).put(resource, capacity);
    }

    /** The capacity granted to a project (its own, else the default), regardless of its state. */
    public synchronized Capacity grantedCapacity(String projectId, String resource) {
        Map<String, Capacity> p = capacities.get(projectId);
        Capacity c = p == null ? null : p.get(resource);
        if (c == null) {
            c = defaults.get(resource);
        }
        return c == null ? new Capacity(0, 0) : c;
    }

    /** The capacity in force: zero while the project is deactivated (suspended or terminated). */
    public synchronized Capacity capacity(String projectId, String resource) {
        if (deactivated.contains(projectId)) {
            return new Capacity(0, 0);
        }
        return grantedCapacity(projectId, resource);
    }

    /** A suspended or terminated project keeps its usage but can charge nothing more (limits read 0). */
    public synchronized void setDeactivated(String projectId, boolean value) {
        if (value) {
            deactivated.add(projectId);
        } else {
            deactivated.remove(projectId);
        }
    }

    /** The resources known to the ledger (defaults first, then any project-specific ones). */
    public synchronized Set<String> resources() {
        Set<String> out = new LinkedHashSet<>(defaults.keySet());
        capacities.values().forEach(m -> out.addAll(m.keySet()));
        return out;
    }

    /**
     * Charges {@code amount} of {@code resource} to {@code user} in {@code projectId}, or throws the
     * real 413 {@code overLimit} fault when either the member or the project limit would be exceeded
     * (pending commissions count). Negative amounts release.
     */
    public synchronized void charge(String projectId, String user, String resource, long amount) {
        if (amount > 0) {
            try {
                check(new Provision(projectId, user, resource, amount));
            } catch (NoCapacity e) {
                throw EmulatorFault.overLimit("Resource Limit Exceeded for your account.")
                        .withDetails(e.getMessage());
            }
        }
        apply(projectId, user, resource, amount, memberUsage, projectUsage);
    }

    /** Charges without checking the limits (administrative actions, Astakos' {@code force}). */
    public synchronized void chargeForced(String projectId, String user, String resource, long amount) {
        apply(projectId, user, resource, amount, memberUsage, projectUsage);
    }

    /** Releases usage charged earlier. */
    public synchronized void release(String projectId, String user, String resource, long amount) {
        apply(projectId, user, resource, -amount, memberUsage, projectUsage);
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
        long mPending = memberPending.getOrDefault(key(projectId, user, resource), 0L);
        long pPending = projectPending.getOrDefault(key(projectId, resource), 0L);
        long effective = Math.max(0, Math.min(cap.memberCapacity(), cap.projectCapacity() - (project - member)));
        return new Entry(effective, member, mPending, cap.projectCapacity(), project, pPending);
    }

    /** The project-wide figures: limit, usage, pending. */
    public synchronized Entry projectEntry(String projectId, String resource) {
        Capacity cap = capacity(projectId, resource);
        long project = projectUsage.getOrDefault(key(projectId, resource), 0L);
        long pPending = projectPending.getOrDefault(key(projectId, resource), 0L);
        return new Entry(0, 0, 0, cap.projectCapacity(), project, pPending);
    }

    // ---- commissions ----

    /**
     * Issues a commission: every positive provision must fit (usage + pending + quantity within the
     * member and project limits) unless {@code force}; then all become pending together.
     *
     * @throws NoCapacity for the first provision that does not fit (nothing is changed)
     */
    public synchronized long issue(String name, List<Provision> provisions, boolean force, Instant now) {
        if (!force) {
            // Check cumulatively: two provisions on the same holder must fit together.
            Map<String, Long> extraMember = new HashMap<>();
            Map<String, Long> extraProject = new HashMap<>();
            for (Provision p : provisions) {
                if (p.quantity() > 0) {
                    check(p, extraMember.getOrDefault(key(p.projectId(), String.valueOf(p.user()), p.resource()), 0L),
                            extraProject.getOrDefault(key(p.projectId(), p.resource()), 0L));
                    extraMember.merge(key(p.projectId(), String.valueOf(p.user()), p.resource()), p.quantity(), Long::sum);
                    extraProject.merge(key(p.projectId(), p.resource()), p.quantity(), Long::sum);
                }
            }
        }
        long serial = nextSerial++;
        for (Provision p : provisions) {
            apply(p.projectId(), p.user(), p.resource(), Math.max(0, p.quantity()), memberPending, projectPending);
        }
        commissions.put(serial, new Commission(serial, name, now, List.copyOf(provisions)));
        return serial;
    }

    /** The serials of the pending commissions, in order. */
    public synchronized List<Long> pendingCommissions() {
        return new ArrayList<>(commissions.keySet());
    }

    public synchronized Optional<Commission> commission(long serial) {
        return Optional.ofNullable(commissions.get(serial));
    }

    /** Accepts (usage changes) or rejects (nothing changes) a pending commission; false when unknown. */
    public synchronized boolean resolve(long serial, boolean accept) {
        Commission c = commissions.remove(serial);
        if (c == null) {
            return false;
        }
        for (Provision p : c.provisions()) {
            apply(p.projectId(), p.user(), p.resource(), -Math.max(0, p.quantity()), memberPending, projectPending);
            if (accept) {
                apply(p.projectId(), p.user(), p.resource(), p.quantity(), memberUsage, projectUsage);
            }
        }
        return true;
    }

    private void check(Provision p) {
        check(p, 0, 0);
    }

    private void check(Provision p, long extraMember, long extraProject) {
        Capacity cap = capacity(p.projectId(), p.resource());
        long project = projectUsage.getOrDefault(key(p.projectId(), p.resource()), 0L)
                + projectPending.getOrDefault(key(p.projectId(), p.resource()), 0L) + extraProject;
        if (p.user() != null) {
            long member = memberUsage.getOrDefault(key(p.projectId(), p.user(), p.resource()), 0L)
                    + memberPending.getOrDefault(key(p.projectId(), p.user(), p.resource()), 0L) + extraMember;
            if (member + p.quantity() > cap.memberCapacity()) {
                throw new NoCapacity(p, cap.memberCapacity(), member);
            }
        }
        if (project + p.quantity() > cap.projectCapacity()) {
            throw new NoCapacity(p, cap.projectCapacity(), project);
        }
    }

    private static void apply(String projectId, String user, String resource, long amount,
            Map<String, Long> member, Map<String, Long> project) {
        if (user != null) {
            member.merge(key(projectId, user, resource), amount, Long::sum);
        }
        project.merge(key(projectId, resource), amount, Long::sum);
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }
}
