package org.wsusremediator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.host.HealthCheck;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlanMaker;
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.simulator.ShutdownRequest;
import org.wsusremediator.store.HostStateRecord;
import org.wsusremediator.store.Store;
import org.wsusremediator.store.TestDatabases;
import org.wsusremediator.window.ScheduleFile;

/**
 * The restart step and the health check through real parts: a plan scanned from the simulated fleet, approved by
 * another admin, run by the real apply route in a real Camel context, WinRM4J over HTTP with NTLM and message
 * encryption to the simulator, the journal in a real H2 file. One run holds a host of each restart case, so the run
 * is seen to go on past a host that never comes back.
 */
class ApplyRestartIT {

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private FleetSimulator simulator;
    private Store store;
    private Remediator remediator;
    private Inventory inventory;
    private Rollout rollout;

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        cleanups.forEach(Runnable::run);
    }

    private void start(ApplyFleet fleet) throws Exception {
        Path inventoryFile = fleet.write(dir.resolve("fleet"));
        simulator = FleetSimulator.start(FleetFile.load(dir.resolve("fleet/fleet.yaml")), ApplyFleet.environment());
        open.add(simulator);
        // The journal on a real H2 file (the store's own suites run it on PostgreSQL as well).
        store = new TestDatabases.Db("h2", Store.defaultH2Url(dir), "sa", "h2-Test-Secret-7", dir).open();
        open.add(store);
        inventory = InventoryReader.read(inventoryFile);
        rollout = ScheduleFile.read(dir.resolve("fleet/windows.yaml")).rollout();
        remediator = Remediator.start(new RunSettings(dir.resolve("reports"), rollout.concurrency(),
                ApplyFleet.environment(), store));
        open.add(remediator);
    }

    private Plan planAndApprove() {
        var scan = remediator.scan(inventory, ScanProgress.silent(inventory.hosts().size()));
        Plan plan = PlanMaker.from(scan.report(), inventory.remediation(), "alice", Duration.ofHours(1), Instant.now());
        store.savePlan(plan);
        store.recordApproval(new Approval(plan.id(), "bob", Decision.APPROVE, List.of(), "change 4711", Instant.now()));
        return plan;
    }

    private Remediator.RunResult apply(Plan plan) {
        return remediator.apply(new ApplyRequest(plan, inventory, ApplyFleet.admins(inventory), rollout, "apply --now",
                "alice", null, Duration.ofSeconds(30), Map.of()));
    }

    private static HostRun host(RunReport report, String name) {
        return report.hosts().stream().filter(h -> h.host().equals(name)).findFirst().orElseThrow();
    }

    private static final String ONE_WAVE = "  canary: 0\n  waveSize: 100%\n  minWaveSuccess: 0%\n  maxFailures: 100%\n"
            + "  concurrency: 8\n";

    @Test
    void eachRestartCaseEndsAsItsFactsProveAndTheRunGoesOn() throws Exception {
        start(new ApplyFleet("127.81.1").rollout(ONE_WAVE)
                .remediation("  restartTimeout: 12s\n  restartDelay: 1s\n")
                .needsRestart("happy", "east", true, 2, 0)
                .needsRestart("late", "east", true, 1, 4, "restartWinRmLate")
                .needsRestart("never", "east", true, 1, 0, "restartNeverComesBack")
                .needsRestart("stopped", "west", true, 1, 0, "restartWsusStopped")
                .needsRestart("forbidden", "west", false, 1, 0)
                .sp1("plain", "west", null));
        Plan plan = planAndApprove();
        Instant bootBefore = simulator.host("happy").lastBoot();

        Remediator.RunResult result = apply(plan);
        RunReport report = result.report();

        HostRun happy = host(report, "happy");
        assertThat(happy.state()).as(happy.reason()).isEqualTo(HostState.REMEDIATED);
        assertThat(happy.restart()).isNotNull();
        assertThat(happy.restart().bootBefore()).isEqualTo(bootBefore);
        assertThat(happy.restart().bootAfter()).isEqualTo(simulator.host("happy").lastBoot()).isAfter(bootBefore);
        assertThat(happy.restart().timedOut()).isFalse();
        assertThat(happy.restart().getBackAfterMillis()).isPositive();
        assertThat(happy.health().getPassed()).isTrue();
        assertThat(happy.health().checks()).extracting(HealthCheck::name)
                .containsExactly("dll", "WsusService", "W3SVC", "portNumber", "clientWebService");
        assertThat(happy.health().checks()).allSatisfy(c -> assertThat(c.result()).isEqualTo(HealthCheck.Result.PASSED));
        assertThat(simulator.host("happy").bootCount()).isEqualTo(1);
        assertThat(simulator.host("happy").shutdownRequests()).singleElement().satisfies(s -> {
            assertThat(s.restart()).isTrue();
            assertThat(s.delaySeconds()).isEqualTo(1);
            assertThat(s.comment()).contains("wsus-remediator", "KB954960", report.runId()).hasSizeLessThanOrEqualTo(127);
        });
        // Journaled before the restart was sent, with the boot time a recovering run compares with.
        assertThat(store.hostStates(plan.id()).stream().filter(r -> r.host().equals("happy")).map(HostStateRecord::state))
                .containsExactly("IN_FLIGHT", "ACTING", "ACTED", "ACTED", "REMEDIATED");
        assertThat(store.hostStates(plan.id())).filteredOn(r -> r.host().equals("happy") && r.detail().contains("restart"))
                .first().satisfies(r -> assertThat(r.detail()).contains("boot time before the restart: " + bootBefore));

        // WinRM refused for a while after the boot: waited with growing pauses, then proven.
        HostRun late = host(report, "late");
        assertThat(late.state()).as(late.reason()).isEqualTo(HostState.REMEDIATED);
        assertThat(late.restart().downAt()).isNotNull();
        assertThat(late.restart().getBackAfterMillis()).isGreaterThanOrEqualTo(5_000); // 1 s delay + 1 s down + 4 s late
        assertThat(late.restart().checks()).isGreaterThan(2);

        // Never back: REBOOT_TIMEOUT, a failure, and the other hosts were not held up by it.
        HostRun never = host(report, "never");
        assertThat(never.state()).isEqualTo(HostState.REBOOT_TIMEOUT);
        assertThat(never.state().failure()).isTrue();
        assertThat(never.restart().timedOut()).isTrue();
        assertThat(never.restart().bootAfter()).isNull();
        assertThat(never.reason()).contains("not back", "restart timeout of 12 s");
        assertThat(Duration.between(never.restart().requestedAt(), never.finishedAt())).isLessThan(Duration.ofSeconds(25));

        // Back, but WSUS stopped: not REMEDIATED, the failing check named.
        HostRun stopped = host(report, "stopped");
        assertThat(stopped.state()).isEqualTo(HostState.FAILED_VERIFICATION);
        assertThat(stopped.reason()).contains("WsusService FAILED", "STATE 1");
        assertThat(stopped.health().failures()).contains("WsusService", "clientWebService", "HTTP 503");
        assertThat(stopped.restart().bootAfter()).isNotNull();

        // allowReboot false: still REBOOT_REQUIRED, and no shutdown was ever sent.
        HostRun forbidden = host(report, "forbidden");
        assertThat(forbidden.state()).isEqualTo(HostState.REBOOT_REQUIRED);
        assertThat(forbidden.reason()).contains("allowReboot false");
        assertThat(forbidden.restart()).isNull();
        assertThat(simulator.host("forbidden").shutdownRequests()).isEmpty();
        assertThat(simulator.host("forbidden").bootCount()).isZero();

        // No restart needed: the health check ran all the same.
        HostRun plain = host(report, "plain");
        assertThat(plain.state()).isEqualTo(HostState.REMEDIATED);
        assertThat(plain.health().getPassed()).isTrue();
        assertThat(plain.restart()).isNull();
        assertThat(simulator.host("plain").shutdownRequests()).isEmpty();

        assertThat(report.status()).isEqualTo("FINISHED");
        String json = Files.readString(result.reportFile());
        assertThat(json).contains("\"restart\"", "\"bootBefore\"", "\"bootAfter\"", "\"timedOut\" : true", "\"health\"",
                "\"clientWebService\"");
        String html = Files.readString(Path.of(result.reportFile().toString().replaceAll("\\.json$", ".html")));
        assertThat(html).contains("Restarts and health checks", "not back in time", "clientWebService: PASSED",
                "<li class=\"failure\">WsusService: FAILED");
        assertThat(simulator.host("never").shutdownRequests()).hasSize(1);
        assertThat(List.of("happy", "late", "never", "stopped", "forbidden", "plain"))
                .allSatisfy(h -> assertThat(simulator.host(h).installerRuns()).as(h).hasSize(1));
    }

    /** An install whose DLL is right but whose IIS is stopped: FAILED_VERIFICATION naming W3SVC, no restart. */
    @Test
    void aHealthCheckThatFailsWithoutARestartIsNotRemediated() throws Exception {
        start(new ApplyFleet("127.81.2").rollout(ONE_WAVE).sp1("iisdown", "east", null).sp1("fine", "east", null)
                .sp1("own-site", "east", null).portNumber("own-site", 8530));
        Plan plan = planAndApprove();
        assertThat(simulator.host("iisdown").setServiceRunning("W3SVC", false)).isTrue();

        RunReport report = apply(plan).report();

        HostRun iisdown = host(report, "iisdown");
        assertThat(iisdown.state()).isEqualTo(HostState.FAILED_VERIFICATION);
        assertThat(iisdown.reason()).contains("DLL at 3.1.6001.66", "W3SVC FAILED", "clientWebService FAILED");
        assertThat(iisdown.health().checks()).filteredOn(c -> c.name().equals("dll")).singleElement()
                .satisfies(c -> assertThat(c.result()).isEqualTo(HealthCheck.Result.PASSED));
        assertThat(host(report, "fine").state()).isEqualTo(HostState.REMEDIATED);
        // The port comes from the host's Setup key: WSUS on its own web site (8530) is found there.
        assertThat(host(report, "own-site").state()).as(host(report, "own-site").reason()).isEqualTo(HostState.REMEDIATED);
        assertThat(host(report, "own-site").reason()).contains("clientWebService");
        assertThat(host(report, "own-site").health().checks()).filteredOn(c -> c.name().equals("clientWebService"))
                .singleElement().satisfies(c -> assertThat(c.detail()).contains("http://localhost:8530/ClientWebService/client.asmx"));
        assertThat(simulator.host("iisdown").shutdownRequests()).isEmpty();
    }

    /**
     * Stretch of issue 14: a host left REBOOT_REQUIRED by a plan that did not allow restarts is restarted by a restart
     * plan of its own (action RESTART), approved like any other: the requester's own approval does not count (two-person
     * rule), another admin's does; then restarted, waited for and health-checked. A host without a pending restart is in
     * the plan without an action.
     */
    @Test
    void aRestartPlanRestartsWhatAnEarlierPlanLeftRebootRequired() throws Exception {
        start(new ApplyFleet("127.81.4").rollout(ONE_WAVE).remediation("  restartTimeout: 20s\n  restartDelay: 1s\n")
                .needsRestart("waiting", "east", false, 1, 0).sp1("done", "east", null));
        RunReport first = apply(planAndApprove()).report();
        assertThat(host(first, "waiting").state()).isEqualTo(HostState.REBOOT_REQUIRED);
        assertThat(simulator.host("waiting").shutdownRequests()).isEmpty();

        var scan = remediator.scan(inventory, ScanProgress.silent(inventory.hosts().size()));
        Plan restarts = org.wsusremediator.plan.PlanMaker.restarts(scan.report(), inventory.remediation(), "alice",
                Duration.ofHours(1), Instant.now());
        store.savePlan(restarts);
        assertThat(restarts.hosts()).filteredOn(h -> h.host().equals("waiting")).singleElement().satisfies(h -> {
            assertThat(h.action()).isEqualTo(org.wsusremediator.classify.Action.RESTART);
            assertThat(h.needsApproval()).isTrue();
            assertThat(h.reason()).contains("restart pending");
        });
        assertThat(restarts.hosts()).filteredOn(h -> h.host().equals("done")).singleElement()
                .satisfies(h -> assertThat(h.needsApproval()).isFalse());

        // The requester approving her own plan: not counted, nothing restarted.
        store.recordApproval(new Approval(restarts.id(), "alice", Decision.APPROVE, List.of(), "mine", Instant.now()));
        RunReport own = apply(restarts).report();
        assertThat(host(own, "waiting").state()).isEqualTo(HostState.NOT_APPROVED);
        assertThat(simulator.host("waiting").shutdownRequests()).isEmpty();

        store.recordApproval(new Approval(restarts.id(), "bob", Decision.APPROVE, List.of(), "CHG-4712", Instant.now()));
        RunReport report = apply(restarts).report();

        HostRun waiting = host(report, "waiting");
        assertThat(waiting.state()).as(waiting.reason()).isEqualTo(HostState.REMEDIATED);
        assertThat(waiting.restart().bootAfter()).isEqualTo(simulator.host("waiting").lastBoot());
        assertThat(waiting.health().getPassed()).isTrue();
        assertThat(simulator.host("waiting").shutdownRequests()).singleElement()
                .satisfies(s -> assertThat(s.comment()).contains(restarts.id()));
        assertThat(simulator.host("waiting").installerRuns()).as("no second install").hasSize(1);
        assertThat(host(report, "done").state()).isEqualTo(HostState.NO_ACTION);
        assertThat(simulator.host("done").shutdownRequests()).isEmpty();
    }

    /**
     * Restarts count against the failure budget only when they fail: one host restarted and back (a success), then one
     * that never comes back (a failure: 1 of 2, over the 40 % budget), so the third is never started.
     */
    @Test
    void onlyARestartThatFailsCountsAgainstTheFailureBudget() throws Exception {
        start(new ApplyFleet("127.81.5")
                .rollout("  canary: 0\n  waveSize: 100%\n  minWaveSuccess: 0%\n  maxFailures: 40%\n  concurrency: 1\n")
                .remediation("  restartTimeout: 6s\n  restartDelay: 1s\n")
                .needsRestart("first", "east", true, 1, 0)
                .needsRestart("never", "east", true, 1, 0, "restartNeverComesBack")
                .sp1("later", "east", null));
        Plan plan = planAndApprove();

        RunReport report = apply(plan).report();

        assertThat(host(report, "first").state()).as(host(report, "first").reason()).isEqualTo(HostState.REMEDIATED);
        assertThat(host(report, "never").state()).isEqualTo(HostState.REBOOT_TIMEOUT);
        assertThat(host(report, "later").state()).isEqualTo(HostState.ABORTED);
        assertThat(report.status()).isEqualTo("ABORTED");
        assertThat(report.abortReason()).contains("1 of 2 hosts failed");
        assertThat(simulator.host("later").installerRuns()).isEmpty();
    }

    /** The wait for a host never outlasts the run's window, whatever the restart timeout says. */
    @Test
    void theWaitEndsAtTheWindowsEnd() throws Exception {
        start(new ApplyFleet("127.81.6").rollout(ONE_WAVE).remediation("  restartTimeout: 30m\n  restartDelay: 1s\n")
                .needsRestart("never", "east", true, 1, 0, "restartNeverComesBack"));
        Plan plan = planAndApprove();
        Instant deadline = Instant.now().plusSeconds(15);

        RunReport report = remediator.apply(new ApplyRequest(plan, inventory, ApplyFleet.admins(inventory), rollout,
                "window test", "remediator", deadline, Duration.ofSeconds(30), Map.of())).report();

        HostRun never = host(report, "never");
        assertThat(never.state()).isEqualTo(HostState.REBOOT_TIMEOUT);
        assertThat(never.reason()).contains("the end of the change window at " + deadline);
        assertThat(never.finishedAt()).isBefore(deadline.plusSeconds(5));
    }

    /**
     * A restart is a change of its own: once the run is aborted (here by its failure budget, a host whose package did not
     * verify), a host whose install is done is not restarted; it stays REBOOT_REQUIRED and says why.
     */
    @Test
    void anAbortedRunSendsNoRestart() throws Exception {
        start(new ApplyFleet("127.81.7")
                .rollout("  canary: 0\n  waveSize: 100%\n  minWaveSuccess: 0%\n  maxFailures: 0%\n  concurrency: 2\n")
                .remediation("  restartTimeout: 20s\n  restartDelay: 1s\n")
                .needsRestart("installed", "east", true, 1, 0)
                .sp1("tampered", "east", "packageTampered"));
        Plan plan = planAndApprove();

        RunReport report = apply(plan).report();

        assertThat(host(report, "tampered").state()).isEqualTo(HostState.FAILED);
        assertThat(report.status()).isEqualTo("ABORTED");
        HostRun installed = host(report, "installed");
        assertThat(installed.state()).as(installed.reason()).isEqualTo(HostState.REBOOT_REQUIRED);
        assertThat(installed.reason()).contains("not restarted: the run was aborted");
        assertThat(simulator.host("installed").shutdownRequests()).isEmpty();
    }
}
