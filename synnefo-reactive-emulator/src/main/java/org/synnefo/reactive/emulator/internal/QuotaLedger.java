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
 * The one place where usage is charged and released. As in Astakos' quotaholder, every figure lives
 * in a <em>holding</em>: a member's holding {@code user:<uuid>} drawn from source {@code project:<id>}
 * (limited by the project's member capacity) and the project's own holding {@code project:<id>}
 * (limited by the project capacity). The two are independent: a service that uses a resource
 * charges both (upstream {@code astakosclient.mk_provisions} sends that pair), which is what
 * {@link #charge} does for the emulator's own services; a commission charges exactly the holdings
 * its provisions name, so a correctly paired commission charges the project once.
 *
 * <p>Every service charges here (Pithos {@code pithos.diskspace} to the container's project, Cyclades
 * {@code cyclades.*} to the resource's project), so {@code /quotas} always agrees with what exists.
 * Astakos' commissions ({@code POST /commissions}) live here too: an issued commission is
 * <em>pending</em> (counted against the limits) until accepted (it becomes usage) or rejected (it
 * vanishes).
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
     * (holder {@code project:<uuid>}, source null), else the member's holding (holder
     * {@code user:<uuid>}, source {@code project:<projectId>}).
     */
    public record Provision(String projectId, String user, String resource, long quantity) {

        /** The holder as Astakos names it: {@code user:<uuid>} or {@code project:<uuid>}. */
        public String holder() {
            return user == null ? "project:" + projectId : "user:" + user;
        }
    }

    /** A commission issued and not yet resolved. */
    public record Commission(long serial, String name, Instant issueTime, List<Provision> provisions) {
    }

    /**
     * Thrown when a provision does not fit its holding: quotaholder's {@code NoCapacityError} (an
     * import over the limit) or {@code NoQuantityError} (a release of more than the holding contains),
     * with the failing provision, the holding's limit and its usage as quotaholder reports them.
     */
    public static final class NoCapacity extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Provision provision;
        private final long limit;
        private final long usage;
        private final String errorName;

        NoCapacity(String errorName, String message, Provision provision, long limit, long usage) {
            super(message, null, false, false);
            this.errorName = errorName;
            this.provision = provision;
            this.limit = limit;
            this.usage = usage;
        }

        static NoCapacity overLimit(Provision p, long limit, long usageMax) {
            return new NoCapacity("NoCapacityError", p.holder() + " has not enough capacity of " + p.resource() + ".",
                    p, limit, usageMax);
        }

        static NoCapacity overRelease(Provision p, long usageMin) {
            return new NoCapacity("NoQuantityError",
                    p.holder() + " attempts to release more " + p.resource() + " than it contains.", p, 0, usageMin);
        }

        /** Quotaholder's exception class name, reported as {@code data.name}. */
        public String errorName() { return errorName; }
        public Provision provision() { return provision; }
        public long limit() { return limit; }
        public long usage() { return usage; }
    }

    /**
     * How services show a quota error to their users: astakosclient's
     * {@code render_overlimit_exception} names resources this way.
     */
    private static final Map<String, String> DISPLAY_NAMES = Map.of(
            "cyclades.disk", "Disk",
            "cyclades.vm", "Virtual Machine",
            "cyclades.cpu", "CPU",
            "cyclades.ram", "RAM",
            "cyclades.floating_ip", "Floating IP address",
            "cyclades.network.private", "Private Network",
            "pithos.diskspace", "Storage space",
            "astakos.pending_app", "Pending Applications");

    /** One holding: accepted usage plus what pending commissions would add or take away. */
    private static final class Holding {
        long usage;
        long importing;
        long releasing;

        long usageMax() { return usage + importing; }
        long usageMin() { return usage - releasing; }
        long pending() { return importing + releasing; }
    }

    private final Map<String, Map<String, Capacity>> capacities = new HashMap<>();
    private final Map<String, Holding> holdings = new HashMap<>();
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
     * Charges {@code amount} of {@code resource} to {@code user} in {@code projectId}: both the member's
     * holding and the project's (the pair a real service commits), or throws the real 413 fault a
     * service answers when either limit would be exceeded (pending commissions count):
     * {@code overLimit}, "Resource Limit Exceeded for your account.", with astakosclient's details
     * text. Negative amounts release.
     */
    public synchronized void charge(String projectId, String user, String resource, long amount) {
        if (amount > 0) {
            Capacity cap = capacity(projectId, resource);
            Holding member = holding(projectId, user, resource);
            Holding project = holding(projectId, null, resource);
            if (member.usageMax() + amount > cap.memberCapacity()) {
                throw overLimitFault(resource, cap.memberCapacity(), member.usageMax(), amount);
            }
            if (project.usageMax() + amount > cap.projectCapacity()) {
                throw overLimitFault(resource, cap.projectCapacity(), project.usageMax(), amount);
            }
        }
        chargeForced(projectId, user, resource, amount);
    }

    /** Charges both holdings without checking the limits (administrative actions, Astakos' {@code force}). */
    public synchronized void chargeForced(String projectId, String user, String resource, long amount) {
        holding(projectId, user, resource).usage += amount;
        holding(projectId, null, resource).usage += amount;
    }

    /** Releases usage charged earlier by {@link #charge} (both holdings). */
    public synchronized void release(String projectId, String user, String resource, long amount) {
        chargeForced(projectId, user, resource, -amount);
    }

    /** Moves usage between projects (reassign): checks the target's limits first, then moves. */
    public synchronized void move(String fromProject, String toProject, String user, String resource, long amount) {
        if (fromProject.equals(toProject)) {
            return;
        }
        charge(toProject, user, resource, amount);
        release(fromProject, user, resource, amount);
    }

    /**
     * The 413 a service answers when Astakos refuses its commission, as astakosclient renders it:
     * the resource's display name, what is available ({@code limit - usage}) and what was requested.
     */
    public static EmulatorFault overLimitFault(String resource, long limit, long usage, long requested) {
        return EmulatorFault.overLimit("Resource Limit Exceeded for your account.")
                .withDetails("Limit for resource '" + DISPLAY_NAMES.getOrDefault(resource, resource)
                        + "' exceeded for your account. Available: " + (limit - usage) + ", Requested: " + requested);
    }

    /** The figures {@code /quotas} reports for one (project, user, resource). */
    public synchronized Entry entry(String projectId, String user, String resource) {
        Capacity cap = capacity(projectId, resource);
        Holding member = peek(projectId, user, resource);
        Holding project = peek(projectId, null, resource);
        long effective = Math.max(0, Math.min(cap.memberCapacity(),
                cap.projectCapacity() - (project.usage - member.usage)));
        return new Entry(effective, member.usage, member.pending(), cap.projectCapacity(), project.usage,
                project.pending());
    }

    /** The project-wide figures: limit, usage, pending. */
    public synchronized Entry projectEntry(String projectId, String resource) {
        Capacity cap = capacity(projectId, resource);
        Holding project = peek(projectId, null, resource);
        return new Entry(0, 0, 0, cap.projectCapacity(), project.usage, project.pending());
    }

    // ---- commissions ----

    /**
     * Issues a commission: each provision charges only the holding it names. Unless {@code force},
     * every import must fit its holding's limit (usage + pending imports + quantity) and every release
     * must leave the holding non-negative; provisions on the same holding are judged together. Then
     * all become pending together.
     *
     * @throws NoCapacity for the first provision that does not fit (nothing is changed)
     */
    public synchronized long issue(String name, List<Provision> provisions, boolean force, Instant now) {
        if (!force) {
            Map<String, Long> extraImport = new HashMap<>();
            Map<String, Long> extraRelease = new HashMap<>();
            for (Provision p : provisions) {
                String k = key(p.projectId(), p.user(), p.resource());
                Holding h = peek(p.projectId(), p.user(), p.resource());
                if (p.quantity() > 0) {
                    Capacity cap = capacity(p.projectId(), p.resource());
                    long limit = p.user() == null ? cap.projectCapacity() : cap.memberCapacity();
                    long usageMax = h.usageMax() + extraImport.getOrDefault(k, 0L);
                    if (usageMax + p.quantity() > limit) {
                        throw NoCapacity.overLimit(p, limit, usageMax);
                    }
                    extraImport.merge(k, p.quantity(), Long::sum);
                } else if (p.quantity() < 0) {
                    long usageMin = h.usageMin() - extraRelease.getOrDefault(k, 0L);
                    if (usageMin + p.quantity() < 0) {
                        throw NoCapacity.overRelease(p, usageMin);
                    }
                    extraRelease.merge(k, -p.quantity(), Long::sum);
                }
            }
        }
        long serial = nextSerial++;
        for (Provision p : provisions) {
            Holding h = holding(p.projectId(), p.user(), p.resource());
            if (p.quantity() > 0) {
                h.importing += p.quantity();
            } else {
                h.releasing -= p.quantity();
            }
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
            Holding h = holding(p.projectId(), p.user(), p.resource());
            if (p.quantity() > 0) {
                h.importing -= p.quantity();
            } else {
                h.releasing += p.quantity();
            }
            if (accept) {
                h.usage += p.quantity();
            }
        }
        return true;
    }

    /** The holding of {@code user} in the project, or the project's own when {@code user} is null. */
    private Holding holding(String projectId, String user, String resource) {
        return holdings.computeIfAbsent(key(projectId, user, resource), k -> new Holding());
    }

    private Holding peek(String projectId, String user, String resource) {
        Holding h = holdings.get(key(projectId, user, resource));
        return h == null ? new Holding() : h;
    }

    private static String key(String projectId, String user, String resource) {
        return user == null ? "project\u0000" + projectId + "\u0000" + resource
                : "user\u0000" + projectId + "\u0000" + user + "\u0000" + resource;
    }
}
