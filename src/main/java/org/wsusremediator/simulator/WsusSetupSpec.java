package org.wsusremediator.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The values of {@code HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup}. Beside a healthy key the fleet file can
 * say what independent tests found real keys to hold: a VersionString that is not a version (any text), a
 * VersionString stored as a number (REG_DWORD), and values left out.
 *
 * @param versionString     VersionString as stored, e.g. 3.1.6001.65 (WSUS 3.0 SP1); any text, or a number when
 *                          {@code versionStringType} is REG_DWORD
 * @param versionStringType REG_SZ (default, as WSUS writes it) or REG_DWORD
 * @param installType       InstallType: 1 server, 2 console only; WSUS 2.0 used 32/64/128
 * @param targetDir         TargetDir, e.g. {@code C:\Program Files\Update Services\}; also where the DLL and the log
 *                          are put, even when the value itself is omitted
 * @param omit              value names left out of the key: VersionString, InstallType and/or TargetDir
 * @param portNumber        PortNumber: the port IIS serves WSUS's web services on, where the client web service answers
 *                          on the host itself (80, WSUS 3.0's default web site, unless set; 8530 for its own site)
 */
public record WsusSetupSpec(String versionString, RegistryValue.Type versionStringType, Integer installType, String targetDir,
                            List<String> omit, Integer portNumber) {

    public static final int DEFAULT_PORT_NUMBER = 80;

    public WsusSetupSpec(String versionString, RegistryValue.Type versionStringType, Integer installType, String targetDir,
            List<String> omit) {
        this(versionString, versionStringType, installType, targetDir, omit, null);
    }

    public static final String DEFAULT_TARGET_DIR = "C:\\Program Files\\Update Services\\";
    private static final Set<String> OMITTABLE = Set.of("VersionString", "InstallType", "TargetDir");

    public WsusSetupSpec {
        Checks.required("versionString", versionString);
        versionStringType = versionStringType == null ? RegistryValue.Type.REG_SZ : versionStringType;
        if (versionStringType != RegistryValue.Type.REG_SZ && versionStringType != RegistryValue.Type.REG_DWORD) {
            throw new IllegalArgumentException("versionStringType: " + versionStringType + " (expected REG_SZ or REG_DWORD)");
        }
        if (versionStringType == RegistryValue.Type.REG_DWORD && dword(versionString) == null) {
            throw new IllegalArgumentException("versionString: '" + versionString
                    + "' is not a DWORD (a decimal or 0x number up to 0xffffffff), as versionStringType REG_DWORD needs");
        }
        installType = installType == null ? 1 : installType;
        targetDir = targetDir == null ? DEFAULT_TARGET_DIR : targetDir;
        Checks.notNegative("installType", installType);
        Checks.windowsPath("targetDir", targetDir);
        omit = omit == null ? List.of() : List.copyOf(omit);
        portNumber = portNumber == null ? DEFAULT_PORT_NUMBER : portNumber;
        if (portNumber < 1 || portNumber > 65535) {
            throw new IllegalArgumentException("portNumber: " + portNumber + " (expected 1-65535)");
        }
        for (String name : omit) {
            if (!OMITTABLE.contains(name)) {
                throw new IllegalArgumentException("omit: '" + name + "' (expected VersionString, InstallType or TargetDir)");
            }
        }
    }

    /** A healthy key: VersionString as REG_SZ, every value present. */
    public WsusSetupSpec(WindowsVersion versionString, Integer installType, String targetDir) {
        this(versionString.toString(), null, installType, targetDir, null, null);
    }

    public boolean omits(String valueName) {
        return omit.contains(valueName);
    }

    /** VersionString as the registry holds it. */
    RegistryValue versionStringValue() {
        return versionStringType == RegistryValue.Type.REG_DWORD
                ? RegistryValue.dword("VersionString", dword(versionString))
                : RegistryValue.string("VersionString", versionString);
    }

    private static Long dword(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            long v = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            return v < 0 || v > 0xFFFFFFFFL ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
