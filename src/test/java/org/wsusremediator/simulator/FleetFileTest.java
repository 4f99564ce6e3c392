package org.wsusremediator.simulator;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetFileTest {

    private static final String HEADER = """
            defaults: { port: 55985, latencyMs: 5 }
            accounts:
              - { username: LAB\\wsus-admin, passwordEnv: WSUS_LAB_PASSWORD }
            hosts:
            """;

    @Test
    void readsTheLabFleet() {
        FleetFile fleet = FleetFile.load(Path.of("inventory/lab-fleet.yaml"));

        assertThat(fleet.defaults().port()).isEqualTo(55985);
        assertThat(fleet.defaults().latencyMs()).isEqualTo(20);
        assertThat(fleet.accounts()).containsExactly(new AccountSpec("LAB\\wsus-admin", "WSUS_LAB_PASSWORD"));
        assertThat(fleet.hosts()).hasSize(33);
        SimulatedHostSpec first = fleet.hosts().get(0);
        assertThat(first.name()).isEqualTo("sp1-2008-x64");
        assertThat(first.address()).isEqualTo("127.54.0.11");
        assertThat(first.os().version()).isEqualTo(WindowsVersion.parse("6.0.6001"));
        assertThat(first.architecture()).isEqualTo(WindowsArchitecture.X64);
        assertThat(first.powershell()).isEqualTo("2.0");
        assertThat(first.wsus().targetDir()).isEqualTo("C:\\Program Files\\Update Services\\");
        assertThat(first.log().signatures()).isEqualTo(3);
        assertThat(first.wsmanStack()).isEqualTo(WsmanStack.V2_0);
        assertThat(first.fault()).isEqualTo(HostFault.NONE);
        assertThat(fleet.hosts()).extracting(SimulatedHostSpec::address)
                .allMatch(a -> a.startsWith("127.54.0."));
        SimulatedHostSpec noPs = fleet.hosts().stream().filter(h -> h.name().equals("sp1-nops-2003")).findFirst().orElseThrow();
        assertThat(noPs.powershell()).isNull();
        assertThat(noPs.log().folder()).isEqualTo(LogFolder.LOG_FILES_WITH_SPACE);
        assertThat(fleet.hosts()).filteredOn(h -> h.fault() != HostFault.NONE).hasSize(14);
    }

    @Test
    void everyHostHasAMachineIdentityGivenOrDerivedAndTwoMayShareOne() {
        String yaml = HEADER + """
                  - { name: wsus.east_1, address: 127.1.0.1, os: { caption: X, version: 6.0.6001 }, architecture: x64 }
                  - { name: b, address: 127.1.0.2, os: { caption: X, version: 6.0.6001 }, architecture: x64,
                      computerName: WSUS1, machineGuid: 6B29FC40-CA47-1067-B31D-00DD010662DA }
                  - { name: c, address: 127.1.0.3, os: { caption: X, version: 6.0.6001 }, architecture: x64,
                      computerName: WSUS1, machineGuid: 6b29fc40-ca47-1067-b31d-00dd010662da }
                """;
        FleetFile fleet = FleetFile.parse(yaml, "ids.yaml");
        SimulatedHostSpec derived = fleet.hosts().get(0);
        assertThat(derived.computerName()).isEqualTo("WSUS-EAST-1");
        assertThat(derived.machineGuid()).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
                .isEqualTo(FleetFile.parse(yaml, "again.yaml").hosts().get(0).machineGuid())
                .isNotEqualTo(SimulatedHostSpec.defaultMachineGuid("b"));
        assertThat(fleet.hosts().get(1).machineGuid()).isEqualTo(fleet.hosts().get(2).machineGuid())
                .isEqualTo("6b29fc40-ca47-1067-b31d-00dd010662da");

        assertThatThrownBy(() -> FleetFile.parse(yaml.replace("machineGuid: 6B29FC40", "machineGuid: {6B29FC40"), "bad.yaml"))
                .hasMessageContaining("machineGuid");
        assertThatThrownBy(() -> FleetFile.parse(yaml.replace("computerName: WSUS1, machineGuid: 6B", "computerName: A-NAME-LONGER-THAN-15, machineGuid: 6B"), "bad.yaml"))
                .hasMessageStartingWith("bad.yaml: hosts[1] (b).computerName: 'A-NAME-LONGER-THAN-15' is not a NetBIOS computer name");
    }

    @Test
    void unknownFieldIsRejectedWithFileAndField() {
        String yaml = HEADER + """
                  - name: a
                    address: 127.1.0.1
                    os: { caption: X, version: 6.0.6001, servicePack: 2 }
                    architecture: x64
                """;
        assertThatThrownBy(() -> FleetFile.parse(yaml, "bad.yaml"))
                .isInstanceOf(FleetFileException.class)
                .hasMessageStartingWith("bad.yaml: hosts[0] (a).os.servicePack: unknown field")
                .hasMessageContaining("known fields: caption, version");
    }

    @Test
    void badValuesNameTheField() {
        String badVersion = HEADER + """
                  - { name: a, address: 127.1.0.1, os: { caption: X, version: 6.0.6001 }, architecture: x64, dllVersion: 3.1.x }
                """;
        assertThatThrownBy(() -> FleetFile.parse(badVersion, "f.yaml"))
                .hasMessageStartingWith("f.yaml: hosts[0] (a).dllVersion: not a version");

        String badArch = HEADER + """
                  - { name: a, address: 127.1.0.1, os: { caption: X, version: 6.0.6001 }, architecture: arm }
                """;
        assertThatThrownBy(() -> FleetFile.parse(badArch, "f.yaml"))
                .hasMessageStartingWith("f.yaml: hosts[0] (a).architecture: unknown architecture 'arm'");

        String badFault = HEADER + """
                  - { name: a, address: 127.1.0.1, os: { caption: X, version: 6.0.6001 }, architecture: x86, fault: explode }
                """;
        assertThatThrownBy(() -> FleetFile.parse(badFault, "f.yaml"))
                .hasMessageStartingWith("f.yaml: hosts[0] (a).fault: ")
                .hasMessageContaining("unknown fault 'explode'");

        String notLoopback = HEADER + """
                  - { name: a, address: 10.0.0.1, os: { caption: X, version: 6.0.6001 }, architecture: x86 }
                """;
        assertThatThrownBy(() -> FleetFile.parse(notLoopback, "f.yaml"))
                .hasMessageStartingWith("f.yaml: hosts[0] (a).address: 10.0.0.1 is not a loopback address");

        String missingOs = HEADER + """
                  - { name: a, address: 127.1.0.1, architecture: x86 }
                """;
        assertThatThrownBy(() -> FleetFile.parse(missingOs, "f.yaml"))
                .hasMessageStartingWith("f.yaml: hosts[0] (a).os: required");

        String signaturesWithoutTime = HEADER + """
                  - { name: a, address: 127.1.0.1, os: { caption: X, version: 6.0.6001 }, architecture: x86, log: { signatures: 2 } }
                """;
        assertThatThrownBy(() -> FleetFile.parse(signaturesWithoutTime, "f.yaml"))
                .hasMessageStartingWith("f.yaml: hosts[0] (a).log.lastSignature: required when signatures > 0");
    }

    /** Issue 14: the restart fields of a host, and their mistakes named by field. */
    @Test
    void restartFieldsAreReadAndChecked() {
        FleetFile fleet = FleetFile.parse(HEADER + """
                  - { name: a, address: 127.1.0.1, os: { caption: X, version: 6.0.6001 }, architecture: x64,
                      rebootPending: { rebootRequired: true }, lastBoot: "2008-07-01T22:15:00+02:00",
                      restart: { downSeconds: 5 }, faults: [ restartWinRmLate, restartWsusStopped ] }
                  - { name: b, address: 127.1.0.2, os: { caption: X, version: 5.2.3790 }, architecture: x86 }
                """, "f.yaml");
        SimulatedHostSpec a = fleet.hosts().get(0);
        assertThat(a.rebootPending()).isEqualTo(new RebootPendingSpec(true, false, false));
        assertThat(a.lastBoot()).isEqualTo("2008-07-01T20:15:00Z");
        assertThat(a.restart()).isEqualTo(new RestartSpec(5, RestartSpec.DEFAULT_WINRM_LATE_SECONDS));
        assertThat(a.allFaults()).containsExactly(HostFault.RESTART_WINRM_LATE, HostFault.RESTART_WSUS_STOPPED);
        SimulatedHostSpec b = fleet.hosts().get(1);
        assertThat(b.rebootPending()).isEqualTo(RebootPendingSpec.NONE);
        assertThat(b.lastBoot()).isEqualTo("2008-06-14T02:00:00Z");
        assertThat(b.restart()).isEqualTo(new RestartSpec(20, 30));

        assertThatThrownBy(() -> FleetFile.parse(HEADER + """
                  - { name: a, address: 127.1.0.1, os: { caption: X, version: 5.2.3790 }, architecture: x86,
                      rebootPending: { cbsRebootPending: true } }
                """, "f.yaml")).hasMessageStartingWith("f.yaml: hosts[0] (a).rebootPending: cbsRebootPending is a Vista/Server 2008 key");
        assertThatThrownBy(() -> FleetFile.parse(HEADER + """
                  - { name: a, address: 127.1.0.1, os: { caption: X, version: 6.0.6001 }, architecture: x64, lastBoot: yesterday }
                """, "f.yaml")).hasMessageStartingWith("f.yaml: hosts[0] (a).lastBoot: 'yesterday' is not an instant");
        assertThatThrownBy(() -> FleetFile.parse(HEADER + """
                  - { name: a, address: 127.1.0.1, os: { caption: X, version: 6.0.6001 }, architecture: x64, restart: { downSecs: 1 } }
                """, "f.yaml")).hasMessageContaining("unknown field").hasMessageContaining("downSeconds, winrmLateSeconds");
        assertThatThrownBy(() -> FleetFile.parse(HEADER + """
                  - { name: a, address: 127.1.0.1, os: { caption: X, version: 6.0.6001 }, architecture: x64, fault: restartLater }
                """, "f.yaml")).hasMessageContaining("restartNeverComesBack, restartWinRmLate, restartWsusStopped");
    }

    @Test
    void duplicateEndpointsAndNamesAreRejected() {
        String yaml = HEADER + """
                  - { name: a, address: 127.1.0.1, os: { caption: X, version: 6.0.6001 }, architecture: x86 }
                  - { name: b, address: 127.1.0.1, os: { caption: X, version: 6.0.6001 }, architecture: x86 }
                """;
        assertThatThrownBy(() -> FleetFile.parse(yaml, "f.yaml"))
                .hasMessageStartingWith("f.yaml: hosts[1] (b).address: 127.1.0.1:55985 is already used by hosts[0] (a)");

        String sameName = HEADER + """
                  - { name: a, address: 127.1.0.1, os: { caption: X, version: 6.0.6001 }, architecture: x86 }
                  - { name: A, address: 127.1.0.2, os: { caption: X, version: 6.0.6001 }, architecture: x86 }
                """;
        assertThatThrownBy(() -> FleetFile.parse(sameName, "f.yaml"))
                .hasMessageStartingWith("f.yaml: hosts[1].name: 'A' is already used by hosts[0]");
    }

    @Test
    void syntaxErrorsAndEmptyFilesAreReported() {
        assertThatThrownBy(() -> FleetFile.parse("hosts: [ {", "x.yaml"))
                .hasMessageStartingWith("x.yaml: not valid YAML");
        assertThatThrownBy(() -> FleetFile.parse("", "x.yaml"))
                .hasMessageStartingWith("x.yaml: the file is empty");
        assertThatThrownBy(() -> FleetFile.parse("hosts: []", "x.yaml"))
                .hasMessageStartingWith("x.yaml: accounts: at least one account is required");
    }

    @Test
    void buildsGeneratedFleets() {
        FleetFile fleet = FleetFile.builder()
                .port(55985).latencyMs(50)
                .account("LAB\\wsus-admin", "WSUS_LAB_PASSWORD")
                .generateHosts(300, "127.100.0.250", "bench-", b -> b)
                .build();
        assertThat(fleet.hosts()).hasSize(300);
        assertThat(fleet.hosts().get(0).name()).isEqualTo("bench-000");
        assertThat(fleet.hosts().get(0).address()).isEqualTo("127.100.0.250");
        assertThat(fleet.hosts().get(6).address()).isEqualTo("127.100.1.0");
        assertThat(fleet.hosts().get(299).address()).isEqualTo("127.100.2.37");
        assertThat(fleet.hosts().get(0).effectiveLatencyMs(fleet.defaults())).isEqualTo(50);
    }
}
