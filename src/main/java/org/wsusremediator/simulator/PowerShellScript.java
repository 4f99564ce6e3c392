package org.wsusremediator.simulator;

/**
 * A PowerShell script the simulated hosts recognise by its first line (e.g. the probe) and answer from host
 * state instead of interpreting it. Returns powershell.exe's exit code.
 */
@FunctionalInterface
public interface PowerShellScript {

    int run(PowerShellCall call);
}
