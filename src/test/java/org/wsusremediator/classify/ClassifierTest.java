package org.wsusremediator.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wsusremediator.inventory.RtmPolicy;
import org.wsusremediator.probe.Architecture;
import org.wsusremediator.probe.Facts;
import org.wsusremediator.probe.MachineIdentity;
import org.wsusremediator.probe.ProbeFailure;
import org.wsusremediator.probe.ProbeMethod;
import org.wsusremediator.probe.ProbeResult;
import org.wsusremediator.probe.Version;

class ClassifierTest {

    private static final Set<String> ROWS_SEEN = new HashSet<>();

    /** A WSUS 3.0 SP1 server on Server 2008 x64 without KB954960; each case changes what it is about. */
    record Server(boolean setup, String version, Integer installType, boolean wsus2Product, String dll, Architecture arch,
                String os, int signatures, String warning, String ps) {
        static Server sp1() {
            return new Server(true, "3.1.6001.65", 1, false, "3.1.6001.65", Architecture.X64, "6.0.6001", 0, null, "2.0");
        }

        Server noSetup() {
            return new Server(false, null, null, wsus2Product, null, arch, os, signatures, warning, ps);
        }

        Server version(String v) {
            return new Server(setup, v, installType, wsus2Product, dll, arch, os, signatures, warning, ps);
        }

        Server installType(Integer t) {
            return new Server(setup, version, t, wsus2Product, dll, arch, os, signatures, warning, ps);
        }

        Server withWsus2() {
            return new Server(setup, version, installType, true, dll, arch, os, signatures, warning, ps);
        }

        Server dll(String d) {
            return new Server(setup, version, installType, wsus2Product, d, arch, os, signatures, warning, ps);
        }

        Server arch(Architecture a) {
            return new Server(setup, version, installType, wsus2Product, dll, a, os, signatures, warning, ps);
        }

        Server os(String o) {
            return new Server(setup, version, installType, wsus2Product, dll, arch, o, signatures, warning, ps);
        }

        Server signatures(int n) {
            return new Server(setup, version, installType, wsus2Product, dll, arch, os, n, warning, ps);
        }

        Server warning(String w) {
            return new Server(setup, version, installType, wsus2Product, dll, arch, os, signatures, w, ps);
        }

        Server noPowerShell() {
            return new Server(setup, version, installType, wsus2Product, dll, arch, os, signatures, warning, null);
        }

        Facts facts() {
            String dir = "C:\\Program Files\\Update Services\\";
            return new Facts(MachineIdentity.UNKNOWN, "Microsoft Windows Server", os == null ? null : Version.parse(os), arch, ps, setup,
                    version == null ? null : Version.parse(version), installType, setup ? dir : null, wsus2Product,
                    setup ? dir + "WebServices\\ClientWebService\\bin\\Microsoft.UpdateServices.WebServices.Client.Dll" : null,
                    dll == null ? null : Version.parse(dll), setup ? dir + "LogFiles\\SoftwareDistribution.log" : null,
                    signatures, signatures == 0 ? null : "2008-06-14 02:59:57.642", ProbeMethod.POWERSHELL, warning);
        }
    }

