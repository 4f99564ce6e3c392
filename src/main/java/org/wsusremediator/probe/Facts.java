package org.wsusremediator.probe;

/**
 * What one probe read from a host (see docs/probe-protocol.md). Fields that the host did not have are null:
 * no Setup key means {@code versionString}, {@code installType}, {@code targetDir}, {@code dllPath} are null;
 * a missing DLL means {@code dllVersion} is null.
 *
 * @param machine           the machine's own identity (computer name, MachineGuid); never null, its parts may be
 * @param osCaption         Win32_OperatingSystem.Caption
 * @param osVersion         Win32_OperatingSystem.Version, e.g. 6.0.6001 (Server 2008) or 5.2.3790 (Server 2003)
 * @param architecture      the OS architecture
 * @param powerShellVersion Major.Minor, or null when the host has no PowerShell
 * @param wsusSetupPresent  whether HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup exists
 * @param versionString     the Setup key's VersionString
 * @param installType       the Setup key's InstallType (1 server, 2 console only)
 * @param targetDir         the Setup key's TargetDir
 * @param wsus2Product      whether WSUS 2.0's MSI product code is installed
 * @param dllPath           where Microsoft.UpdateServices.WebServices.Client.Dll was looked for
 * @param dllVersion        its file version, null when the file is missing
 * @param logPath           the SoftwareDistribution.log that was read, null when none exists
 * @param signatureCount    how many KB954960 fault signatures that log holds
 * @param signatureLast     the time stamp of the last one, null when none
 * @param rebootPending     the registry's restart-pending flags; {@link RebootPending#UNKNOWN} when none was read
 * @param lastBoot          when the host last started (Win32_OperatingSystem.LastBootUpTime), null when unknown
 * @param probeMethod       how the facts were read
 * @param probeWarning      a step the probe could not do (the rest of the facts stand), or null
 */
public record Facts(
        MachineIdentity machine,
        String osCaption,
        Version osVersion,
        Architecture architecture,
        String powerShellVersion,
        boolean wsusSetupPresent,
        Version versionString,
        Integer installType,
        String targetDir,
        boolean wsus2Product,
        String dllPath,
        Version dllVersion,
        String logPath,
        int signatureCount,
        String signatureLast,
        RebootPending rebootPending,
        BootTime lastBoot,
        ProbeMethod probeMethod,
        String probeWarning) {

    public Facts {
        machine = machine == null ? MachineIdentity.UNKNOWN : machine;
        rebootPending = rebootPending == null ? RebootPending.UNKNOWN : rebootPending;
    }

    /** Facts without the restart state (neither flags nor boot time read): as tests and older callers build them. */
    public Facts(MachineIdentity machine, String osCaption, Version osVersion, Architecture architecture,
                 String powerShellVersion, boolean wsusSetupPresent, Version versionString, Integer installType,
                 String targetDir, boolean wsus2Product, String dllPath, Version dllVersion, String logPath,
                 int signatureCount, String signatureLast, ProbeMethod probeMethod, String probeWarning) {
        this(machine, osCaption, osVersion, architecture, powerShellVersion, wsusSetupPresent, versionString, installType,
                targetDir, wsus2Product, dllPath, dllVersion, logPath, signatureCount, signatureLast, RebootPending.UNKNOWN,
                null, probeMethod, probeWarning);
    }

    /** Windows Server 2008 is NT 6.0: from there on UAC filters remote admin tokens. */
    public boolean hasUac() {
        return osVersion != null && osVersion.major() >= 6;
    }

    /** The server log shows the advisory's fault: GetSyncInfo + "Item has already been added". */
    public boolean symptomatic() {
        return signatureCount > 0;
    }
}
