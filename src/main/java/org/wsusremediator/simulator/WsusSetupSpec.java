package org.wsusremediator.simulator;


/**
 * The values of {@code HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup}.
 *
 * @param versionString VersionString, e.g. 3.1.6001.65 (WSUS 3.0 SP1)
 * @param installType   InstallType: 1 server, 2 console only; WSUS 2.0 used 32/64/128
 * @param targetDir     TargetDir, e.g. {@code C:\Program Files\Update Services\}
 */
public record WsusSetupSpec(WindowsVersion versionString, Integer installType, String targetDir) {

    public static final String DEFAULT_TARGET_DIR = "C:\\Program Files\\Update Services\\";

    public WsusSetupSpec {
        Checks.required("versionString", versionString);
        installType = installType == null ? 1 : installType;
        targetDir = targetDir == null ? DEFAULT_TARGET_DIR : targetDir;
        Checks.notNegative("installType", installType);
        Checks.windowsPath("targetDir", targetDir);
    }
}
