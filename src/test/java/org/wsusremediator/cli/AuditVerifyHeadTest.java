package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.classify.Action;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.store.Store;

/**
 * {@code audit verify} against the anchor outside the database and against a head written down elsewhere
 * ({@code --head}): records cut off the end of the trail with {@code audit_head} reset to match are reported, exit 6.
 */
class AuditVerifyHeadTest {

    @TempDir
    Path dir;

    @Test
    void aCutTailWithItsHeadResetIsBrokenAgainstTheAnchorAndAgainstAWrittenDownHead() throws Exception {
        String db = Store.defaultH2Url(dir.resolve("data"));
        String[] store = {"--db", db, "--admins", TestFleets.admins(dir).toString()};
        try (Store s = Store.open(db, "sa", "")) {
            for (int i = 1; i <= 3; i++) {
                s.savePlan(new Plan("p-" + i, "alice", Instant.now(), Instant.now().plus(Duration.ofHours(1)), "lab.yaml",
                        List.of(new PlannedHost("h", Action.INSTALL_KB, "needs it", "f", true))));
            }
        }
        CliTest.Run intact = CliTest.run(TestFleets.concat(new String[] {"audit", "verify"}, store));
        assertThat(intact.exitCode()).as(intact.all()).isZero();
        assertThat(intact.out()).contains("audit trail intact: 3 records", "anchored outside the database up to record 3");
        Matcher printed = Pattern.compile("head: record 3, hash [0-9a-f]{64}").matcher(intact.out());
        assertThat(printed.find()).isTrue();
        String head3 = printed.group();

        // Record 3 cut off, the head row made to match record 2: the database is consistent again.
        try (Connection c = DriverManager.getConnection(db, "sa", "")) {
            String hash2;
            try (var rs = c.createStatement().executeQuery("SELECT hash FROM audit_log WHERE seq = 2")) {
                rs.next();
                hash2 = rs.getString(1);
            }
            c.createStatement().executeUpdate("DELETE FROM audit_log WHERE seq = 3");
            try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET seq = 2, hash = ? WHERE id = 1")) {
                ps.setString(1, hash2);
                ps.executeUpdate();
            }
        }

        CliTest.Run cut = CliTest.run(TestFleets.concat(new String[] {"audit", "verify"}, store));
        assertThat(cut.exitCode()).as(cut.all()).isEqualTo(ExitCodes.AUDIT_BROKEN);
        assertThat(cut.out()).contains("audit trail BROKEN at record 3: record 3 is missing (the anchor ")
                .contains("audit-anchor.log says the trail reached record 3");

        // The head as printed earlier, in either spelling, tells the same.
        String colon = head3.replaceAll("head: record (\\d+), hash ([0-9a-f]{64})", "$1:$2");
        for (String written : List.of(colon, head3)) {
            CliTest.Run against = CliTest.run(TestFleets.concat(new String[] {"audit", "verify", "--head", written}, store));
            assertThat(against.exitCode()).as(against.all()).isEqualTo(ExitCodes.AUDIT_BROKEN);
            assertThat(against.out()).contains("record 3");
        }
        CliTest.Run bad = CliTest.run(TestFleets.concat(new String[] {"audit", "verify", "--head", "yesterday"}, store));
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("--head must be SEQ:HASH");
    }
}
