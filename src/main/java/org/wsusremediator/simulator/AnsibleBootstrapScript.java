package org.wsusremediator.simulator;

/**
 * Ansible's module bootstrap (executor/powershell/bootstrap_wrapper.ps1), which every non-raw Windows module sends
 * first. Its opening lines refuse PowerShell before 3.0, and every simulated WSUS host has 1.0 or 2.0: so, as on
 * a real host, Ansible modules fail with that message while {@code -m raw} works. This simulator cannot run the
 * module payload on newer PowerShell either, and says so.
 */
final class AnsibleBootstrapScript implements PowerShellScript {

    static final String FIRST_LINE = "&chcp.com 65001 > $null";

    @Override
    public int run(PowerShellCall call) {
        String version = call.version();
        int major = version == null ? 1 : Integer.parseInt(version.substring(0, version.indexOf('.')));
        if (major < 3) {
            call.outLine("{\"failed\":true,\"msg\":\"Ansible requires PowerShell v3.0 or newer\"}");
        } else {
            call.outLine("{\"failed\":true,\"msg\":\"the WS-Management fleet simulator cannot run Ansible module payloads\"}");
        }
        return 1;
    }
}
