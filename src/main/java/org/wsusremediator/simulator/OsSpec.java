package org.wsusremediator.simulator;


/**
 * The simulated operating system.
 *
 * @param caption Win32_OperatingSystem.Caption, e.g. "Microsoft Windows Server 2008 Enterprise"
 * @param version Win32_OperatingSystem.Version: 5.2.3790 (Server 2003), 6.0.6001 (2008 SP1), 6.1.7600 (2008 R2)
 */
public record OsSpec(String caption, WindowsVersion version) {

    public OsSpec {
        Checks.required("caption", caption);
        Checks.required("version", version);
        Checks.ascii("caption", caption);
    }

    /** reg.exe, whoami and friends print differently on NT 5.x (2003) than on 6.x (2008). */
    public boolean isServer2003() {
        return version.major() < 6;
    }
}
