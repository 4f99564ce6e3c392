package org.wsusremediator.simulator;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class PowerShellTest {

    static String encoded(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    static String probeLine() {
        return "powershell -NoProfile -NonInteractive -EncodedCommand " + encoded("# wsus-remediator probe v1\r\n$x = 1\r\n") + " <NUL";
    }

    @Test
    void probeOnVulnerableHostMatchesTheProtocolDocument() {
        ExecutionResult r = LabHosts.run("sp1-2008-x64", probeLine());

        assertThat(r.stdout()).isEqualTo("WSUSPROBE 1\r\n"
                + "os.caption=Microsoft Windows Server 2008 Enterprise\r\n"
                + "os.version=6.0.6001\r\n"
                + "os.arch=x64\r\n"
                + "ps.version=2.0\r\n"
                + "wsus.setup=present\r\n"
                + "wsus.versionString=3.1.6001.65\r\n"
                + "wsus.installType=1\r\n"
                + "wsus.targetDir=C:\\Program Files\\Update Services\\\r\n"
                + "wsus2.product=absent\r\n"
                + "dll.path=C:\\Program Files\\Update Services\\WebServices\\ClientWebService\\bin\\Microsoft.UpdateServices.WebServices.Client.Dll\r\n"
                + "dll.version=3.1.6001.65\r\n"
                + "log.path=C:\\Program Files\\Update Services\\LogFiles\\SoftwareDistribution.log\r\n"
                + "log.signatureCount=3\r\n"
                + "log.signatureLast=2008-06-14 02:59:57.642\r\n"
                + "machine.name=SP1-2008-X64\r\n"
                + "machine.guid=4c4c4544-0031-3510-8052-b2c04f4b3532\r\n"
                + "reboot.rebootRequired=False\r\n"
                + "reboot.cbsRebootPending=False\r\n"
                + "reboot.pendingFileRename=False\r\n"
                + "boot.last=20080614020000.000000+000\r\n"
                + "END\r\n");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void probeReflectsEachLabHost() {
        assertThat(LabHosts.run("no-wsus-2008", probeLine()).stdout())
                .contains("wsus.setup=absent\r\nwsus2.product=absent\r\nlog.path=none\r\nlog.signatureCount=0\r\nlog.signatureLast=\r\n"
                        + "machine.name=NO-WSUS-2008\r\nmachine.guid=" + SimulatedHostSpec.defaultMachineGuid("no-wsus-2008") + "\r\n")
                .doesNotContain("dll.");
        assertThat(LabHosts.run("rtm-2008-upgrade", probeLine()).stdout()).contains("ps.version=1.0\r\n");
        assertThat(LabHosts.run("rtm-2003-workaround", probeLine()).stdout())
                .contains("os.arch=x86\r\n")
                .contains("log.path=C:\\Program Files\\Update Services\\Log Files\\SoftwareDistribution.log\r\n")
                .contains("log.signatureCount=2\r\nlog.signatureLast=2008-06-20 08:15:42,317\r\n");
        assertThat(LabHosts.run("sp1-dll-missing", probeLine()).stdout()).contains("dll.version=missing\r\n");
        assertThat(LabHosts.run("console-only-2008", probeLine()).stdout()).contains("wsus.installType=2\r\n")
                .contains("dll.version=missing\r\nlog.path=none\r\n");
        assertThat(LabHosts.run("sp1-ia64", probeLine()).stdout()).contains("os.arch=ia64\r\n");
        assertThat(ProbeReport.render(LabHosts.host("wsus2-2003")))
                .contains("wsus.versionString=2.0.0.2620\r\nwsus.installType=32\r\n")
                .contains("wsus2.product=present\r\n");
    }

    @Test
    void probeSeesRunTimeChanges() {
        SimulatedHost host = LabHosts.host("sp1-2008-x64");
        host.setClientWebServiceDllVersion(WindowsVersion.parse("3.1.6001.66"));
        assertThat(CmdInterpreter.run(LabHosts.shell(host), probeLine(), "").stdout()).contains("dll.version=3.1.6001.66\r\n");
    }

    @Test
    void garbledAndFailingProbes() {
        ExecutionResult garbled = LabHosts.run("garbled-output", probeLine());
        assertThat(garbled.stdout()).startsWith("WSUSPROBE 1\r\n").doesNotContain("END");
        assertThat(garbled.exitCode()).isZero();

        ExecutionResult fails = LabHosts.run("probe-fails", probeLine());
        assertThat(fails.stdout()).isEmpty();
        assertThat(fails.stderr()).startsWith("#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\"><S S=\"Error\">Get-ItemProperty : Requested registry access is not allowed._x000D__x000A_</S>")
                .contains("&lt;&lt;&lt;&lt;")
                .endsWith("</Objs>");
        assertThat(fails.exitCode()).isEqualTo(1);
    }

    @Test
    void simpleScriptsFromIndependentClients() {
        assertThat(LabHosts.run("sp1-2008-x64", "PowerShell -NoProfile -NonInteractive -ExecutionPolicy Unrestricted -EncodedCommand " + encoded("hostname")).stdout())
                .isEqualTo("sp1-2008-x64\r\n");
        assertThat(LabHosts.run("sp1-2008-x64", "powershell -encodedcommand " + encoded("Write-Output 'hello world'; echo a b")).stdout())
                .isEqualTo("hello world\r\na\r\nb\r\n");
        assertThat(LabHosts.run("sp1-2008-x64", "powershell -enc " + encoded("$PSVersionTable.PSVersion")).stdout())
                .isEqualTo("\r\nMajor  Minor  Build  Revision\r\n-----  -----  -----  --------\r\n2      0      -1     -1      \r\n\r\n\r\n");
        assertThat(LabHosts.run("rtm-2008-upgrade", "powershell -enc " + encoded("$PSVersionTable.PSVersion")).stdout()).isEmpty();
        assertThat(LabHosts.run("sp1-2008-x64", "powershell -Command \"$env:COMPUTERNAME\"").stdout()).isEqualTo("SP1-2008-X64\r\n");
        assertThat(LabHosts.run("sp1-2008-x64", "powershell -enc " + encoded("whoami\nexit 4")).exitCode()).isEqualTo(4);
    }

    @Test
    void unknownTermsGetPowerShellsError() {
        ExecutionResult r = LabHosts.run("sp1-2008-x64", "powershell -enc " + encoded("Get-Frobnicator -Now"));
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + "<S S=\"Error\">The term 'Get-Frobnicator' is not recognized as the name of a cmdlet, function, script file, or operable program. "
                + "Check the spelling of the name, or if a path was included, verify that the path is correct and try again._x000D__x000A_</S>"
                + "<S S=\"Error\">At line:1 char:16_x000D__x000A_</S>"
                + "<S S=\"Error\">+ Get-Frobnicator &lt;&lt;&lt;&lt;  -Now_x000D__x000A_</S>"
                + "<S S=\"Error\">    + CategoryInfo          : ObjectNotFound: (Get-Frobnicator:String) [], CommandNotFoundException_x000D__x000A_</S>"
                + "<S S=\"Error\">    + FullyQualifiedErrorId : CommandNotFoundException_x000D__x000A_</S></Objs>");
        assertThat(r.exitCode()).isEqualTo(1);
    }
}
