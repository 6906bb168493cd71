package org.synnefo.reactive.astakos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.BadRequestException;
import org.synnefo.reactive.core.ConflictException;
import org.synnefo.reactive.core.ForbiddenException;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.emulator.ResourceCapacity;
import reactor.test.StepVerifier;

/** Projects, applications and memberships, against the emulator. */
class AstakosProjectsTest extends EmulatorSupport {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Instant END = Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    private static AstakosClient owner() {
        return client();
    }

    private static AstakosClient member() {
        return client().withToken(other().token());
    }

    private static AstakosClient admin() {
        return client().withToken(emulator.adminUser().token());
    }

    private static String uniqueName() {
        return "p" + NAMES.incrementAndGet() + ".test.example.org";
    }

    private static ProjectApplication.Builder application(String name) {
        return ProjectApplication.builder().name(name).description("a test project").homepage("https://example.org")
                .comments("please").endDate(END).joinPolicy(MembershipPolicy.MODERATED)
                .leavePolicy(MembershipPolicy.AUTO).maxMembers(10).resource("cyclades.vm", 10, 2)
                .resource("pithos.diskspace", 10L << 30, 1L << 30);
    }

    /** Creates and approves a project owned by the default user. */
    private static Project activeProject(ProjectApplication app) {
        ProjectCreated created = owner().createProject(app).block(TIMEOUT);
        admin().approveApplication(created.projectId(), created.applicationId(), "ok").block(TIMEOUT);
        return owner().getProject(created.projectId()).block(TIMEOUT);
    }

    /** Seed example: list my projects. */
    @Test
    void listMyProjects() {
        String seeded = emulator.projects().create("listing.example.org", other().uuid(),
                Map.of("cyclades.vm", new ResourceCapacity(4, 1)), user().uuid());
        List<Project> mine = owner().listProjects(ProjectFilter.all().memberOnly()).collectList().block(TIMEOUT);
        mine.forEach(p -> System.out.println(p.id() + " " + p.name() + " " + p.state()));
        assertThat(mine).extracting(Project::id).contains(user().uuid(), seeded);
        Project system = mine.stream().filter(p -> p.id().equals(user().uuid())).findFirst().orElseThrow();
        assertThat(system.systemProject()).isTrue();
        assertThat(system.state()).isEqualTo(ProjectState.ACTIVE);
        assertThat(system.resources().get("cyclades.vm").memberCapacity()).isPositive();
        assertThat(owner().listProjects().collectList().block(TIMEOUT)).extracting(Project::id)
                .contains(user().uuid(), seeded);
    }

    @Test
    void createApproveModifyAndFilter() {
        String name = uniqueName();
        ProjectCreated created = owner().createProject(application(name).build()).block(TIMEOUT);
        assertThat(created.projectId()).isNotEmpty();

        Project pending = owner().getProject(created.projectId()).block(TIMEOUT);
        assertThat(pending.state()).isEqualTo(ProjectState.UNINITIALIZED);
        ProjectApplicationDetails app = pending.lastApplication().orElseThrow();
        assertThat(app.id()).isEqualTo(created.applicationId());
        assertThat(app.state()).isEqualTo(ProjectApplicationState.PENDING);
        assertThat(app.name()).isEqualTo(name);
        assertThat(app.applicant()).isEqualTo(user().uuid());
        assertThat(app.endDate()).isEqualTo(END);
        assertThat(app.resources()).containsEntry("cyclades.vm", new org.synnefo.reactive.astakos.ResourceCapacity(10, 2));

        // the owner may not approve their own application
        StepVerifier.create(owner().approveApplication(created.projectId(), created.applicationId(), "mine"))
                .expectError(ForbiddenException.class).verify(TIMEOUT);
        StepVerifier.create(admin().approveApplication(created.projectId(), created.applicationId(), "fine"))
                .verifyComplete();

        Project active = owner().getProject(created.projectId()).block(TIMEOUT);
        assertThat(active.state()).isEqualTo(ProjectState.ACTIVE);
        assertThat(active.name()).isEqualTo(name);
        assertThat(active.owner()).isEqualTo(user().uuid());
        assertThat(active.description()).isEqualTo("a test project");
        assertThat(active.joinPolicy()).isEqualTo(MembershipPolicy.MODERATED);
        assertThat(active.maxMembers()).isEqualTo(10);
        assertThat(active.systemProject()).isFalse();
        assertThat(active.resources().get("pithos.diskspace").projectCapacity()).isEqualTo(10L << 30);

        // filters
        assertThat(owner().listProjects(ProjectFilter.all().withName(name)).collectList().block(TIMEOUT))
                .extracting(Project::id).containsExactly(created.projectId());
        assertThat(owner().listProjects(ProjectFilter.all().withState(ProjectState.ACTIVE).withOwner(user().uuid()))
                .collectList().block(TIMEOUT)).extracting(Project::id).contains(created.projectId());
        assertThat(owner().listProjects(ProjectFilter.all().withState(ProjectState.DELETED).withName(name))
                .collectList().block(TIMEOUT)).isEmpty();

        // a modification is a new application, with only the changed fields
        ProjectCreated modified = owner().modifyProject(created.projectId(),
                ProjectApplication.builder().description("changed").resource("cyclades.vm", 20, 4).build())
                .block(TIMEOUT);
        assertThat(modified.projectId()).isEqualTo(created.projectId());
        assertThat(modified.applicationId()).isNotEqualTo(created.applicationId());
        admin().approveApplication(created.projectId(), modified.applicationId(), null).block(TIMEOUT);
        Project changed = owner().getProject(created.projectId()).block(TIMEOUT);
        assertThat(changed.description()).isEqualTo("changed");
        assertThat(changed.name()).isEqualTo(name);
        assertThat(changed.resources().get("cyclades.vm").projectCapacity()).isEqualTo(20);
    }

