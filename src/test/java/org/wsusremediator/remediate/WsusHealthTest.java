package org.wsusremediator.remediate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsusremediator.host.HealthCheck;
import org.wsusremediator.host.HealthReport;
import org.wsusremediator.probe.Architecture;
import org.wsusremediator.probe.Facts;
import org.wsusremediator.probe.MachineIdentity;
import org.wsusremediator.probe.ProbeMethod;
import org.wsusremediator.probe.RemoteShell;
import org.wsusremediator.probe.Version;

/**
 * How the health check reads what the host answers, independent of the display language: sc's state by its number
 * (a label translated, as a non-English sc may print it, changes nothing), the port from reg's DWORD, the web check by
 * its status number; and a host without PowerShell says NOT_CHECKED instead of passing silently.
 */
class WsusHealthTest {

    private static final String GERMAN_SC_RUNNING = """

            SERVICE_NAME: WsusService
                    TYP                : 10  WIN32_OWN_PROCESS
                    STATUS             : 4  RUNNING
                                            (STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN)
                    WIN32_EXITCODE     : 0  (0x0)
                    DIENST_EXITCODE    : 0  (0x0)
                    CHECKPOINT         : 0x0
                    WARTEHINWEIS       : 0x0
            """;

    private final List<String> sent = new ArrayList<>();

    private RemoteShell shell(Map<String, RemoteShell.CommandResult> answers) {
        return command -> {
            sent.add(command);
            return answers.entrySet().stream().filter(e -> command.startsWith(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(new RemoteShell.CommandResult(1, "", "unknown command"));
        };
    }

    private static Facts facts(String powerShell) {
        return new Facts(MachineIdentity.UNKNOWN, "Microsoft Windows Server 2008 Enterprise", Version.parse("6.0.6001"),
                Architecture.X64, powerShell, true, Version.parse("3.1.6001.65"), 1, "C:\\Program Files\\Update Services\\",
                false, null, Version.parse("3.1.6001.66"), null, 0, null, ProbeMethod.POWERSHELL, null);
    }

    private static Map<String, RemoteShell.CommandResult> answers(String w3svc, int w3svcExit, String web) {
        return Map.of(
                "sc query WsusService", new RemoteShell.CommandResult(0, GERMAN_SC_RUNNING, ""),
                "sc query W3SVC", new RemoteShell.CommandResult(w3svcExit, w3svc, ""),
                "reg query", new RemoteShell.CommandResult(0, "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services"
                        + "\\Server\\Setup\r\n    PortNumber    REG_DWORD    0x2152\r\n\r\n", ""),
                "powershell", new RemoteShell.CommandResult(0, web, ""));
    }

    @Test
    void statesAreReadByNumberAndThePortFromTheSetupKey() {
        HealthReport report = WsusHealth.check(shell(answers(GERMAN_SC_RUNNING.replace("WsusService", "W3SVC")
                .replace("4  RUNNING", "1  STOPPED"), 0, "WSUSHEALTH 1\r\nhealth.http=200\r\nhealth.error=\r\nEND\r\n")),
                facts("2.0"));

        assertThat(report.checks()).extracting(HealthCheck::name, HealthCheck::result).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dll", HealthCheck.Result.PASSED),
                org.assertj.core.groups.Tuple.tuple("WsusService", HealthCheck.Result.PASSED),
                org.assertj.core.groups.Tuple.tuple("W3SVC", HealthCheck.Result.FAILED),
                org.assertj.core.groups.Tuple.tuple("portNumber", HealthCheck.Result.PASSED),
                org.assertj.core.groups.Tuple.tuple("clientWebService", HealthCheck.Result.PASSED));
        assertThat(report.getPassed()).isFalse();
        assertThat(report.failures()).isEqualTo("W3SVC FAILED (STATE 1, stopped)");
        assertThat(report.checks().get(3).detail()).isEqualTo("8530");
        assertThat(report.checks().get(4).detail()).contains("http://localhost:8530/ClientWebService/client.asmx");
    }

    @Test
    void aMissingServiceAnErrorStatusAndNoAnswerFailNamed() {
        HealthReport notInstalled = WsusHealth.check(shell(answers("[SC] EnumQueryServicesStatus:OpenService FAILED 1060:",
                1060, "WSUSHEALTH 1\nhealth.http=503\nhealth.error=\nEND\n")), facts("2.0"));
        assertThat(notInstalled.failures()).contains("W3SVC FAILED (sc query exit 1060 (not installed))",
                "clientWebService FAILED (HTTP 503 from http://localhost:8530/ClientWebService/client.asmx)");

        HealthReport cut = WsusHealth.check(shell(answers(GERMAN_SC_RUNNING, 0, "WSUSHEALTH 1\nhealth.http=200\n")),
                facts("2.0"));
        assertThat(cut.failures()).contains("clientWebService FAILED (the check's output is incomplete");
    }

    @Test
    void withoutPowerShellTheWebCheckIsNotCheckedAndSaysSo() {
        HealthReport report = WsusHealth.check(shell(answers(GERMAN_SC_RUNNING, 0, "")), facts(null));

        assertThat(report.getPassed()).isTrue();
        assertThat(report.checks()).filteredOn(c -> c.name().equals("clientWebService")).singleElement()
                .satisfies(c -> assertThat(c.result()).isEqualTo(HealthCheck.Result.NOT_CHECKED));
        assertThat(report.describe()).contains("not checked: clientWebService NOT_CHECKED (no PowerShell");
        assertThat(sent).noneMatch(c -> c.startsWith("powershell"));
    }
}
