package org.synnefo.reactive.astakos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.OverLimitException;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.SynnefoHttpException;
import org.synnefo.reactive.emulator.EmulatorProjects;
import org.synnefo.reactive.emulator.FaultRule;
import reactor.test.StepVerifier;

/** Resources, quotas, users, commissions and account settings, against the emulator. */
class AstakosAccountTest extends EmulatorSupport {

    private static final String JSON = "application/json";

    /** Seed example: the quotas for VMs and IPs of the user's system project. */
    @Test
    void quotasForVmsAndIps() {
        Map<String, Map<String, Quota>> quotas = client().getQuotas().block(TIMEOUT);
        Map<String, Quota> system = quotas.get(user().uuid());
        assertThat(system).isNotNull();
        Quota vms = system.get("cyclades.vm");
        Quota ips = system.get("cyclades.floating_ip");
        System.out.println("VMs: " + vms.usage() + "/" + vms.limit() + ", IPs: " + ips.usage() + "/" + ips.limit());
        assertThat(vms.limit()).isEqualTo(EmulatorProjects.DEFAULT_VMS);
        assertThat(vms.projectLimit()).isEqualTo(EmulatorProjects.DEFAULT_VMS);
        assertThat(ips.limit()).isEqualTo(EmulatorProjects.DEFAULT_FLOATING_IPS);
        assertThat(vms.usage()).isZero();
        assertThat(ips.effectiveLimit()).isEqualTo(EmulatorProjects.DEFAULT_FLOATING_IPS);
        assertThat(system.get("pithos.diskspace").limit()).isEqualTo(EmulatorProjects.DEFAULT_DISKSPACE);
        // api_visible=false resources are hidden
        assertThat(system).doesNotContainKeys("cyclades.total_cpu", "astakos.pending_app");
    }

    /** Seed example: usage and limit per resource per project, including a project the user is a member of. */
    @Test
    void usageAndLimitPerResourcePerProject() {
        String project = emulator.projects().create("quota-report.example.org", other().uuid(),
                Map.of("cyclades.vm", new org.synnefo.reactive.emulator.ResourceCapacity(8, 3)), user().uuid());
        Map<String, Map<String, Quota>> quotas = client().getQuotas().block(TIMEOUT);
        StringBuilder report = new StringBuilder();
        quotas.forEach((pid, resources) -> resources.forEach((res, q) -> report.append(pid).append(' ').append(res)
                .append(' ').append(q.usage()).append('/').append(q.limit()).append('\n')));
        System.out.print(report);
        assertThat(quotas).containsKeys(user().uuid(), project);
        Quota vm = quotas.get(project).get("cyclades.vm");
        assertThat(vm.limit()).isEqualTo(3);
        assertThat(vm.projectLimit()).isEqualTo(8);
        assertThat(vm.effectiveLimit()).isEqualTo(3);
        assertThat(report.toString()).contains(project + " cyclades.vm 0/3");
    }

    @Test
    void resourcesAreListedWithoutHiddenOnes() {
        Map<String, Resource> resources = client().getResources().block(TIMEOUT);
        assertThat(resources).containsKeys("cyclades.vm", "cyclades.floating_ip", "pithos.diskspace")
                .doesNotContainKeys("astakos.pending_app", "cyclades.total_cpu");
        Resource vm = resources.get("cyclades.vm");
        assertThat(vm.name()).isEqualTo("cyclades.vm");
        assertThat(vm.service()).isEqualTo("cyclades_compute");
        assertThat(vm.apiVisible()).isTrue();
        assertThat(resources.get("pithos.diskspace").unit()).isEqualTo("bytes");
        // no token needed
        AstakosClient anonymous = AstakosClient.builder().authUrl(emulator.authUrl()).options(options).build();
        StepVerifier.create(anonymous.getResources()).assertNext(r -> assertThat(r).containsKey("cyclades.vm"))
                .verifyComplete();
    }

