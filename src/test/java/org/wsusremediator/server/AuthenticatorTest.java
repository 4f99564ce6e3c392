package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.SecretHash;
import org.wsusremediator.store.AuditRecord;
import org.wsusremediator.store.Store;

/** The login throttle's records in the audit trail, on a real (H2) store. */
class AuthenticatorTest {

    @Test
    void aLockOnAnAdminsNameIsAuditedWhenGuessesComeFromManyAddresses(@TempDir Path dir) throws Exception {
        Path admins = dir.resolve("admins.yaml");
        Files.writeString(admins, """
                approvals: { required: 1, twoPersonRule: true, planValidityHours: 72 }
                admins:
                  - { name: alice, roles: [requester], passwordHash: "%s" }
                """.formatted(SecretHash.hash("alice-right-password")));
        try (Store store = Store.open(Store.defaultH2Url(dir), "sa", "", dir)) {
            Authenticator authenticator = new Authenticator(AdminDirectory.read(admins), store, new ServerMetrics(),
                    Clock.systemUTC());
            // One guess from each of five addresses: no address is locked, alice's name is, at the fifth.
            for (int i = 1; i <= LoginThrottle.FREE_FAILURES; i++) {
                String address = "192.0.2." + i;
                assertThatThrownBy(() -> authenticator.login("alice", "guess", address))
                        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(401));
            }
            assertThatThrownBy(() -> authenticator.login("alice", "alice-right-password", "192.0.2.99"))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(429));
            List<String> actions = store.auditRecords().stream().map(AuditRecord::action).toList();
            assertThat(actions).as("the lock on alice's name is in the trail")
                    .containsExactly("LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_THROTTLED");
            assertThat(store.auditRecords().get(4).details()).contains("\"name\":\"alice\"").doesNotContain("guess");
        }
    }
}
