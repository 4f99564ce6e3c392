package org.wsusremediator.simulator;

import java.util.List;
import java.util.Optional;

/**
 * What scripts/probe.ps1 prints on a host (docs/probe-protocol.md section 1), computed from the host's current
 * registry and files with the same rules the script applies: so a host changed at run time (DLL replaced, log
 * grown) probes differently, and the cmd.exe fallback reads the very same state.
 */
public final class ProbeReport {

    private static final int SIGNATURE_WINDOW = 10;

    private ProbeReport() {
    }

    public static String render(SimulatedHost host) {
        StringBuilder b = new StringBuilder();
        line(b, "WSUSPROBE 1");
        line(b, "os.caption=" + host.os().caption());
        line(b, "os.version=" + host.os().version());
        line(b, "os.arch=" + host.architecture().label());
        line(b, "ps.version=" + (host.powerShellVersion() == null ? "1.0" : host.powerShellVersion()));
        Optional<RegistryKey> setup = host.registry().key(WindowsLayout.WSUS_SETUP_KEY);
        line(b, "wsus.setup=" + (setup.isPresent() ? "present" : "absent"));
        String base;
        if (setup.isPresent()) {
            RegistryKey key = setup.get();
            String targetDir = key.value("TargetDir").map(RegistryValue::displayData).orElse("");
            line(b, "wsus.versionString=" + key.value("VersionString").map(RegistryValue::displayData).orElse(""));
            line(b, "wsus.installType=" + key.value("InstallType").map(RegistryValue::displayData).orElse(""));
            line(b, "wsus.targetDir=" + targetDir);
            base = WindowsLayout.withTrailingBackslash(targetDir);
        } else {
            base = WindowsLayout.DEFAULT_WSUS_DIR;
        }
        line(b, "wsus2.product=" + (host.registry().exists(WindowsLayout.WSUS2_PRODUCT_KEY) ? "present" : "absent"));
        if (setup.isPresent()) {
            String dll = base + WindowsLayout.CLIENT_WEB_SERVICE_DLL;
            line(b, "dll.path=" + dll);
            line(b, "dll.version=" + host.files().get(dll)
                    .map(f -> f.fileVersion() == null ? "missing" : f.fileVersion().toString())
                    .orElse("missing"));
        }
        Optional<String> logPath = List.of(base + "LogFiles\\" + WindowsLayout.LOG_FILE_NAME,
                        base + "Log Files\\" + WindowsLayout.LOG_FILE_NAME).stream()
                .filter(p -> host.files().exists(p))
                .findFirst();
        if (logPath.isEmpty()) {
            line(b, "log.path=none");
            line(b, "log.signatureCount=0");
            line(b, "log.signatureLast=");
        } else {
            Signatures s = scan(host.files().get(logPath.get()).map(SimulatedFile::content).orElse(""));
            line(b, "log.path=" + logPath.get());
            line(b, "log.signatureCount=" + s.count());
            line(b, "log.signatureLast=" + s.last());
        }
        line(b, "machine.name=" + host.environment().getOrDefault("COMPUTERNAME", ""));
        // A missing value reads as $null in PowerShell: the line is printed empty, without an error.
        line(b, "machine.guid=" + (host.machineGuid() == null ? "" : host.machineGuid()));
        // Test-Path of the two keys, [bool] of PendingFileRenameOperations: PowerShell prints True or False.
        line(b, "reboot.rebootRequired=" + bool(host.rebootRequiredKey()));
        line(b, "reboot.cbsRebootPending=" + bool(host.cbsRebootPendingKey()));
        line(b, "reboot.pendingFileRename=" + bool(host.pendingFileRenames()));
        line(b, "boot.last=" + host.lastBootCim());
        line(b, "END");
        return b.toString();
    }

    /** How many signatures a log holds and the time stamp (first 23 characters) of the last one. */
    public record Signatures(int count, String last) {
    }

    /** A line with "Item has already been added" followed within 10 lines by one with "GetSyncInfo". */
    public static Signatures scan(String log) {
        String[] lines = log.split("\r?\n");
        int count = 0;
        String last = "";
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].contains("Item has already been added")) {
                continue;
            }
            for (int j = i + 1; j <= i + SIGNATURE_WINDOW && j < lines.length; j++) {
                if (lines[j].contains("GetSyncInfo")) {
                    count++;
                    last = lines[i].length() >= 23 ? lines[i].substring(0, 23) : lines[i];
                    break;
                }
            }
        }
        return new Signatures(count, last);
    }

    private static String bool(boolean value) {
        return value ? "True" : "False";
    }

    private static void line(StringBuilder b, String text) {
        b.append(text).append("\r\n");
    }
}