    @Test
    void denyDismissAndCancelApplications() {
        ProjectCreated denied = owner().createProject(application(uniqueName()).build()).block(TIMEOUT);
        StepVerifier.create(owner().dismissApplication(denied.projectId(), denied.applicationId(), null))
                .expectError(ConflictException.class).verify(TIMEOUT);
        StepVerifier.create(admin().denyApplication(denied.projectId(), denied.applicationId(), "no"))
                .verifyComplete();
        Project afterDeny = owner().getProject(denied.projectId()).block(TIMEOUT);
        assertThat(afterDeny.state()).isEqualTo(ProjectState.UNINITIALIZED);
        assertThat(afterDeny.lastApplication().orElseThrow().state()).isEqualTo(ProjectApplicationState.DENIED);
        StepVerifier.create(owner().dismissApplication(denied.projectId(), denied.applicationId(), "ok"))
                .verifyComplete();
        Project dismissed = owner().getProject(denied.projectId()).block(TIMEOUT);
        assertThat(dismissed.state()).isEqualTo(ProjectState.DELETED);
        assertThat(dismissed.lastApplication().orElseThrow().state()).isEqualTo(ProjectApplicationState.DISMISSED);

        ProjectCreated cancelled = owner().createProject(application(uniqueName()).build()).block(TIMEOUT);
        StepVerifier.create(owner().cancelApplication(cancelled.projectId(), cancelled.applicationId(), "oops"))
                .verifyComplete();
        Project gone = owner().getProject(cancelled.projectId()).block(TIMEOUT);
        assertThat(gone.state()).isEqualTo(ProjectState.DELETED);
        assertThat(gone.lastApplication().orElseThrow().state()).isEqualTo(ProjectApplicationState.CANCELLED);
    }

    @Test
    void projectActionsByTheAdministrator() {
        Project p = activeProject(application(uniqueName()).build());
        StepVerifier.create(owner().suspendProject(p.id(), "not mine")).expectError(ForbiddenException.class)
                .verify(TIMEOUT);
        StepVerifier.create(admin().suspendProject(p.id(), "abuse")).verifyComplete();
        assertThat(owner().getProject(p.id()).block(TIMEOUT).state()).isEqualTo(ProjectState.SUSPENDED);
        StepVerifier.create(admin().unsuspendProject(p.id(), null)).verifyComplete();
        assertThat(owner().getProject(p.id()).block(TIMEOUT).state()).isEqualTo(ProjectState.ACTIVE);
        StepVerifier.create(admin().terminateProject(p.id(), "end")).verifyComplete();
        Project terminated = owner().getProject(p.id()).block(TIMEOUT);
        assertThat(terminated.state()).isEqualTo(ProjectState.TERMINATED);
        StepVerifier.create(admin().reinstateProject(p.id(), "back")).verifyComplete();
        assertThat(owner().getProject(p.id()).block(TIMEOUT).state()).isEqualTo(ProjectState.ACTIVE);
        // a system project cannot be terminated
        StepVerifier.create(admin().terminateProject(user().uuid(), null)).expectError(ConflictException.class)
                .verify(TIMEOUT);
    }

