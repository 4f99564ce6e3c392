package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.apply.ApplyFleet;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.plan.ApprovedSettings;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlanMaker;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.store.Store;

/**
 * Local mode is for the simulated lab fleet only (issue 12), through the real command line, a real H2 store and a
 * real simulated fleet on 127.74.3.x. A "real" host is stood in for by a TCP tunnel on 127.74.3.99 to a simulated one
 * (what {@code ssh -L} to a production server would be): the inventory says nothing about simulation, and the tunnel
 * is on loopback too. {@code plan} refuses it, {@code apply} refuses a plan of it (even approved by another admin),
 * and nothing is installed; {@code approve} refuses a plan of a host at a non-loopback address; {@code scan} stays
 * open; the simulated fleet itself plans, approves and installs as before.
 */
class LabOnlyTest {

    private static final String TUNNEL = "127.74.3.99";

    @TempDir
    Path dir;

    private FleetSimulator simulator;
    private Path fleet;
    private String db;
    private String[] store;
    private ServerSocket tunnel;

    @BeforeEach
    void fleet() throws Exception {
        fleet = dir.resolve("fleet");
        new ApplyFleet("127.74.3").sp1("s1", "east", null).write(fleet);
        simulator = FleetSimulator.start(FleetFile.load(fleet.resolve("fleet.yaml")),
                Map.of("WSUS_LAB_PASSWORD", CliTest.LAB_PASSWORD));
        db = Store.defaultH2Url(dir.resolve("data"));
        store = new String[] {"--db", db, "--admins", fleet.resolve("admins.yaml").toString()};
        tunnel = tunnel(TUNNEL, simulator.host("s1").address(), simulator.host("s1").port());
        Files.writeString(fleet.resolve("tunnel.yaml"), Files.readString(fleet.resolve("inventory.yaml"))
                .replace("address: " + simulator.host("s1").address(), "address: " + TUNNEL));
    }

    @AfterEach
    void stop() throws IOException {
        StoreOptions.environment = System::getenv;
        if (tunnel != null) {
            tunnel.close();
        }
        simulator.close();
    }

    private CliTest.Run withStore(String... args) {
        return CliTest.run(TestFleets.concat(args, store));
    }

    private CliTest.Run asBob(String... args) {
        StoreOptions.environment = Map.of("REMEDIATOR_ADMIN_TOKEN", TestFleets.BOB_TOKEN)::get;
        try {
            return withStore(args);
        } finally {
            StoreOptions.environment = System::getenv;
        }
    }

