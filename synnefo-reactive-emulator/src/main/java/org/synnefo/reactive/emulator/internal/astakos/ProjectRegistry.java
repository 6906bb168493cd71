package org.synnefo.reactive.emulator.internal.astakos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.synnefo.reactive.emulator.internal.Ids;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.internal.EmulatorFault;
import org.synnefo.reactive.emulator.internal.EmulatorState;
import org.synnefo.reactive.emulator.internal.Json;
import org.synnefo.reactive.emulator.internal.ProjectDirectory;
import org.synnefo.reactive.emulator.internal.QuotaLedger;
import org.synnefo.reactive.emulator.internal.QuotaLedger.Capacity;

/**
 * Astakos' projects: system projects, applications and their lifecycle, project actions and
 * memberships, following {@code astakos/im/functions.py} (permission levels, state checks and their
 * 403/404/409 messages). Capacities live in the {@link QuotaLedger}; this class keeps everything else.
 * Every public method is a short in-memory update under this object's lock.
 */
public final class ProjectRegistry implements ProjectDirectory {

    /** A practically infinite member limit, Astakos' default {@code max_members}. */
    public static final long PRACTICALLY_INFINITE = Long.MAX_VALUE / 4;

    static final Set<String> POLICIES = Set.of("auto", "moderated", "closed");
    static final Set<String> PROJECT_STATES = Set.of("uninitialized", "active", "suspended", "terminated", "deleted");
    private static final Set<String> ASSOCIATED = Set.of("requested", "accepted", "leave_requested", "suspended");
    private static final Set<String> ACCEPTED = Set.of("accepted", "leave_requested", "suspended");
    private static final Set<String> ACTUALLY_ACCEPTED = Set.of("accepted", "leave_requested");
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    static final class Project {
        String id;
        String state;
        Instant creationDate;
        String name;
        String owner;
        String homepage = "";
        String description = "";
        Instant endDate;
        String joinPolicy = "moderated";
        String leavePolicy = "auto";
        long maxMembers = PRACTICALLY_INFINITE;
        boolean isPrivate;
        boolean system;
        Application lastApplication;
        Instant deactivationDate;
        /** Resources shown in the project dict: those requested until approval, then all. */
        final Set<String> shown = new java.util.LinkedHashSet<>();
    }

    static final class Application {
        long id;
        String state = "pending";
        Project project;
        String applicant;
        String owner;
        String name;
        String homepage;
        String description;
        String comments;
        Instant startDate;
        Instant endDate;
        String joinPolicy;
        String leavePolicy;
        Long maxMembers;
        Boolean isPrivate;
        Map<String, Capacity> resources = new LinkedHashMap<>();
    }

    static final class Membership {
        long id;
        String user;
        Project project;
        String state;
        final Map<String, Instant> dates = new LinkedHashMap<>();
    }

    /** The fields of an application, as parsed from a request (null: not given). */
    public static final class AppRequest {
        public String owner;
        public String name;
        public String homepage;
        public String description;
        public String comments;
        public Instant startDate;
        public Instant endDate;
        public String joinPolicy;
        public String leavePolicy;
        public Long maxMembers;
        public Boolean isPrivate;
        public Map<String, Capacity> resources = new LinkedHashMap<>();
    }

    private final EmulatorState state;
    private final QuotaLedger ledger;
    private final Map<String, Project> projects = new LinkedHashMap<>();
    private final Map<Long, Application> applications = new HashMap<>();
    private final Map<Long, Membership> memberships = new TreeMap<>();
    private final Map<String, String> defaultProject = new HashMap<>();
    private long nextApp = 1;
    private long nextMembership = 1;

    public ProjectRegistry(EmulatorState state, QuotaLedger ledger) {
        this.state = state;
        this.ledger = ledger;
    }

    private Instant now() {
        return state.clock().instant();
    }

    static String date(Instant t) {
        return t == null ? null : DATE.format(t);
    }

    private boolean isAdmin(String uuid) {
        return state.isAdmin(uuid);
    }

    // ---- system projects and seeding ----

