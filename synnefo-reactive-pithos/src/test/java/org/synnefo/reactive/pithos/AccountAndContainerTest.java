package org.synnefo.reactive.pithos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.ConflictException;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import reactor.test.StepVerifier;

/** Account and container calls against the emulator. */
class AccountAndContainerTest {

    static SynnefoEmulator emulator;
    static SynnefoTransport transport;
    static PithosClient pithos;
    static PithosClient other;
    static EmulatorUser user;
    static EmulatorUser otherUser;

    @BeforeAll
    static void start() {
        emulator = SynnefoEmulator.builder().blockSize(1024).start();
        transport = EmulatorSupport.transport("pithos-account-test");
        ClientOptions options = ClientOptions.builder().transport(transport).build();
        user = emulator.users().get(0);
        otherUser = emulator.users().get(1);
        pithos = EmulatorSupport.client(emulator, user, options);
        other = EmulatorSupport.client(emulator, otherUser, options);
    }

    @AfterAll
    static void stop() {
        transport.dispose();
        emulator.close();
    }

    @Test
    void accountMetadataSetMergeDeleteReplace() {
        pithos.setAccountMetadata(Map.of("colour", "blue", "shape", "round")).block();
        assertThat(pithos.getAccountMetadata().block()).containsEntry("colour", "blue").containsEntry("shape", "round");
        pithos.setAccountMetadata(Map.of("size", "big")).block();
        assertThat(pithos.getAccountMetadata().block()).containsKeys("colour", "shape", "size");
        pithos.deleteAccountMetadata("shape").block();
        assertThat(pithos.getAccountMetadata().block()).doesNotContainKey("shape").containsKey("colour");
        pithos.replaceAccountMetadata(Map.of("only", "this")).block();
        assertThat(pithos.getAccountMetadata().block()).containsOnlyKeys("only");
        pithos.setAccountMetadata(Map.of("ünï", "çödé")).block();
        assertThat(pithos.getAccountMetadata().block()).containsEntry("ünï", "çödé");
    }

    @Test
    void accountGroups() {
        pithos.setAccountGroup("devs", List.of(otherUser.uuid(), user.uuid())).block();
        Map<String, List<String>> groups = pithos.getAccountGroups().block();
        assertThat(groups).containsKey("devs");
        assertThat(groups.get("devs")).containsExactlyInAnyOrder(otherUser.uuid(), user.uuid());
        pithos.deleteAccountGroup("devs").block();
        assertThat(pithos.getAccountGroups().block()).doesNotContainKey("devs");
    }

    @Test
    void accountInfoCountsContainersAndReportsQuota() {
        pithos.createContainer("count-a").block();
        pithos.createContainer("count-b").block();
        AccountInfo info = pithos.getAccountInfo().block();
        assertThat(info.containerCount()).isGreaterThanOrEqualTo(2);
        assertThat(info.bytesUsed()).isNotNull();
        assertThat(info.headers().names()).isNotEmpty();
        StepVerifier.create(pithos.getAccountQuota()).expectNextMatches(q -> q >= 0).verifyComplete();
    }

    @Test
    void createContainerWithPoliciesAndProjectThenReadThem() {
        assertThat(pithos.createContainer("policies", ContainerOptions.defaults().withQuota(1_000_000)
                .withVersioning(VersioningPolicy.NONE).withProject(user.uuid())
                .withMetadata(Map.of("purpose", "tests"))).block()).isTrue();
        assertThat(pithos.createContainer("policies").block()).isFalse();
        ContainerInfo info = pithos.getContainerInfo("policies").block();
        assertThat(info.quota()).isEqualTo(1_000_000L);
        assertThat(info.versioning()).isEqualTo(VersioningPolicy.NONE);
        assertThat(info.project()).isEqualTo(user.uuid());
        assertThat(info.metadata()).containsEntry("purpose", "tests");
        assertThat(info.blockSize()).isEqualTo(1024);
        assertThat(info.blockHash()).isEqualTo("sha256");
        assertThat(info.objectCount()).isZero();

        pithos.setContainerQuota("policies", 0).block();
        pithos.setContainerVersioning("policies", VersioningPolicy.AUTO).block();
        pithos.setContainerMetadata("policies", Map.of("extra", "1")).block();
        info = pithos.getContainerInfo("policies").block();
        assertThat(info.quota()).isZero();
        assertThat(info.versioning()).isEqualTo(VersioningPolicy.AUTO);
        assertThat(info.metadata()).containsEntry("purpose", "tests").containsEntry("extra", "1");
        pithos.deleteContainerMetadata("policies", "purpose").block();
        assertThat(pithos.getContainerInfo("policies").block().metadata()).doesNotContainKey("purpose");
    }