    @Test
    void userLookupsAreBatchedAndCached() {
        AstakosClient astakos = client();
        String catalogs = countRequests("POST", ".*/account/v1\\.0/user_catalogs");
        Map<String, String> uuids = astakos.getUuids(List.of(user().displayName(), "nobody@example.org",
                other().displayName())).block(TIMEOUT);
        assertThat(uuids).containsExactly(Map.entry(user().displayName(), user().uuid()),
                Map.entry(other().displayName(), other().uuid()));
        assertThat(count(catalogs)).isEqualTo(1);

        // answered from the cache, in both directions
        assertThat(astakos.getUsernames(List.of(other().uuid(), user().uuid())).block(TIMEOUT))
                .containsExactly(Map.entry(other().uuid(), other().displayName()),
                        Map.entry(user().uuid(), user().displayName()));
        StepVerifier.create(astakos.getUuid(user().displayName())).expectNext(user().uuid()).verifyComplete();
        StepVerifier.create(astakos.withToken(other().token()).getUsername(user().uuid()))
                .expectNext(user().displayName()).verifyComplete();
        assertThat(count(catalogs)).isEqualTo(1);

        // unknown names are not cached as absent: asked each time, only for what is missing
        StepVerifier.create(astakos.getUuid("nobody@example.org")).verifyComplete();
        StepVerifier.create(astakos.getUsername("00000000-0000-0000-0000-000000000000")).verifyComplete();
        assertThat(count(catalogs)).isEqualTo(3);
        StepVerifier.create(astakos.getUuids(List.of())).expectNext(Map.of()).verifyComplete();
        assertThat(count(catalogs)).isEqualTo(3);
    }

    @Test
    void serviceCallsWithTheComponentToken() {
        AstakosClient service = client().withToken(emulator.serviceToken());
        Map<String, Map<String, Map<String, Quota>>> all =
                service.getServiceQuotas(List.of(user().uuid()), null).block(TIMEOUT);
        assertThat(all).containsOnlyKeys(user().uuid());
        assertThat(all.get(user().uuid()).get(user().uuid()).get("cyclades.vm").limit())
                .isEqualTo(EmulatorProjects.DEFAULT_VMS);
        StepVerifier.create(service.getServiceQuotas(List.of("no-such-user"), null))
                .expectError(NotFoundException.class).verify(TIMEOUT);

        Map<String, Map<String, ProjectQuota>> projects =
                service.getServiceProjectQuotas(List.of(user().uuid())).block(TIMEOUT);
        assertThat(projects.get(user().uuid()).get("cyclades.vm").projectLimit())
                .isEqualTo(EmulatorProjects.DEFAULT_VMS);

        assertThat(service.getServiceUuids(List.of(other().displayName())).block(TIMEOUT))
                .containsExactly(Map.entry(other().displayName(), other().uuid()));
        assertThat(service.getServiceUsernames(List.of(other().uuid())).block(TIMEOUT))
                .containsExactly(Map.entry(other().uuid(), other().displayName()));

        // a user token is refused on service calls
        StepVerifier.create(client().getServiceProjectQuotas(null))
                .expectErrorSatisfies(e -> assertThat(((SynnefoHttpException) e).status()).isIn(401, 403))
                .verify(TIMEOUT);
    }

