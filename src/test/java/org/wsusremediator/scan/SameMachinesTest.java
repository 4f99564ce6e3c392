package org.wsusremediator.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsusremediator.classify.Action;
import org.wsusremediator.classify.Classification;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.inventory.AuthScheme;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.RtmPolicy;
import org.wsusremediator.inventory.Timeouts;
import org.wsusremediator.inventory.Transport;
import org.wsusremediator.probe.Architecture;
import org.wsusremediator.probe.Facts;
import org.wsusremediator.probe.MachineIdentity;
import org.wsusremediator.probe.ProbeMethod;
import org.wsusremediator.probe.Version;
import org.wsusremediator.winrm.ErrorCategory;

/** The rule of {@link SameMachines} where the scan test cannot easily reach: a MachineGuid that could not be read. */
class SameMachinesTest {

    private static final String G1 = "11111111-2222-4333-8444-555555555555";
    private static final String G2 = "99999999-2222-4333-8444-555555555555";

    @Test
    void aGuidDecidesWhereBothHaveOne() {
        List<HostReport> out = SameMachines.review(List.of(
                host("a", new MachineIdentity("WSUS", G1)),
                host("b", new MachineIdentity("WSUS", G2)),   // one name in two domains: two machines
                host("c", new MachineIdentity("OTHER", G1))));  // renamed, same installation: one machine
        assertThat(out.get(0).action()).isEqualTo(Action.NEEDS_REVIEW);
        assertThat(out.get(0).reason()).startsWith("same machine as c (same MachineGuid " + G1 + ")");
        assertThat(out.get(1).action()).isEqualTo(Action.INSTALL_KB);
        assertThat(out.get(2).reason()).startsWith("same machine as a (");
    }

    @Test
    void withoutAGuidTheComputerNameStandsIn() {
        List<HostReport> out = SameMachines.review(List.of(
                host("a", new MachineIdentity("WSUS", G1)),
                host("b", new MachineIdentity("WSUS", null)),
                host("c", new MachineIdentity("ELSE", null)),
                host("d", MachineIdentity.UNKNOWN),
                host("e", MachineIdentity.UNKNOWN)));
        assertThat(out.get(0).reason()).startsWith("possibly the same machine as b (same computer name WSUS, MachineGuid not readable on both)");
        assertThat(out.get(1).reason()).startsWith("possibly the same machine as a (");
        assertThat(out.subList(2, 5)).allSatisfy(h -> assertThat(h.action()).isEqualTo(Action.INSTALL_KB));
    }

    @Test
    void hostsWithoutFactsAreNotComparedAndAllOthersAreNamed() {
        HostReport unreachable = HostReport.start(entry("down"))
                .withFailure(Action.UNREACHABLE, ErrorCategory.UNREACHABLE, "refused");
        List<HostReport> out = SameMachines.review(List.of(unreachable,
                host("a", new MachineIdentity("WSUS", G1)), host("b", new MachineIdentity("WSUS", G1)),
                host("c", new MachineIdentity("WSUS", G1))));
        assertThat(out.get(0)).isSameAs(unreachable);
        assertThat(out.get(1).reason()).startsWith("same machine as b, c (");
        assertThat(out.get(3).reason()).startsWith("same machine as a, b (");
    }

    private static HostReport host(String name, MachineIdentity machine) {
        Facts facts = new Facts(machine, "Microsoft Windows Server 2008 Enterprise", Version.parse("6.0.6001"), Architecture.X64,
                "2.0", true, Version.parse("3.1.6001.65"), 1, "C:\\Program Files\\Update Services\\", false, "C:\\x.dll",
                Version.parse("3.1.6001.65"), null, 0, null, ProbeMethod.POWERSHELL, null);
        return HostReport.start(entry(name)).withFacts(facts)
                .withClassification(new Classification(Action.INSTALL_KB, "needs the KB", "WSUS3.0SP1-KB954960-x64.exe", true));
    }

    private static HostEntry entry(String name) {
        return new HostEntry(name, null, "127.0.0.1", 5985, Transport.HTTP, AuthScheme.BASIC, "c", true, true,
                new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), RtmPolicy.UPGRADE, "x.yaml", 3);
    }
}