    /** Creates the user's system project (id = uuid, active, the user an accepted member). */
    public synchronized void addSystemProject(EmulatorUser user) {
        if (projects.containsKey(user.uuid())) {
            return;
        }
        Project p = new Project();
        p.id = user.uuid();
        p.state = "active";
        p.creationDate = now();
        p.name = "system:" + user.uuid();
        p.owner = null;
        p.description = "system project";
        p.endDate = null;
        p.joinPolicy = "closed";
        p.leavePolicy = "closed";
        p.maxMembers = 1;
        p.isPrivate = true;
        p.system = true;
        ResourceCatalog.visible().forEach(r -> p.shown.add(r.name()));
        projects.put(p.id, p);
        Membership m = newMembership(p, user.uuid(), "accepted");
        m.dates.put("accepted", p.creationDate);
    }

    /**
     * Creates an active project directly (no application), with capacities and accepted members:
     * the seeding path of the public API. Bypasses name-format and pending-application checks.
     */
    public synchronized String seedProject(String name, String ownerUuid, Map<String, Capacity> resources,
            List<String> members) {
        if (state.userByUuid(ownerUuid).isEmpty()) {
            throw new IllegalArgumentException("unknown owner " + ownerUuid);
        }
        for (String r : resources.keySet()) {
            if (ResourceCatalog.find(r).isEmpty()) {
                throw new IllegalArgumentException("unknown resource " + r);
            }
        }
        Project p = new Project();
        p.id = Ids.uuid();
        p.state = "active";
        p.creationDate = now();
        p.name = name;
        p.owner = ownerUuid;
        p.endDate = now().plus(java.time.Duration.ofDays(365));
        p.joinPolicy = "moderated";
        p.leavePolicy = "auto";
        projects.put(p.id, p);
        Application app = new Application();
        app.id = nextApp++;
        app.state = "approved";
        app.project = p;
        app.applicant = ownerUuid;
        app.owner = ownerUuid;
        app.name = name;
        app.homepage = "";
        app.description = "";
        app.comments = "";
        app.startDate = p.creationDate;
        app.endDate = p.endDate;
        app.joinPolicy = p.joinPolicy;
        app.leavePolicy = p.leavePolicy;
        app.maxMembers = p.maxMembers;
        app.isPrivate = false;
        app.resources.putAll(resources);
        applications.put(app.id, app);
        p.lastApplication = app;
        fillCapacities(p, resources);
        for (String member : members) {
            if (state.userByUuid(member).isEmpty()) {
                throw new IllegalArgumentException("unknown member " + member);
            }
            Membership m = newMembership(p, member, "accepted");
            m.dates.put("accepted", now());
        }
        return p.id;
    }

    /** Sets one capacity of an existing project, shown from now on. */
    public synchronized void setCapacity(String projectId, String resource, Capacity capacity) {
        Project p = projects.get(projectId);
        if (p == null) {
            throw new IllegalArgumentException("unknown project " + projectId);
        }
        if (ResourceCatalog.find(resource).isEmpty()) {
            throw new IllegalArgumentException("unknown resource " + resource);
        }
        ledger.setCapacity(projectId, resource, capacity);
        if (ResourceCatalog.isVisible(resource)) {
            p.shown.add(resource);
        }
    }

    /** Adds an accepted member to a project (seeding). */
    public synchronized long addMember(String projectId, String userUuid) {
        Project p = projects.get(projectId);
        if (p == null || state.userByUuid(userUuid).isEmpty()) {
            throw new IllegalArgumentException("unknown project or user");
        }
        Membership m = membershipOf(p, userUuid).orElse(null);
        if (m == null) {
            m = newMembership(p, userUuid, "accepted");
        } else {
            m.state = "accepted";
        }
        m.dates.put("accepted", now());
        return m.id;
    }

    private void fillCapacities(Project p, Map<String, Capacity> granted) {
        for (ResourceCatalog.Resource r : ResourceCatalog.all()) {
            Capacity c = granted.get(r.name());
            if (r.name().equals(ResourceCatalog.PENDING_APP)) {
                continue;
            }
            ledger.setCapacity(p.id, r.name(), c == null ? new Capacity(0, 0) : c);
            if (r.apiVisible()) {
                p.shown.add(r.name());
            }
        }
    }

    // ---- ProjectDirectory ----

    @Override
    public synchronized boolean exists(String projectId) {
        return projects.containsKey(projectId);
    }

    @Override
    public synchronized boolean isActiveMember(String projectId, String userUuid) {
        Project p = projects.get(projectId);
        return p != null && "active".equals(p.state)
                && membershipOf(p, userUuid).map(m -> ACTUALLY_ACCEPTED.contains(m.state)).orElse(false);
    }

