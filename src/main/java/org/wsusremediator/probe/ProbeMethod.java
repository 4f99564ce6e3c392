package org.wsusremediator.probe;

/** How the facts were read: the PowerShell script, or cmd.exe tools where PowerShell is absent. */
public enum ProbeMethod {
    POWERSHELL, CMD_FALLBACK
}
