package org.synnefo.reactive.pithos.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DirectoryTransfersTest {

    private final Path target = Path.of("/tmp/target").toAbsolutePath().normalize();

    @Test
    void ordinaryNamesResolveUnderTheTarget() {
        assertThat(DirectoryTransfers.localPath(target, "", "a/b.txt")).isEqualTo(target.resolve("a/b.txt"));
        assertThat(DirectoryTransfers.localPath(target, "pre", "pre/a")).isEqualTo(target.resolve("a"));
        assertThat(DirectoryTransfers.localPath(target, "pre/", "pre/x/y")).isEqualTo(target.resolve("x/y"));
        assertThat(DirectoryTransfers.localPath(target, "", "dir/")).isEqualTo(target.resolve("dir"));
    }

    @Test
    void namesEscapingTheTargetAreRefused() {
        assertThat(DirectoryTransfers.localPath(target, "", "../etc/passwd")).isNull();
        assertThat(DirectoryTransfers.localPath(target, "", "a/../../b")).isNull();
        assertThat(DirectoryTransfers.localPath(target, "", "/etc/passwd")).isNull();
        assertThat(DirectoryTransfers.localPath(target, "", "a//b")).isNull();
        assertThat(DirectoryTransfers.localPath(target, "", "./a")).isNull();
        assertThat(DirectoryTransfers.localPath(target, "", "a\\..\\b")).isNull();
        assertThat(DirectoryTransfers.localPath(target, "pre", "pre")).isNull();
        assertThat(DirectoryTransfers.localPath(target, "pre", "other/a")).isNull();
    }
}
