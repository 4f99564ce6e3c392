package org.wsusremediator.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditAnchorTest {

    @TempDir
    Path dir;

    @Test
    void headsAreReadBackOnlyWhenTheirMacVerifies() throws Exception {
        ServerKey key = ServerKey.loadOrCreate(dir.resolve("server.key"));
        AuditAnchor anchor = new AuditAnchor(dir.resolve("audit-anchor.log"), key);
        assertThat(anchor.read().exists()).isFalse();

        anchor.append(1, "a".repeat(64));
        anchor.append(2, "b".repeat(64));
        // Someone without the key appends a head of their own, and a line that is no head at all.
        Files.writeString(anchor.file(), "3 " + "c".repeat(64) + " " + "0".repeat(64) + "\nnonsense\n",
                StandardOpenOption.APPEND);

        AuditAnchor.Reading reading = anchor.read();
        assertThat(reading.heads()).containsExactly(new AuditAnchor.Head(1, "a".repeat(64)),
                new AuditAnchor.Head(2, "b".repeat(64)));
        assertThat(reading.problems()).containsExactly(
                "audit-anchor.log line 3 (record 3) does not verify with the server key: written or edited without it",
                "audit-anchor.log line 4 is not an anchored head");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(anchor.file()))).isEqualTo("rw-------");
        // Another key (a store's key replaced) verifies none of them.
        AuditAnchor other = new AuditAnchor(anchor.file(), ServerKey.loadOrCreate(dir.resolve("other.key")));
        assertThat(other.read().heads()).isEmpty();
    }
}
