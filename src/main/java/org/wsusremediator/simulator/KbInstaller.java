package org.wsusremediator.simulator;


/**
 * What running a staged KB954960 package does (docs/remediation-protocol.md section 2). On NT 6.x (UAC) a process
 * without a full token, i.e. run directly over WinRM, fails with exit code 5 and {@code Access is denied.} and
 * changes nothing, as the first KB954960 package did. Elevated (a SYSTEM task) or on NT 5.x it sets the web
 * service DLL to 3.1.6001.66 and exits 0; faults installerExit1603 (nothing changes) and installerExit3010 (DLL
 * updated, reboot required, the host's pending-reboot flags set) change that, installerMixedDll leaves the DLL at 3.2.7600.226 (exit 0), installerNoChange exits 0 leaving the DLL as it was, and dropDuringInstall drops the connection of a direct run on NT 5.x
 * after the install took effect. Every run is recorded in {@link SimulatedHost#installerRuns()}.
 */
final class KbInstaller {

    static final WindowsVersion FIXED_DLL = WindowsVersion.parse("3.1.6001.66");
    /** What fault installerMixedDll leaves: WSUS 3.0 SP2's build of the DLL. */
    static final WindowsVersion SP2_DLL = WindowsVersion.parse("3.2.7600.226");
    static final int ACCESS_DENIED = 5;
    static final int FATAL_ERROR = 1603;
    static final int REBOOT_REQUIRED = 3010;

    private KbInstaller() {
    }

    /** Runs the staged package at {@code path} in the process {@code call} describes; returns its exit code. */
    static int run(CommandCall call, String path) {
        SimulatedHost host = call.host();
        String arguments = call.arguments().strip();
        boolean uac = !host.os().isServer2003();
        int code;
        if (uac && !call.elevated()) {
            call.errLine("Access is denied.");
            code = ACCESS_DENIED;
        } else if (host.hasFault(HostFault.INSTALLER_EXIT_1603)) {
            code = FATAL_ERROR;
        } else if (host.hasFault(HostFault.INSTALLER_NO_CHANGE)) {
            code = 0; // says it succeeded, changed nothing
        } else {
            host.setClientWebServiceDllVersion(host.hasFault(HostFault.INSTALLER_MIXED_DLL) ? SP2_DLL : FIXED_DLL);
            code = host.hasFault(HostFault.INSTALLER_EXIT_3010) ? REBOOT_REQUIRED : 0;
            if (code == REBOOT_REQUIRED) {
                host.markRebootPending();
            }
            if (!uac && host.hasFault(HostFault.DROP_DURING_INSTALL)) {
                host.requestConnectionDrop();
            }
        }
        host.recordInstallerRun(new InstallerRun(SimulatedFileSystem.normalize(path), arguments, call.user(), call.elevated(), code));
        return code;
    }
}
