package org.wsusremediator.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The fleet file's odd values are checked like the rest: a typo must not silently give a healthy host. */
class OddFleetSpecTest {

    private static String fleet(String hostLines) {
        return """
                accounts:
                  - username: LAB\\wsus-admin
                    passwordEnv: WSUS_LAB_PASSWORD
                hosts:
                  - name: odd
                    address: 127.65.7.1
                    os: { caption: "Microsoft Windows Server 2008 Enterprise", version: 6.0.6001 }
                    architecture: x64
                """ + hostLines;
    }

    @Test
    void oddValuesAreReadIntoTheRegistryAndFiles() {
        FleetFile f = FleetFile.parse(fleet("""
                    wsus: { versionString: 30106001, versionStringType: REG_DWORD, omit: [TargetDir] }
                    dllVersion: 3.1.6001.65
                    dllVersionString: "not a version"
                    fault: installerNoChange
                    faults: [installerExit3010, packageTampered]
                    locale: ja-JP
                """), "test");
        SimulatedHost host = new SimulatedHost(f.hosts().get(0), f.defaults());
        RegistryKey setup = host.registry().key(WindowsLayout.WSUS_SETUP_KEY).orElseThrow();
        assertThat(setup.value("VersionString").orElseThrow().regExeData()).isEqualTo("0x1cb6191");
        assertThat(setup.value("TargetDir")).isEmpty();
        assertThat(setup.value("InstallType")).isPresent();
        assertThat(host.hasFault(HostFault.INSTALLER_NO_CHANGE)).isTrue();
        assertThat(host.hasFault(HostFault.INSTALLER_EXIT_3010)).isTrue();
        assertThat(host.hasFault(HostFault.PACKAGE_TAMPERED)).isTrue();
        assertThat(host.fault()).isEqualTo(HostFault.INSTALLER_NO_CHANGE);
        assertThat(host.locale()).isEqualTo(HostLocale.JA_JP);
        assertThat(host.clientWebServiceDllVersion()).hasValue(WindowsVersion.parse("3.1.6001.65"));
    }

    @Test
    void mistakesAreRefusedWithTheirPlace() {
        assertThatThrownBy(() -> FleetFile.parse(fleet("    wsus: { versionString: 3.1.6001.65, omit: [Version] }\n"), "test"))
                .hasMessageContaining("omit: 'Version'");
        assertThatThrownBy(() -> FleetFile.parse(fleet("    wsus: { versionString: 3.1.x, versionStringType: REG_DWORD }\n"), "test"))
                .hasMessageContaining("is not a DWORD");
        assertThatThrownBy(() -> FleetFile.parse(fleet("    dllVersionInfo: false\n"), "test"))
                .hasMessageContaining("give dllVersion too");
        assertThatThrownBy(() -> FleetFile.parse(fleet("    locale: fr-FR\n"), "test")).hasMessageContaining("unknown locale 'fr-FR'");
    }
}