    static Stream<Arguments> table() {
        Server sp1 = Server.sp1();
        Server rtm = sp1.version("3.0.6000.273").dll("3.0.6000.273");
        return Stream.of(
                row("no Setup key, WSUS 2.0 product", sp1.noSetup().withWsus2(), RtmPolicy.UPGRADE, Action.NOT_AFFECTED, "WSUS 2.0 is not affected"),
                row("no Setup key", sp1.noSetup(), RtmPolicy.UPGRADE, Action.NOT_APPLICABLE, "WSUS is not installed"),
                row("WSUS 2.0 traces beside WSUS 3.x", sp1.withWsus2(), RtmPolicy.UPGRADE, Action.NEEDS_REVIEW, "upgraded to 3.0 is affected"),
                row("WSUS 2.0 traces beside WSUS 3.x", sp1.installType(64), RtmPolicy.UPGRADE, Action.NEEDS_REVIEW, "InstallType 64"),
                row("WSUS 2.0", sp1.version("2.0.0.2620").installType(32), RtmPolicy.UPGRADE, Action.NOT_AFFECTED,
                        "WSUS 2.0 (VersionString 2.0.0.2620, InstallType 32)"),
                row("WSUS 2.0", sp1.version(null).installType(128), RtmPolicy.UPGRADE, Action.NOT_AFFECTED, "InstallType 128"),
                row("no VersionString", sp1.version(null), RtmPolicy.UPGRADE, Action.NEEDS_REVIEW, "no VersionString"),
                row("console only", sp1.installType(2), RtmPolicy.UPGRADE, Action.NOT_APPLICABLE, "console"),
                row("unknown InstallType", sp1.installType(3), RtmPolicy.UPGRADE, Action.NEEDS_REVIEW, "unknown InstallType 3"),
                row("unknown InstallType", sp1.installType(null), RtmPolicy.UPGRADE, Action.NEEDS_REVIEW, "unknown InstallType null"),
                row("RTM, DLL of another line", rtm.dll("3.1.6001.66"), RtmPolicy.WORKAROUND, Action.NEEDS_REVIEW, "partial upgrade"),
                row("RTM, workaround, OS unknown", rtm.os(null), RtmPolicy.WORKAROUND, Action.NEEDS_REVIEW, "OS version is unknown"),
                row("RTM, workaround, no PowerShell", rtm.noPowerShell(), RtmPolicy.WORKAROUND, Action.NEEDS_REVIEW,
                        "the host has no PowerShell"),
                row("RTM, upgrade", rtm.noPowerShell(), RtmPolicy.UPGRADE, Action.FLAG_UPGRADE, "rtmPolicy upgrade"),
                row("RTM, workaround", rtm, RtmPolicy.WORKAROUND, Action.RTM_WORKAROUND,
                        "WSUS 3.0 RTM (3.0.6000.273): KB954960 does not apply to RTM; rtmPolicy workaround"),
                row("RTM, upgrade", rtm, RtmPolicy.UPGRADE, Action.FLAG_UPGRADE,
                        "WSUS 3.0 RTM (3.0.6000.273): KB954960 does not apply to RTM; rtmPolicy upgrade"),
                row("RTM, upgrade", rtm.dll(null), RtmPolicy.UPGRADE, Action.FLAG_UPGRADE, "client web service DLL not found at C:\\"),
                row("RTM, upgrade", rtm.os(null), RtmPolicy.UPGRADE, Action.FLAG_UPGRADE, "rtmPolicy upgrade"),
                row("SP1, DLL missing", sp1.dll(null), RtmPolicy.UPGRADE, Action.NEEDS_REVIEW,
                        "not found at C:\\Program Files\\Update Services\\WebServices\\ClientWebService\\bin\\Microsoft.UpdateServices.WebServices.Client.Dll"),
                row("SP1, DLL of another line", sp1.dll("3.2.7600.226"), RtmPolicy.UPGRADE, Action.NEEDS_REVIEW, "mixed installation"),
                row("SP1, DLL of another line", sp1.dll("3.0.6000.273"), RtmPolicy.UPGRADE, Action.NEEDS_REVIEW, "not of the 3.1.6001 line"),
                row("SP1, fixed", sp1.dll("3.1.6001.66"), RtmPolicy.UPGRADE, Action.COMPLIANT, "DLL at 3.1.6001.66"),
                row("SP1, fixed", sp1.dll("3.1.6001.100"), RtmPolicy.UPGRADE, Action.COMPLIANT, "DLL at 3.1.6001.100"),
                row("SP1, unfixed, ia64", sp1.arch(Architecture.IA64), RtmPolicy.UPGRADE, Action.NEEDS_REVIEW, "no KB954960 package for ia64"),
                row("SP1, unfixed, architecture unknown", sp1.arch(null), RtmPolicy.UPGRADE, Action.NEEDS_REVIEW, "architecture is unknown"),
                row("SP1, unfixed, OS unknown", sp1.os(null), RtmPolicy.UPGRADE, Action.NEEDS_REVIEW, "must run elevated"),
                row("SP1, unfixed", sp1.dll("3.1.6001.7"), RtmPolicy.UPGRADE, Action.INSTALL_KB, "DLL at 3.1.6001.7, below 3.1.6001.66"),
                row("SP1, unfixed", sp1, RtmPolicy.WORKAROUND, Action.INSTALL_KB, "install KB954960 (cannot be uninstalled)"),
                row("SP2 and later", sp1.version("3.2.7600.226").dll("3.2.7600.226"), RtmPolicy.UPGRADE, Action.COMPLIANT,
                        "SP2 and later very probably contain the fix (unverified)"),
                row("SP2 and later", sp1.version("3.2.7000.1"), RtmPolicy.UPGRADE, Action.COMPLIANT, "very probably"),
                row("SP2 and later", sp1.version("6.2.9200.16384").dll(null), RtmPolicy.UPGRADE, Action.COMPLIANT, "WSUS 6.2.9200.16384"),
                row("SP2 and later", sp1.version("10.0.14393.0"), RtmPolicy.UPGRADE, Action.COMPLIANT, "very probably"),
                row("other WSUS 3.0 build", sp1.version("3.0.5000.1"), RtmPolicy.UPGRADE, Action.NEEDS_REVIEW, "unknown WSUS 3.0 build 3.0.5000.1"),
                row("other WSUS 3.0 build", sp1.version("3.1.7000.0"), RtmPolicy.UPGRADE, Action.NEEDS_REVIEW, "unknown WSUS 3.0 build"),
                row("anything else", sp1.version("1.0.0.0"), RtmPolicy.UPGRADE, Action.NEEDS_REVIEW, "unrecognised WSUS version 1.0.0.0"),
                row("anything else", sp1.version("0.9.0.0"), RtmPolicy.WORKAROUND, Action.NEEDS_REVIEW, "unrecognised WSUS version"),
                // Issue 11: a VersionString stored as REG_DWORD reads 30106001 in PowerShell; it was called COMPLIANT
                row("VersionString not Major.Minor.Build.Revision", sp1.version("30106001"), RtmPolicy.UPGRADE,
                        Action.NEEDS_REVIEW, "is not of the form Major.Minor.Build.Revision"),
                row("VersionString not Major.Minor.Build.Revision", sp1.version("3.1"), RtmPolicy.UPGRADE,
                        Action.NEEDS_REVIEW, "'3.1'"),
                row("DLL without version information", sp1.dll("0.0.0.0"), RtmPolicy.UPGRADE, Action.NEEDS_REVIEW,
                        "no version information"));
    }