    @Test
    void reassignContainerToAnotherProjectAndListWithProject() {
        pithos.createContainer("reassigned").block();
        String project = user.uuid();
        pithos.reassignContainer("reassigned", project).block();
        assertThat(pithos.getContainerInfo("reassigned").block().project()).isEqualTo(project);
        ContainerEntry e = pithos.listContainers().filter(c -> c.name().equals("reassigned")).blockFirst();
        assertThat(e).isNotNull();
        assertThat(e.project()).isEqualTo(project);
        assertThat(e.raw().has("name")).isTrue();
    }

    @Test
    void listContainersPagesLazily() {
        for (int i = 0; i < 5; i++) {
            pithos.createContainer("page-" + i).block();
        }
        List<String> names = pithos.listContainers(ListContainersOptions.defaults().withPageSize(2))
                .map(ContainerEntry::name).filter(n -> n.startsWith("page-")).collectList().block();
        assertThat(names).containsExactly("page-0", "page-1", "page-2", "page-3", "page-4");
        assertThat(pithos.listContainers(ListContainersOptions.defaults().withPageSize(1)).take(1).collectList()
                .block()).hasSize(1);
    }

    @Test
    void deleteNonEmptyContainerConflictsThenRecursiveDeleteWorks() {
        PithosClient c = pithos.withContainer("doomed");
        pithos.createContainer("doomed").block();
        c.putObject("a", new byte[] {1}, WriteOptions.defaults()).block();
        c.putObject("d/b", new byte[] {2}, WriteOptions.defaults()).block();
        assertThatThrownBy(() -> pithos.deleteContainer("doomed").block()).isInstanceOf(ConflictException.class);
        pithos.deleteContainerRecursive("doomed", true).block();
        assertThatThrownBy(() -> pithos.getContainerInfo("doomed").block()).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pithos.deleteContainer("never-was").block())
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void emptyAndPurgeContainer() {
        PithosClient c = pithos.withContainer("emptied");
        pithos.createContainer("emptied").block();
        c.putObject("x", new byte[] {1, 2}, WriteOptions.defaults()).block();
        pithos.emptyContainer("emptied").block();
        assertThat(c.listObjects().collectList().block()).isEmpty();
        pithos.purgeContainer("emptied").block();
        pithos.deleteContainer("emptied").block();
    }

    @Test
    void sharingAccountsListsWhoSharesWithMe() {
        PithosClient mine = pithos.withContainer("shared-out");
        pithos.createContainer("shared-out").block();
        mine.putObject("for-other", new byte[] {7}, WriteOptions.defaults().withSharing(
                Sharing.read(otherUser.uuid()))).block();
        assertThat(other.listSharingAccounts().map(SharingAccount::name).collectList().block())
                .contains(user.uuid());
        // the other user reads it through a client on my account
        assertThat(other.withAccount(user.uuid()).withContainer("shared-out").getObjectBytes("for-other").block())
                .containsExactly(7);
        assertThat(pithos.listContainers(ListContainersOptions.defaults().withShared()).map(ContainerEntry::name)
                .collectList().block()).contains("shared-out");
    }

    @Test
    void callsWithoutAccountOrContainerFailClearly() {
        PithosClient noAccount = PithosClient.builder().endpoint(EmulatorSupport.objectStoreUrl(emulator))
                .token(user.token()).build();
        StepVerifier.create(noAccount.getAccountInfo()).expectError(IllegalStateException.class).verify();
        StepVerifier.create(pithos.getObjectInfo("x")).expectError(IllegalStateException.class).verify();
    }
}
