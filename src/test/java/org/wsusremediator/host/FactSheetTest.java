package org.wsusremediator.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsusremediator.probe.Architecture;
import org.wsusremediator.probe.BootTime;
import org.wsusremediator.probe.RebootPending;
import org.wsusremediator.probe.Facts;
import org.wsusremediator.probe.MachineIdentity;
import org.wsusremediator.probe.ProbeMethod;
import org.wsusremediator.probe.Version;

class FactSheetTest {

    private static final Facts FACTS = new Facts(new MachineIdentity("wsus01", "3F2504E0-4F89-11D3-9A0C-0305E82C3301"),
            "Microsoft Windows Server 2008 Enterprise", Version.parse("6.0.6001"), Architecture.X64, "2.0", true,
            Version.parse("3.1.6001.65"), 1, "C:\\Program Files\\Update Services\\", false, "C:\\x.dll",
            Version.parse("3.1.6001.65"), "C:\\log", 3, "2008-06-14 02:59:57.642", ProbeMethod.POWERSHELL, null);

    @Test
    void theSheetNamesWhatTheProbeReadAndGivesTheSameFingerprintAfterTheStore() {
        FactSheet sheet = FactSheet.of(FACTS);
        assertThat(sheet.values()).containsEntry("computer_name", "WSUS01")
                .containsEntry("machine_guid", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
                .containsEntry("wsus_version", "3.1.6001.65").containsEntry("dll_version", "3.1.6001.65")
                .containsEntry("os_caption", "Microsoft Windows Server 2008 Enterprise").containsEntry("os_version", "6.0.6001")
                .containsEntry("powershell_version", "2.0").containsEntry("install_type", 1)
                .containsEntry("wsus_setup_present", true).containsEntry("signature_count", 3)
                .containsEntry("probe_method", "POWERSHELL").containsEntry("probe_warning", null);
        FactSheet stored = FactSheet.fromJson(sheet.toJson());
        assertThat(stored).isEqualTo(sheet);
        assertThat(stored.fingerprint()).isEqualTo(Fingerprint.of(FACTS));
        assertThat(stored.matches(Fingerprint.of(FACTS))).isTrue();
        assertThat(FactSheet.of(null)).isNull();
    }

    @Test
    void anEditedDecidingFactNoLongerMatchesTheFingerprintAnEditedLogCountStillDoes() {
        String fingerprint = Fingerprint.of(FACTS);
        Map<String, Object> edited = new HashMap<>(FactSheet.of(FACTS).values());
        edited.put("dll_version", "3.1.6001.66");
        assertThat(new FactSheet(edited).matches(fingerprint)).isFalse();
        Map<String, Object> log = new HashMap<>(FactSheet.of(FACTS).values());
        log.put("signature_count", 99);
        assertThat(new FactSheet(log).matches(fingerprint)).as("the fingerprint leaves the log out on purpose").isTrue();
        assertThat(FactSheet.deciding("dll_version")).isTrue();
        assertThat(FactSheet.deciding("signature_count")).isFalse();
    }

    /** Issue 14: a pending restart and the boot time are kept to inform, and bind nothing (a restart changes both). */
    @Test
    void theRestartFactsAreKeptButNotFingerprinted() {
        Facts pending = new Facts(FACTS.machine(), FACTS.osCaption(), FACTS.osVersion(), FACTS.architecture(),
                FACTS.powerShellVersion(), true, FACTS.versionString(), 1, FACTS.targetDir(), false, FACTS.dllPath(),
                FACTS.dllVersion(), FACTS.logPath(), 3, FACTS.signatureLast(), new RebootPending(true, null, true),
                BootTime.parseCim("20080614040000.000000+120"), ProbeMethod.POWERSHELL, null);
        Facts restarted = new Facts(FACTS.machine(), FACTS.osCaption(), FACTS.osVersion(), FACTS.architecture(),
                FACTS.powerShellVersion(), true, FACTS.versionString(), 1, FACTS.targetDir(), false, FACTS.dllPath(),
                FACTS.dllVersion(), FACTS.logPath(), 3, FACTS.signatureLast(), RebootPending.NONE,
                BootTime.parseCim("20081201120000.000000+000"), ProbeMethod.POWERSHELL, null);
        FactSheet sheet = FactSheet.of(pending);
        assertThat(sheet.values()).containsEntry("reboot_pending", "true")
                .containsEntry("reboot_pending_flags", "RebootRequired, PendingFileRenameOperations")
                .containsEntry("last_boot", "2008-06-14T02:00:00Z");
        assertThat(FactSheet.of(restarted).values()).containsEntry("reboot_pending", "false")
                .containsEntry("reboot_pending_flags", null).containsEntry("last_boot", "2008-12-01T12:00:00Z");
        assertThat(FactSheet.of(FACTS).values()).containsEntry("reboot_pending", "unknown").containsEntry("last_boot", null);
        assertThat(Fingerprint.of(pending)).isEqualTo(Fingerprint.of(restarted)).isEqualTo(Fingerprint.of(FACTS));
        assertThat(FactSheet.fromJson(sheet.toJson())).isEqualTo(sheet);
        assertThat(FactSheet.deciding("reboot_pending")).isFalse();
        assertThat(FactSheet.deciding("reboot_pending_flags")).isFalse();
        assertThat(FactSheet.deciding("last_boot")).isFalse();
    }
}
