package org.wsusremediator.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.winrm.ErrorCategory;

/**
 * A host visit has an overall deadline and a response has a size cap (issue 8 item 4): a host that trickles a
 * byte a second, or streams without end, cannot hold a scan. Each scan runs against hostile loopback servers
 * and simulated healthy hosts; the JUnit timeout turns a regression into a failure instead of a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VisitDeadlineIT {

    static final String SUBNET = "127.71.2";
    static final String TIMEOUTS = "{ connect: 2s, operation: 5s, receive: 3s, visit: 4s }";

    static ScanLab lab;

    @TempDir
    Path dir;

    @BeforeAll
    static void startFleet() throws Exception {
        lab = ScanLab.start(SUBNET, 2);
    }

    @AfterAll
    static void stopFleet() {
        lab.close();
    }

    @Test
    void aHostThatTricklesEndsTimeoutAtItsDeadlineAndTheScanGoesOn() throws Exception {
        try (HostileServer trickle = HostileServer.start(SUBNET + ".2", HostileServer.Behaviour.TRICKLE)) {
            Map<String, HostReport> hosts = scan(trickle, "trickle");
            HostReport host = hosts.get("trickle");
            assertThat(host.action()).isEqualTo(Action.UNREACHABLE);
            assertThat(host.errorCategory()).isEqualTo(ErrorCategory.TIMEOUT);
            assertThat(host.reason()).contains("host trickle").contains("deadline");
            // The deadline (4 s) plus at most one receive timeout (3 s) for each clean-up step (signal, delete).
            assertThat(host.durationMillis()).isBetween(3_500L, 12_000L);
            assertGoodHostsScanned(hosts);
        }
    }

    @Test
    void aHostThatTricklesItsBodyEndsTimeoutAtItsDeadline() throws Exception {
        try (HostileServer trickle = HostileServer.start(SUBNET + ".5", HostileServer.Behaviour.TRICKLE_BODY)) {
            Map<String, HostReport> hosts = scan(trickle, "trickle-body");
            HostReport host = hosts.get("trickle-body");
            assertThat(host.errorCategory()).isEqualTo(ErrorCategory.TIMEOUT);
            assertThat(host.reason()).contains("host trickle-body").contains("deadline");
            assertThat(host.durationMillis()).isBetween(3_500L, 12_000L);
            assertGoodHostsScanned(hosts);
        }
    }

    @Test
    void anEndlessBodyIsRefusedAtTheSizeCap() throws Exception {
        try (HostileServer endless = HostileServer.start(SUBNET + ".3", HostileServer.Behaviour.ENDLESS_BODY)) {
            Map<String, HostReport> hosts = scan(endless, "endless");
            HostReport host = hosts.get("endless");
            assertThat(host.errorCategory()).isEqualTo(ErrorCategory.PROTOCOL_ERROR);
            assertThat(host.reason()).contains("host endless").contains("larger than");
            assertThat(endless.bytesSent()).as("bytes the client let the server send").isLessThan(64L * 1024 * 1024);
            assertGoodHostsScanned(hosts);
        }
    }

    @Test
    void aHundredMegabyteBodyIsRefusedOnItsHeader() throws Exception {
        try (HostileServer huge = HostileServer.start(SUBNET + ".4", HostileServer.Behaviour.HUGE_BODY)) {
            Map<String, HostReport> hosts = scan(huge, "huge");
            HostReport host = hosts.get("huge");
            assertThat(host.errorCategory()).isEqualTo(ErrorCategory.PROTOCOL_ERROR);
            assertThat(host.reason()).contains("host huge").contains("larger than");
            assertThat(host.durationMillis()).isLessThan(3_000L);
            assertGoodHostsScanned(hosts);
        }
    }

    @Test
    void aSlowHostPastItsDeadlineHasItsShellDeleted() throws Exception {
        // Each request answered after 0.7 s: the NTLM logon's two 401s and the Create take 2.1 s, so the shell is
        // created; the command's requests are cut at the deadline (3 s), and the shell is still deleted, within the
        // clean-up's own bound.
        try (ScanLab slow = ScanLab.start("127.71.3", 1, 700)) {
            Inventory inventory = slow.inventory(dir, "{ connect: 2s, operation: 5s, receive: 3s, visit: 3000ms }", List.of());
            try (Remediator remediator = Remediator.start(new RunSettings(dir.resolve("reports"), 1, ScanLab.ENVIRONMENT))) {
                HostReport host = remediator.scan(inventory, ScanProgress.silent(1)).report().hosts().get(0);
                assertThat(host.errorCategory()).isEqualTo(ErrorCategory.TIMEOUT);
                assertThat(host.reason()).contains("deadline of 3 s");
            }
            assertThat(slow.simulator().host("good0").maxOpenShells()).isEqualTo(1);
            assertThat(slow.simulator().host("good0").openShellCount()).as("shells left open").isZero();
        }
    }

    private Map<String, HostReport> scan(HostileServer server, String name) throws Exception {
        String address = SUBNET + "." + (server.port() > 0 ? hostOctet(name) : 0);
        Inventory inventory = lab.inventory(dir, TIMEOUTS,
                List.of("{ name: " + name + ", address: " + address + ", port: " + server.port() + " }"));
        try (Remediator remediator = Remediator.start(new RunSettings(dir.resolve("reports"), 4, ScanLab.ENVIRONMENT))) {
            Remediator.ScanResult result = remediator.scan(inventory, ScanProgress.silent(inventory.hosts().size()));
            assertThat(result.reportFile()).isRegularFile();
            return result.report().hosts().stream().collect(Collectors.toMap(HostReport::getName, Function.identity()));
        }
    }

    private static int hostOctet(String name) {
        return switch (name) {
            case "trickle" -> 2;
            case "endless" -> 3;
            case "trickle-body" -> 5;
            default -> 4;
        };
    }

    private static void assertGoodHostsScanned(Map<String, HostReport> hosts) {
        assertThat(hosts.get("good0").action()).isEqualTo(Action.INSTALL_KB);
        assertThat(hosts.get("good1").action()).isEqualTo(Action.INSTALL_KB);
    }
}