    @Override
    public synchronized Optional<String> defaultProject(String userUuid) {
        if (state.userByUuid(userUuid).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(defaultProject.getOrDefault(userUuid, userUuid));
    }

    /** {@code POST /myaccount/default_project}: the project must exist and the user be an active member. */
    public synchronized void setDefaultProject(String userUuid, String projectId) {
        Project p = projects.get(projectId);
        if (p == null) {
            throw EmulatorFault.notFound("There is no project identified by " + projectId + ".");
        }
        if (!isActiveMember(projectId, userUuid)) {
            throw EmulatorFault.forbidden("You do not have the permissions to perform this action.");
        }
        defaultProject.put(userUuid, projectId);
    }

    /** The projects whose quotas {@code /quotas} lists for the user: accepted memberships, not deleted. */
    public synchronized List<String> quotaProjects(String userUuid) {
        List<String> out = new ArrayList<>();
        for (Membership m : memberships.values()) {
            if (m.user.equals(userUuid) && ACTUALLY_ACCEPTED.contains(m.state) && !"deleted".equals(m.project.state)) {
                out.add(m.project.id);
            }
        }
        return out;
    }

    /** Every (user, project) pair with an accepted membership, for the service quota views. */
    public synchronized Map<String, List<String>> quotaHolders() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Membership m : memberships.values()) {
            if (ACTUALLY_ACCEPTED.contains(m.state) && !"deleted".equals(m.project.state)) {
                out.computeIfAbsent(m.user, k -> new ArrayList<>()).add(m.project.id);
            }
        }
        return out;
    }

    /** Ids of every project not deleted. */
    public synchronized List<String> liveProjectIds() {
        return projects.values().stream().filter(p -> !"deleted".equals(p.state)).map(p -> p.id).toList();
    }

    // ---- permission checks (functions.py) ----

    private static EmulatorFault notAllowed() {
        return EmulatorFault.forbidden("You do not have the permissions to perform this action.");
    }

    private Project project(String id) {
        Project p = projects.get(id);
        if (p == null) {
            throw EmulatorFault.notFound("There is no project identified by " + id + ".");
        }
        return p;
    }

    private boolean ownerLevel(Project p, String user) {
        return isAdmin(user) || (p.owner != null && p.owner.equals(user));
    }

    private boolean anyLevel(Project p, String user) {
        if (ownerLevel(p, user)) {
            return true;
        }
        if ("active".equals(p.state) && !p.isPrivate) {
            return true;
        }
        return membershipOf(p, user).map(m -> ACCEPTED.contains(m.state)).orElse(false);
    }

    private static void checkAlive(Project p) {
        if (!"active".equals(p.state) && !"suspended".equals(p.state)) {
            throw EmulatorFault.conflict("Project " + p.id + " is not alive.");
        }
    }

    private Optional<Membership> membershipOf(Project p, String user) {
        for (Membership m : memberships.values()) {
            if (m.project == p && m.user.equals(user)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private Membership newMembership(Project p, String user, String st) {
        Membership m = new Membership();
        m.id = nextMembership++;
        m.user = user;
        m.project = p;
        m.state = st;
        memberships.put(m.id, m);
        return m;
    }

    private void setState(Membership m, String st) {
        m.state = st;
        m.dates.put(st, now());
    }

    private long acceptedCount(Project p) {
        return memberships.values().stream().filter(m -> m.project == p && ACCEPTED.contains(m.state)).count();
    }

    // ---- projects API ----

    /** {@code GET /projects} with the already validated filters; mode {@code default} or {@code member}. */
    public synchronized ArrayNode list(String user, String name, String owner, String st, String mode) {
        ArrayNode out = Json.array();
        for (Project p : projects.values()) {
            if (name != null && !name.equals(p.name)) {
                continue;
            }
            if (owner != null && !owner.equals(p.owner)) {
                continue;
            }
            if (st != null && !st.equals(p.state)) {
                continue;
            }
            boolean visible;
            if ("member".equals(mode)) {
                visible = "active".equals(p.state)
                        && membershipOf(p, user).map(m -> ACTUALLY_ACCEPTED.contains(m.state)).orElse(false);
            } else if (isAdmin(user)) {
                visible = true;
            } else {
                visible = membershipOf(p, user).map(m -> ACCEPTED.contains(m.state)).orElse(false)
                        || user.equals(p.owner)
                        || ("active".equals(p.state) && !p.isPrivate);
            }
            if (visible) {
                out.add(details(p, user));
            }
        }
        return out;
    }

    /** {@code GET /projects/<id>}: 404 unknown, 403 not visible. */
    public synchronized ObjectNode get(String user, String id) {
        Project p = project(id);
        if (!anyLevel(p, user)) {
            throw notAllowed();
        }
        return details(p, user);
    }

    private ObjectNode details(Project p, String user) {
        ObjectNode d = Json.object();
        d.put("id", p.id);
        d.put("state", p.state);
        d.put("creation_date", date(p.creationDate));
        d.put("name", p.name);
        d.put("owner", p.owner);
        d.put("homepage", p.homepage);
        d.put("description", p.description);
        d.put("end_date", date(p.endDate));
        d.put("join_policy", p.joinPolicy);
        d.put("leave_policy", p.leavePolicy);
        d.put("max_members", p.maxMembers);
        d.put("private", p.isPrivate);
        d.put("system_project", p.system);
        ObjectNode res = d.putObject("resources");
        for (String r : p.shown) {
            Capacity c = ledger.grantedCapacity(p.id, r);
            ObjectNode o = res.putObject(r);
            o.put("member_capacity", c.memberCapacity());
            o.put("project_capacity", c.projectCapacity());
        }
        if (ownerLevel(p, user)) {
            if (p.lastApplication != null) {
                d.set("last_application", appDetails(p.lastApplication));
            }
            if (p.deactivationDate != null) {
                d.put("deactivation_date", date(p.deactivationDate));
            }
        }
        return d;
    }

    private ObjectNode appDetails(Application a) {
        ObjectNode d = Json.object();
        d.put("id", a.id);
        d.put("state", a.state);
        d.put("name", a.name);
        d.put("owner", a.owner);
        d.put("applicant", a.applicant);
        d.put("homepage", a.homepage);
        d.put("description", a.description);
        d.put("start_date", date(a.startDate));
        d.put("end_date", date(a.endDate));
        d.put("comments", a.comments);
        d.put("join_policy", a.joinPolicy);
        d.put("leave_policy", a.leavePolicy);
        if (a.maxMembers == null) {
            d.putNull("max_members");
        } else {
            d.put("max_members", a.maxMembers);
        }
        if (a.isPrivate == null) {
            d.putNull("private");
        } else {
            d.put("private", a.isPrivate);
        }
        ObjectNode res = d.putObject("resources");
        a.resources.forEach((r, c) -> {
            ObjectNode o = res.putObject(r);
            o.put("member_capacity", c.memberCapacity());
            o.put("project_capacity", c.projectCapacity());
        });
        return d;
    }

    /**
     * Submits an application: a new project ({@code projectId == null}) or a modification. Returns
     * {@code [project id, application id]}.
     */
    public synchronized Object[] submit(String user, String projectId, AppRequest req) {
        Project project = null;
        if (projectId != null) {
            project = project(projectId);
            if (!ownerLevel(project, user)) {
                throw notAllowed();
            }
            if (!Set.of("active", "suspended", "terminated").contains(project.state)) {
                throw EmulatorFault.conflict("Cannot modify an uninitialized project.");
            }
            if (project.system && (req.owner != null || req.name != null || req.homepage != null
                    || req.description != null)) {
                throw EmulatorFault.conflict("Cannot modify fields 'owner', 'name', 'homepage', and "
                        + "'description' of a system project.");
            }
        }
        if (req.endDate != null && req.endDate.isBefore(now())) {
            throw EmulatorFault.badRequest("'end_date' must be in the future");
        }
        // The pending-application quota, charged to the applicant's system project; pending
        // applications of this project by anyone are replaced (their charge released).
        List<Application> replaced = new ArrayList<>();
        if (project != null) {
            for (Application a : applications.values()) {
                if (a.project == project && "pending".equals(a.state)) {
                    replaced.add(a);
                }
            }
        }
        boolean replacesOwn = replaced.stream().anyMatch(a -> a.applicant.equals(user));
        if (!isAdmin(user) && !replacesOwn) {
            QuotaLedger.Entry e = ledger.entry(user, user, ResourceCatalog.PENDING_APP);
            if (e.usage() + 1 > e.limit()) {
                throw EmulatorFault.conflict("You have reached the maximum number of pending project "
                        + "applications: " + e.limit() + ".");
            }
        }
        for (Application a : replaced) {
            ledger.release(a.applicant, a.applicant, ResourceCatalog.PENDING_APP, 1);
            a.state = "replaced";
        }
        ledger.chargeForced(user, user, ResourceCatalog.PENDING_APP, 1);
        if (project == null) {
            project = new Project();
            project.id = Ids.uuid();
            project.state = "uninitialized";
            project.creationDate = now();
            project.name = req.name;
            project.owner = req.owner != null ? req.owner : user;
            project.homepage = req.homepage == null ? "" : req.homepage;
            project.description = req.description == null ? "" : req.description;
            project.endDate = req.endDate;
            project.joinPolicy = req.joinPolicy == null ? "moderated" : req.joinPolicy;
            project.leavePolicy = req.leavePolicy == null ? "auto" : req.leavePolicy;
            project.maxMembers = req.maxMembers == null ? PRACTICALLY_INFINITE : req.maxMembers;
            project.isPrivate = Boolean.TRUE.equals(req.isPrivate);
            for (Map.Entry<String, Capacity> e : req.resources.entrySet()) {
                ledger.setCapacity(project.id, e.getKey(), e.getValue());
                project.shown.add(e.getKey());
            }
            projects.put(project.id, project);
        }
        Application app = new Application();
        app.id = nextApp++;
        app.project = project;
        app.applicant = user;
        app.owner = req.owner != null || projectId != null ? req.owner : user;
        app.name = req.name;
        app.homepage = req.homepage;
        app.description = req.description;
        app.comments = req.comments;
        app.startDate = req.startDate;
        app.endDate = req.endDate;
        app.joinPolicy = req.joinPolicy;
        app.leavePolicy = req.leavePolicy;
        app.maxMembers = req.maxMembers;
        app.isPrivate = req.isPrivate;
        app.resources.putAll(req.resources);
        applications.put(app.id, app);
        project.lastApplication = app;
        return new Object[] {project.id, app.id};
    }

    /** Project actions: terminate, suspend, unsuspend, reinstate (admin only). */
    public synchronized void projectAction(String user, String projectId, String action) {
        Project p = project(projectId);
        if (!isAdmin(user)) {
            throw notAllowed();
        }
        switch (action) {
            case "terminate" -> {
                checkAlive(p);
                if (p.system) {
                    throw EmulatorFault.conflict("Cannot terminate: " + p.id + " is a system project.");
                }
                p.state = "terminated";
                p.deactivationDate = now();
                ledger.setDeactivated(p.id, true);
            }
            case "suspend" -> {
                checkAlive(p);
                if ("suspended".equals(p.state)) {
                    throw EmulatorFault.conflict("Project " + p.id + " is suspended.");
                }
                p.state = "suspended";
                p.deactivationDate = now();
                ledger.setDeactivated(p.id, true);
            }
            case "unsuspend" -> {
                if (!"suspended".equals(p.state)) {
                    throw EmulatorFault.conflict("Project " + p.id + " is not suspended.");
                }
                p.state = "active";
                ledger.setDeactivated(p.id, false);
            }
            case "reinstate" -> {
                if (!"terminated".equals(p.state)) {
                    throw EmulatorFault.conflict("Project " + p.id + " is not terminated.");
                }
                checkConflictingName(p, p.name);
                p.state = "active";
                ledger.setDeactivated(p.id, false);
            }
            default -> throw EmulatorFault.badRequest("Unknown action: " + action + ".");
        }
    }

    private void checkConflictingName(Project p, String name) {
        for (Project other : projects.values()) {
            if (other != p && name != null && name.equals(other.name)
                    && Set.of("active", "suspended").contains(other.state)) {
                throw EmulatorFault.conflict("cannot approve: project with name '" + name
                        + "' already exists (id: " + other.id + ")");
            }
        }
    }

    /** Application actions: approve, deny (admin), dismiss, cancel (applicant or admin). */
    public synchronized void applicationAction(String user, String projectId, String action, long appId) {
        Application app = applications.get(appId);
        if (app == null) {
            throw EmulatorFault.notFound("There is no project application identified by " + appId + ".");
        }
        Project p = app.project;
        if (!p.id.equals(projectId) || p.lastApplication != app) {
            throw EmulatorFault.conflict(appId + " is not a pending application for project " + projectId + ".");
        }
        boolean adminOnly = action.equals("approve") || action.equals("deny");
        if (!isAdmin(user) && (adminOnly || !app.applicant.equals(user))) {
            throw notAllowed();
        }
        String verb = action;
        String required = action.equals("dismiss") ? "denied" : "pending";
        if (!required.equals(app.state)) {
            throw EmulatorFault.conflict("Cannot " + verb + " application " + app.id + " in state '" + app.state + "'");
        }
        switch (action) {
            case "approve" -> {
                if (app.name != null) {
                    checkConflictingName(p, app.name);
                }
                ledger.release(app.applicant, app.applicant, ResourceCatalog.PENDING_APP, 1);
                app.state = "approved";
                if ("uninitialized".equals(p.state)) {
                    fillCapacities(p, app.resources);
                } else {
                    applyModifications(p, app);
                }
                p.state = "active";
                ledger.setDeactivated(p.id, false);
            }
            case "deny" -> {
                ledger.release(app.applicant, app.applicant, ResourceCatalog.PENDING_APP, 1);
                app.state = "denied";
            }
            case "dismiss" -> {
                app.state = "dismissed";
                if ("uninitialized".equals(p.state)) {
                    p.state = "deleted";
                }
            }
            case "cancel" -> {
                ledger.release(app.applicant, app.applicant, ResourceCatalog.PENDING_APP, 1);
                app.state = "cancelled";
                if ("uninitialized".equals(p.state)) {
                    p.state = "deleted";
                }
            }
            default -> throw EmulatorFault.badRequest("Unknown action: " + action + ".");
        }
    }

    private void applyModifications(Project p, Application a) {
        if (a.owner != null) {
            p.owner = a.owner;
        }
        if (a.name != null) {
            p.name = a.name;
        }
        if (a.homepage != null) {
            p.homepage = a.homepage;
        }
        if (a.description != null) {
            p.description = a.description;
        }
        if (a.endDate != null) {
            p.endDate = a.endDate;
        }
        if (a.joinPolicy != null) {
            p.joinPolicy = a.joinPolicy;
        }
        if (a.leavePolicy != null) {
            p.leavePolicy = a.leavePolicy;
        }
        if (a.maxMembers != null) {
            p.maxMembers = a.maxMembers;
        }
        if (a.isPrivate != null) {
            p.isPrivate = a.isPrivate;
        }
        a.resources.forEach((r, c) -> {
            ledger.setCapacity(p.id, r, c);
            p.shown.add(r);
        });
    }

    // ---- memberships ----

    /** {@code join}: 200 with the membership id; auto-accepted under an {@code auto} join policy. */
    public synchronized long join(String user, String projectId) {
        if (projectId == null) {
            throw EmulatorFault.notFound("There is no project identified by None.");
        }
        Project p = project(projectId);
        checkAlive(p);
        if ("closed".equals(p.joinPolicy)) {
            throw EmulatorFault.conflict("The Project's member join policy is closed.");
        }
        Membership m = membershipOf(p, user).orElse(null);
        if (m != null) {
            if (ASSOCIATED.contains(m.state)) {
                throw EmulatorFault.conflict("Request or membership already exists.");
            }
            setState(m, "requested");
        } else {
            m = newMembership(p, user, "requested");
            m.dates.put("requested", now());
        }
        if ("auto".equals(p.joinPolicy) && acceptedCount(p) + 1 <= p.maxMembers) {
            setState(m, "accepted");
        }
        return m.id;
    }

    /** {@code enroll}: the owner (or an admin) adds a user by e-mail; accepted at once. */
    public synchronized long enroll(String user, String projectId, String email) {
        EmulatorUser target = state.users().stream().filter(u -> u.email().equals(email)).findFirst()
                .orElseThrow(() -> EmulatorFault.conflict("Unknown users: " + email));
        Project p = projects.get(projectId);
        if (p == null) {
            throw EmulatorFault.conflict("There is no project identified by " + projectId + ".");
        }
        if (!state.isActive(target.uuid())) {
            throw EmulatorFault.conflict("This account is not active.");
        }
        acceptChecks(p, user);
        Membership m = membershipOf(p, target.uuid()).orElse(null);
        if (m != null) {
            if (ACCEPTED.contains(m.state)) {
                throw EmulatorFault.conflict("Membership already exists.");
            }
            setState(m, "accepted");
        } else {
            m = newMembership(p, target.uuid(), "accepted");
            m.dates.put("accepted", now());
        }
        return m.id;
    }

    private void acceptChecks(Project p, String user) {
        if (!ownerLevel(p, user)) {
            throw notAllowed();
        }
        checkAlive(p);
        if ("closed".equals(p.joinPolicy)) {
            throw EmulatorFault.conflict("The Project's member join policy is closed.");
        }
        if (acceptedCount(p) + 1 > p.maxMembers) {
            throw EmulatorFault.conflict("You have reached the maximum number of members for this Project.");
        }
    }

    /** The memberships the user may see (own, or of owned projects; all for an admin). */
    public synchronized ArrayNode memberships(String user, String projectFilter) {
        ArrayNode out = Json.array();
        for (Membership m : memberships.values()) {
            if (projectFilter != null && !projectFilter.equals(m.project.id)) {
                continue;
            }
            if (isAdmin(user) || m.user.equals(user) || user.equals(m.project.owner)) {
                out.add(membershipDetails(m, user));
            }
        }
        return out;
    }

    public synchronized ObjectNode membership(String user, long id) {
        Membership m = membershipById(id);
        if (!(ownerLevel(m.project, user) || m.user.equals(user))) {
            throw notAllowed();
        }
        return membershipDetails(m, user);
    }

    private Membership membershipById(long id) {
        Membership m = memberships.get(id);
        if (m == null) {
            throw EmulatorFault.notFound("There is no membership with id " + id + ".");
        }
        return m;
    }

    private ObjectNode membershipDetails(Membership m, String user) {
        ObjectNode d = Json.object();
        d.put("id", m.id);
        d.put("user", m.user);
        d.put("project", m.project.id);
        d.put("state", m.state);
        ArrayNode allowed = d.putArray("allowed_actions");
        for (String action : List.of("accept", "cancel", "leave", "reject", "remove")) {
            try {
                checkMembershipAction(m, user, action);
                allowed.add(action);
            } catch (EmulatorFault e) {
                // not allowed: left out
            }
        }
        m.dates.forEach((st, t) -> d.put(st, date(t)));
        return d;
    }

    private void checkMembershipAction(Membership m, String user, String action) {
        Project p = m.project;
        switch (action) {
            case "accept" -> {
                if (!"requested".equals(m.state)) {
                    throw EmulatorFault.conflict("This is not a valid membership request.");
                }
                if (!state.isActive(m.user)) {
                    throw EmulatorFault.conflict("This account is not active.");
                }
                acceptChecks(p, user);
            }
            case "reject" -> {
                if (!"requested".equals(m.state)) {
                    throw EmulatorFault.conflict("This is not a valid membership request.");
                }
                if (!ownerLevel(p, user)) {
                    throw notAllowed();
                }
                checkAlive(p);
            }
            case "cancel" -> {
                if (!"requested".equals(m.state)) {
                    throw EmulatorFault.conflict("This is not a valid membership request.");
                }
                if (!isAdmin(user) && !m.user.equals(user)) {
                    throw notAllowed();
                }
                checkAlive(p);
            }
            case "remove" -> {
                if (!ACCEPTED.contains(m.state)) {
                    throw EmulatorFault.conflict("This is not an accepted membership.");
                }
                if (!ownerLevel(p, user)) {
                    throw notAllowed();
                }
                checkAlive(p);
                if ("closed".equals(p.leavePolicy)) {
                    throw EmulatorFault.conflict("The project's member leave policy is closed.");
                }
            }
            case "leave" -> {
                if (!ACCEPTED.contains(m.state)) {
                    throw EmulatorFault.conflict("This is not an accepted membership.");
                }
                if (!isAdmin(user) && !m.user.equals(user)) {
                    throw notAllowed();
                }
                checkAlive(p);
                if ("closed".equals(p.leavePolicy)) {
                    throw EmulatorFault.conflict("The project's member leave policy is closed.");
                }
            }
            default -> throw EmulatorFault.badRequest("No recognized action");
        }
    }

    /** Membership actions: leave, cancel, accept, reject, remove. */
    public synchronized void membershipAction(String user, long id, String action) {
        Membership m = membershipById(id);
        checkMembershipAction(m, user, action);
        switch (action) {
            case "accept" -> setState(m, "accepted");
            case "reject" -> setState(m, "rejected");
            case "cancel" -> setState(m, "cancelled");
            case "remove" -> setState(m, "removed");
            case "leave" -> setState(m, "auto".equals(m.project.leavePolicy) ? "removed" : "leave_requested");
            default -> throw EmulatorFault.badRequest("No recognized action");
        }
    }
}