    @Test
    void planRefusesAnInventoryWhoseHostIsNotAHostOfAFleetThisProcessRuns() {
        CliTest.Run plan = withStore("plan", fleet.resolve("tunnel.yaml").toString(), "--report-dir", dir.resolve("reports").toString());
        assertThat(plan.exitCode()).as(plan.all()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(plan.err()).contains("plan without --server works on the simulated lab fleet only")
                .contains("s1 (" + TUNNEL + ":55985) is not a host of a simulated fleet this process runs")
                .contains("--server URL", "docs/server.md");
        assertThat(simulator.host("s1").requestCount()).as("not even scanned").isZero();
        try (Store s = Store.open(db, "sa", "")) {
            assertThat(s.plans()).isEmpty();
        }

        CliTest.Run scan = CliTest.run("scan", fleet.resolve("tunnel.yaml").toString(), "--quiet",
                "--report-dir", dir.resolve("reports").toString());
        assertThat(scan.exitCode()).as("scan is read-only: " + scan.all()).isZero();
    }

    @Test
    void applyRefusesAnApprovedPlanOfAHostReachedThroughATunnelAndInstallsNothing() throws Exception {
        // A plan of the tunnelled host, made below the CLI (as whoever holds the store and its key could) ...
        String planId = planBelowTheCli(fleet.resolve("tunnel.yaml"), null);
        // ... approved by another admin: the host is on loopback, so approve lets it through; apply is the gate.
        CliTest.Run approve = asBob("approve", planId, "--reason", "CHG-1");
        assertThat(approve.exitCode()).as(approve.all()).isZero();

        CliTest.Run apply = applyNow(planId);
        assertThat(apply.exitCode()).as(apply.all()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(apply.err()).contains("apply without --server works on the simulated lab fleet only")
                .contains("s1 (" + TUNNEL + ":55985) is not a host of a simulated fleet this process runs");
        assertThat(simulator.host("s1").installerRuns()).isEmpty();
    }

    @Test
    void approveAndRejectRefuseAPlanOfAHostThatIsNotOnLoopback() throws Exception {
        String planId = planBelowTheCli(fleet.resolve("inventory.yaml"), "10.20.30.40");
        for (String decision : List.of("approve", "reject")) {
            CliTest.Run decided = asBob(decision, planId, "--reason", "CHG-2");
            assertThat(decided.exitCode()).as(decided.all()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(decided.err()).contains(decision + " without --server works on the simulated lab fleet only")
                    .contains("s1 was planned at 10.20.30.40, not a simulated host on loopback");
        }
        try (Store s = Store.open(db, "sa", "")) {
            assertThat(s.approvals(planId)).isEmpty();
        }
    }

    @Test
    void theSimulatedFleetItselfIsPlannedApprovedAndRemediatedLocally() {
        CliTest.Run plan = withStore("plan", fleet.resolve("inventory.yaml").toString(), "--report-dir", dir.resolve("reports").toString());
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        Matcher id = Pattern.compile("plan (plan-[0-9a-f]{8}) by alice").matcher(plan.out());
        assertThat(id.find()).as(plan.all()).isTrue();
        assertThat(asBob("approve", id.group(1), "--reason", "CHG-3").exitCode()).isZero();
        CliTest.Run apply = applyNow(id.group(1));
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(simulator.host("s1").installerRuns()).hasSize(1);
    }

    @Test
    void loopbackIsAnIpLiteralOnly() {
        assertThat(LabOnly.loopback("127.74.3.10")).isTrue();
        assertThat(LabOnly.loopback("::1")).isTrue();
        assertThat(LabOnly.loopback("[::1]")).isTrue();
        assertThat(LabOnly.loopback("127.0.0.256")).isFalse();
        assertThat(LabOnly.loopback("localhost")).as("a name is not resolved").isFalse();
        assertThat(LabOnly.loopback("127.0.0.1.example.com")).isFalse();
        assertThat(LabOnly.loopback("10.0.0.5")).isFalse();
    }

    private CliTest.Run applyNow(String planId) {
        return withStore("apply", planId, "--now", "--windows", fleet.resolve("windows.yaml").toString(),
                "--report-dir", dir.resolve("reports").toString());
    }

    /** Scans {@code inventory} and saves alice's plan, every host's address recorded as {@code address} if given. */
    private String planBelowTheCli(Path inventoryFile, String address) throws Exception {
        try (Store s = Store.open(db, "sa", "");
             Remediator remediator = Remediator.start(new RunSettings(dir.resolve("reports"), 2, Map.of("WSUS_LAB_PASSWORD", CliTest.LAB_PASSWORD)))) {
            Inventory inventory = InventoryReader.read(inventoryFile);
            var scan = remediator.scan(inventory, ScanProgress.silent(1));
            Plan plan = PlanMaker.from(scan.report(), inventory.remediation(), "alice", Duration.ofHours(1), Instant.now());
            if (address != null) {
                plan = new Plan(plan.id(), plan.requester(), plan.createdAt(), plan.expiresAt(), plan.inventory(),
                        plan.hosts().stream().map(h -> moved(h, address)).toList());
            }
            assertThat(plan.hosts()).singleElement().satisfies(h -> assertThat(h.needsApproval()).isTrue());
            s.savePlan(plan);
            return plan.id();
        }
    }

    private static PlannedHost moved(PlannedHost h, String address) {
        ApprovedSettings s = h.settings();
        return new PlannedHost(h.host(), h.action(), h.reason(), h.fingerprint(), h.needsApproval(),
                new ApprovedSettings(address, s.port(), s.transport(), s.rtmPolicy(), s.architecture(), s.packageSource(),
                        s.packageSha256(), s.installerArguments(), s.allowReboot(), s.recipeSha256()));
    }

    /** A TCP tunnel from {@code address}:{@code port} to the target, as ssh -L makes one. */
    private static ServerSocket tunnel(String address, String targetAddress, int port) throws IOException {
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true); // the previous test's tunnel leaves connections in TIME_WAIT
        listening.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket in = listening.accept();
                    Socket out = new Socket(targetAddress, port);
                    pipe(in.getInputStream(), out.getOutputStream(), in, out);
                    pipe(out.getInputStream(), in.getOutputStream(), in, out);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "tunnel");
        acceptor.setDaemon(true);
        acceptor.start();
        return listening;
    }

    private static void pipe(InputStream from, OutputStream to, Socket a, Socket b) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException ended) {
                // one side closed
            } finally {
                try {
                    a.close();
                    b.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }, "tunnel-pipe");
        t.setDaemon(true);
        t.start();
    }
}
