package org.wsusremediator.simulator;

import java.util.List;

/**
 * The project's probe (scripts/probe.ps1), recognised by its first line and answered from host state exactly as
 * docs/probe-protocol.md specifies. Fault garbledOutput cuts the output in the middle (no END line); fault
 * commandFails makes PowerShell fail with an error record and exit code 1.
 */
final class ProbeScript implements PowerShellScript {

    static final String MARKER = "# wsus-remediator probe v1";

    @Override
    public int run(PowerShellCall call) {
        SimulatedHost host = call.host();
        if (host.hasFault(HostFault.COMMAND_FAILS)) {
            call.error(List.of(
                    "Get-ItemProperty : Requested registry access is not allowed.",
                    "At line:9 char:27",
                    "+     $setup = Get-ItemProperty <<<<  -Path $setupKey -ErrorAction Stop",
                    "    + CategoryInfo          : PermissionDenied: (HKEY_LOCAL_MACH...\\Server\\Setup:String) [Get-ItemProperty], SecurityException",
                    "    + FullyQualifiedErrorId : System.Security.SecurityException,Microsoft.PowerShell.Commands.GetItemPropertyCommand"));
            return 1;
        }
        String report = ProbeReport.render(host);
        if (host.hasFault(HostFault.GARBLED_OUTPUT)) {
            call.out(report.substring(0, report.length() / 2));
            return 0;
        }
        call.out(report);
        return 0;
    }
}
