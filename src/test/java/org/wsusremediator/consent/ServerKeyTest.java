package org.wsusremediator.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeyTest {

    @TempDir
    Path dir;

    private final String realUser = System.getProperty("user.name");

    @AfterEach
    void restore() {
        System.setProperty("user.name", realUser);
    }

    @Test
    void aNewKeyIsThirtyTwoRandomBytesOnlyItsOwnerCanReadAndTheSameKeyNextTime() throws Exception {
        Path file = dir.resolve("data/server.key");
        ServerKey first = ServerKey.loadOrCreate(file);

        assertThat(Files.size(file)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(ServerKey.load(file).mac("plan", "x")).isEqualTo(first.mac("plan", "x"));
        assertThat(first.mac("plan", "x")).isNotEqualTo(first.mac("decision", "x"));
        assertThat(first.verifies("plan", "x", first.mac("plan", "x"))).isTrue();
        assertThat(first.verifies("plan", "y", first.mac("plan", "x"))).isFalse();
        assertThat(ServerKey.loadOrCreate(dir.resolve("other.key")).mac("plan", "x")).isNotEqualTo(first.mac("plan", "x"));
        String hex = HexFormat.of().formatHex(Files.readAllBytes(file));
        assertThat(first.toString()).doesNotContain(hex).contains("server.key");
        assertThat(Files.list(file.getParent())).as("no temporary key left").hasSize(1);
    }

    @Test
    void aKeyOthersCanReadIsRefusedWithoutShowingIt() throws Exception {
        Path file = dir.resolve("server.key");
        ServerKey.loadOrCreate(file);
        String hex = HexFormat.of().formatHex(Files.readAllBytes(file));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> ServerKey.load(file)).isInstanceOf(ConsentException.class)
                .hasMessageContaining(file + " is readable or writable by group or others (rw-r-----)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(hex));
    }

    @Test
    void aKeyOfAnotherLengthIsRefused() throws Exception {
        Path file = dir.resolve("server.key");
        Files.write(file, new byte[16]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> ServerKey.load(file)).hasMessageContaining("is not 32 bytes long");
    }

    @Test
    void aKeyOwnedByAnotherUserIsRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(OsUser.current().equals("root"), "only root can give a file away");
        Path file = dir.resolve("server.key");
        ServerKey.loadOrCreate(file);
        Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

        assertThatThrownBy(() -> ServerKey.load(file)).hasMessageContaining("is owned by nobody, not by root");
    }

    @Test
    void theOsUserIsTheKernelsNotTheJvmProperty() throws Exception {
        Process id = new ProcessBuilder("id", "-un").start();
        String kernel = new String(id.getInputStream().readAllBytes()).strip();
        System.setProperty("user.name", "bob");

        assertThat(OsUser.current()).isEqualTo(kernel).isNotEqualTo("bob");
    }
}