    private static Arguments row(String rule, Server host, RtmPolicy policy, Action action, String reasonPart) {
        return Arguments.of(rule, host, policy, action, reasonPart);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("table")
    void everyRowDecides(String rule, Server host, RtmPolicy policy, Action action, String reasonPart) {
        Facts facts = host.facts();
        assertThat(Classifier.rowFor(new Classifier.Host(facts, policy)).name()).isEqualTo(rule);
        Classification c = Classifier.classify(facts, policy);
        assertThat(c.action()).isEqualTo(action);
        assertThat(c.reason()).contains(reasonPart);
        assertThat(c.kbPackage() != null).isEqualTo(action == Action.INSTALL_KB);
        ROWS_SEEN.add(rule);
    }

    @AfterAll
    static void everyRowHasACase() {
        assertThat(ROWS_SEEN).containsExactlyInAnyOrderElementsOf(Classifier.ruleNames());
    }

    @Test
    void packageFollowsArchitectureAndElevationFollowsUac() {
        Classification x64On2008 = Classifier.classify(Server.sp1().facts(), RtmPolicy.UPGRADE);
        assertThat(x64On2008.kbPackage()).isEqualTo("WSUS3.0SP1-KB954960-x64.exe");
        assertThat(x64On2008.elevationRequired()).isTrue();

        Classification x86On2003 = Classifier.classify(Server.sp1().arch(Architecture.X86).os("5.2.3790").facts(), RtmPolicy.UPGRADE);
        assertThat(x86On2003.action()).isEqualTo(Action.INSTALL_KB);
        assertThat(x86On2003.kbPackage()).isEqualTo("WSUS3.0SP1-KB954960-x86.exe");
        assertThat(x86On2003.elevationRequired()).isFalse();

        Facts rtmOn2003 = Server.sp1().version("3.0.6000.273").dll(null).os("5.2.3790").facts();
        assertThat(Classifier.classify(rtmOn2003, RtmPolicy.WORKAROUND).elevationRequired()).isFalse();
        Facts rtmOn2008 = Server.sp1().version("3.0.6000.273").dll(null).facts();
        assertThat(Classifier.classify(rtmOn2008, RtmPolicy.WORKAROUND).elevationRequired()).isTrue();
        assertThat(Classifier.classify(rtmOn2008, RtmPolicy.UPGRADE).elevationRequired()).isFalse();
    }

    @Test
    void symptomsAndProbeWarningsAreAddedToAnyReason() {
        Classification c = Classifier.classify(Server.sp1().signatures(3).warning("Access denied").facts(), RtmPolicy.UPGRADE);
        assertThat(c.action()).isEqualTo(Action.INSTALL_KB);
        assertThat(c.reason()).endsWith("; symptomatic: 3 fault signatures in SoftwareDistribution.log, last at 2008-06-14 02:59:57.642"
                + "; probe warning: Access denied");
        Classification fixedButLogged = Classifier.classify(Server.sp1().dll("3.1.6001.66").signatures(1).facts(), RtmPolicy.UPGRADE);
        assertThat(fixedButLogged.action()).isEqualTo(Action.COMPLIANT);
        assertThat(fixedButLogged.reason()).contains("symptomatic: 1 fault signatures");
        assertThat(Classifier.classify(Server.sp1().facts(), RtmPolicy.UPGRADE).reason()).doesNotContain("symptomatic", "probe warning");
    }

    @Test
    void aFailedProbeNeedsReview() {
        ProbeResult failed = ProbeResult.failed(ProbeFailure.Kind.COMMAND_FAILED, "the PowerShell probe exited with code 1: x", 1);
        Classification c = Classifier.classify(failed, RtmPolicy.UPGRADE);
        assertThat(c.action()).isEqualTo(Action.NEEDS_REVIEW);
        assertThat(c.reason()).isEqualTo("probe failed (COMMAND_FAILED): the PowerShell probe exited with code 1: x");
        assertThat(Classifier.classify(ProbeResult.ok(Server.sp1().facts(), 1), RtmPolicy.UPGRADE).action()).isEqualTo(Action.INSTALL_KB);
    }
}