    @Test
    void joinAcceptLeaveAndMembershipListing() {
        Project p = activeProject(application(uniqueName()).build());
        long id = member().joinProject(p.id()).block(TIMEOUT);
        Membership requested = member().getMembership(id).block(TIMEOUT);
        assertThat(requested.state()).isEqualTo(MembershipState.REQUESTED);
        assertThat(requested.user()).isEqualTo(other().uuid());
        assertThat(requested.project()).isEqualTo(p.id());
        assertThat(requested.stateDates()).containsKey("requested");

        List<Membership> seenByOwner = owner().listMemberships(p.id()).collectList().block(TIMEOUT);
        assertThat(seenByOwner).extracting(Membership::id).containsExactly(id);
        assertThat(seenByOwner.get(0).allowedActions()).contains("accept", "reject");
        assertThat(member().listMemberships().collectList().block(TIMEOUT)).extracting(Membership::id).contains(id);

        StepVerifier.create(member().acceptMembership(id, "self")).expectError(ForbiddenException.class)
                .verify(TIMEOUT);
        StepVerifier.create(owner().acceptMembership(id, "welcome")).verifyComplete();
        assertThat(owner().getMembership(id).block(TIMEOUT).state()).isEqualTo(MembershipState.ACCEPTED);
        assertThat(member().getQuotas().block(TIMEOUT).get(p.id()).get("cyclades.vm").limit()).isEqualTo(2);
        assertThat(member().listProjects(ProjectFilter.all().memberOnly()).collectList().block(TIMEOUT))
                .extracting(Project::id).contains(p.id());

        // leave policy auto: leaving removes at once
        StepVerifier.create(member().leaveProject(id, "bye")).verifyComplete();
        assertThat(member().getMembership(id).block(TIMEOUT).state()).isEqualTo(MembershipState.REMOVED);
        assertThat(member().getQuotas().block(TIMEOUT)).doesNotContainKey(p.id());
    }

    @Test
    void enrollRemoveRejectAndCancel() {
        Project p = activeProject(application(uniqueName()).build());
        long enrolled = owner().enrollMember(p.id(), other().email()).block(TIMEOUT);
        assertThat(member().getMembership(enrolled).block(TIMEOUT).state()).isEqualTo(MembershipState.ACCEPTED);
        StepVerifier.create(owner().removeMembership(enrolled, "done")).verifyComplete();
        assertThat(owner().getMembership(enrolled).block(TIMEOUT).state()).isEqualTo(MembershipState.REMOVED);

        long rejected = member().joinProject(p.id()).block(TIMEOUT);
        StepVerifier.create(owner().rejectMembership(rejected, "no")).verifyComplete();
        assertThat(owner().getMembership(rejected).block(TIMEOUT).state()).isEqualTo(MembershipState.REJECTED);

        long cancelled = member().joinProject(p.id()).block(TIMEOUT);
        StepVerifier.create(member().cancelMembership(cancelled, null)).verifyComplete();
        assertThat(member().getMembership(cancelled).block(TIMEOUT).state()).isEqualTo(MembershipState.CANCELLED);

        StepVerifier.create(owner().enrollMember(p.id(), "nobody@example.org")).expectError(ConflictException.class)
                .verify(TIMEOUT);
    }

    @Test
    void badInput() {
        StepVerifier.create(owner().getProject("00000000-0000-0000-0000-00000000dead"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(NotFoundException.class)
                        .hasMessageContaining("00000000-0000-0000-0000-00000000dead"))
                .verify(TIMEOUT);
        StepVerifier.create(owner().listProjects(ProjectFilter.all().withState(new ProjectState("sleeping"))))
                .expectError(BadRequestException.class).verify(TIMEOUT);
        StepVerifier.create(owner().listProjects(ProjectFilter.all().withMode("everything")))
                .expectError(BadRequestException.class).verify(TIMEOUT);
        StepVerifier.create(owner().getMembership(987_654_321L)).expectError(NotFoundException.class).verify(TIMEOUT);
        StepVerifier.create(owner().joinProject("00000000-0000-0000-0000-00000000dead"))
                .expectError(NotFoundException.class).verify(TIMEOUT);
        // the server requires a domain-like name and an end date
        StepVerifier.create(owner().createProject(ProjectApplication.builder().name("not a domain").endDate(END)
                .build())).expectError(BadRequestException.class).verify(TIMEOUT);
        StepVerifier.create(owner().createProject(ProjectApplication.builder().name(uniqueName()).build()))
                .expectError(BadRequestException.class).verify(TIMEOUT);
    }
}
