package org.wsusremediator.simulator;

/** Registry keys and paths of a Windows/WSUS host that the probe reads (see docs/probe-protocol.md). */
public final class WindowsLayout {

    public static final String WSUS_SETUP_KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup";
    public static final String WSUS2_PRODUCT_CODE = "{A0D46DC6-8950-451A-8990-53C86E17666E}";
    public static final String WSUS2_PRODUCT_KEY =
            "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\" + WSUS2_PRODUCT_CODE;
    public static final String WINDOWS_NT_KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
    public static final String POWERSHELL_ENGINE_KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\PowerShell\\1\\PowerShellEngine";
    /** MachineGuid's key: in the 64-bit view only; a 32-bit process on x64 sees no such value (WOW6432Node). */
    public static final String CRYPTOGRAPHY_KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography";
    public static final String COMPUTER_NAME_KEY =
            "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName";
    public static final String ACTIVE_COMPUTER_NAME_KEY =
            "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ActiveComputerName";
    /** Present while Windows Update waits for a reboot (the key itself is the flag). */
    public static final String REBOOT_REQUIRED_KEY =
            "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired";
    /** Present while Component Based Servicing (Vista/Server 2008 and later) waits for a reboot. */
    public static final String CBS_REBOOT_PENDING_KEY =
            "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending";
    /** The WSUS service ("Update Services"), IIS's web publishing service, and WinRM, by service name. */
    public static final String WSUS_SERVICE = "WsusService";
    public static final String IIS_SERVICE = "W3SVC";
    public static final String WINRM_SERVICE = "WinRM";
    /** Holds PendingFileRenameOperations: files an installer could not replace in use, replaced at the next boot. */
    public static final String SESSION_MANAGER_KEY = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager";
    public static final String PROGRAM_FILES = "C:\\Program Files";
    /** Relative to TargetDir (with its trailing backslash). */
    public static final String CLIENT_WEB_SERVICE_DLL =
            "WebServices\\ClientWebService\\bin\\Microsoft.UpdateServices.WebServices.Client.Dll";
    public static final String LOG_FILE_NAME = "SoftwareDistribution.log";
    /** Where the probe looks for WSUS files when there is no Setup key. */
    public static final String DEFAULT_WSUS_DIR = PROGRAM_FILES + "\\Update Services\\";

    private WindowsLayout() {
    }

    static String withTrailingBackslash(String dir) {
        return dir.endsWith("\\") ? dir : dir + "\\";
    }
}