    @Test
    void commissionsIssueInspectAcceptRejectAndResolve() {
        AstakosClient service = client().withToken(emulator.serviceToken());
        String uuid = other().uuid();
        // A project whose project-wide capacity leaves room, so that only the member limit (5) matters.
        String project = emulator.projects().create("commissions.example.org", user().uuid(),
                Map.of("cyclades.vm", new org.synnefo.reactive.emulator.ResourceCapacity(100, 5)), uuid);
        long first = service.issueCommission(
                CommissionRequest.forUser("create vm", uuid, project, Map.of("cyclades.vm", 1L))).block(TIMEOUT);
        assertThat(service.getPendingCommissions().block(TIMEOUT)).contains(first);
        CommissionInfo info = service.getCommission(first).block(TIMEOUT);
        assertThat(info.serial()).isEqualTo(first);
        assertThat(info.name()).isEqualTo("create vm");
        assertThat(info.provisions()).contains(Provision.forUser(uuid, project, "cyclades.vm", 1));
        StepVerifier.create(service.acceptCommission(first)).verifyComplete();
        assertThat(service.getPendingCommissions().block(TIMEOUT)).doesNotContain(first);
        assertThat(client().withToken(other().token()).getQuotas().block(TIMEOUT).get(project).get("cyclades.vm")
                .usage()).isEqualTo(1);

        long second = service.issueCommission(
                CommissionRequest.forUser("vm 2", uuid, project, Map.of("cyclades.vm", 1L))).block(TIMEOUT);
        StepVerifier.create(service.rejectCommission(second)).verifyComplete();
        StepVerifier.create(service.getCommission(second)).expectError(NotFoundException.class).verify(TIMEOUT);

        long third = service.issueCommission(
                CommissionRequest.forUser("vm 3", uuid, project, Map.of("cyclades.vm", 1L))).block(TIMEOUT);
        long fourth = service.issueCommission(
                CommissionRequest.forUser("vm 4", uuid, project, Map.of("cyclades.vm", 1L))).block(TIMEOUT);
        CommissionResolution res = service.resolveCommissions(List.of(third), List.of(fourth, 999_999L))
                .block(TIMEOUT);
        assertThat(res.accepted()).containsExactly(third);
        assertThat(res.rejected()).containsExactly(fourth);
        assertThat(res.failed()).containsKey(999_999L);

        // over the limit: 413 overLimit
        StepVerifier.create(service.issueCommission(
                CommissionRequest.forUser("too many", uuid, project, Map.of("cyclades.vm", 100L))))
                .expectError(OverLimitException.class).verify(TIMEOUT);
        // auto-accepted commissions charge at once; release them again
        long release = service.issueCommission(CommissionRequest.forUser("release", uuid, project,
                Map.of("cyclades.vm", -2L)).withAutoAccept(true)).block(TIMEOUT);
        assertThat(service.getPendingCommissions().block(TIMEOUT)).doesNotContain(release);
        assertThat(client().withToken(other().token()).getQuotas().block(TIMEOUT).get(project).get("cyclades.vm")
                .usage()).isZero();
    }

    @Test
    void defaultProjectAndFeedback() {
        String project = emulator.projects().create("default-switch.example.org", user().uuid(),
                Map.of("cyclades.vm", new org.synnefo.reactive.emulator.ResourceCapacity(4, 2)), other().uuid());
        AstakosClient astakos = client().withToken(other().token());
        assertThat(astakos.authenticate().block(TIMEOUT).defaultProject()).isEqualTo(other().uuid());
        StepVerifier.create(astakos.setDefaultProject(project)).verifyComplete();
        // the cached authentication was dropped, so the new default shows at once
        assertThat(astakos.authenticate().block(TIMEOUT).defaultProject()).isEqualTo(project);
        StepVerifier.create(astakos.setDefaultProject(other().uuid())).verifyComplete();
        assertThat(astakos.getUserInfo().block(TIMEOUT).defaultProject()).isEqualTo(other().uuid());

        StepVerifier.create(client().sendFeedback("hello é & =", "data")).verifyComplete();
    }

    @Test
    void malformedAccountAnswersAreClearErrors() {
        AstakosClient astakos = client();
        emulator.faults().add(FaultRule.builder().method("GET").path(".*/account/v1\\.0/quotas")
                .respond(200, Map.of("Content-Type", JSON), "[1, 2]").once().build());
        StepVerifier.create(astakos.getQuotas())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SynnefoException.class)
                        .hasMessageContaining("quotas"))
                .verify(TIMEOUT);
        emulator.faults().add(FaultRule.builder().method("GET").path(".*/account/v1\\.0/resources")
                .respond(200, Map.of("Content-Type", JSON), "{\"cyclades.vm\": ").once().build());
        StepVerifier.create(astakos.getResources()).expectError(SynnefoException.class).verify(TIMEOUT);
        emulator.faults().add(FaultRule.builder().method("GET").path(".*/account/v1\\.0/quotas")
                .respond(500, Map.of("Content-Type", "text/html"), "<html>oops</html>").build());
        AstakosClient noRetry = AstakosClient.builder().authUrl(emulator.authUrl()).token(emulator.token())
                .options(options.toBuilder().retry(org.synnefo.reactive.core.RetryOptions.none()).build()).build();
        StepVerifier.create(noRetry.getQuotas())
                .expectErrorSatisfies(e -> assertThat(((SynnefoHttpException) e).status()).isEqualTo(500))
                .verify(TIMEOUT);
        emulator.faults().clear();
        StepVerifier.create(astakos.getQuotas()).assertNext(q -> assertThat(q).containsKey(user().uuid()))
                .verifyComplete();
    }
}
