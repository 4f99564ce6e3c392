package org.wsusremediator.simulator;


import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One simulated WSUS host as the fleet file describes it: the starting state of a {@link SimulatedHost}.
 * Omitted optional parts mean "absent on the host" (no PowerShell, no WSUS Setup key, DLL missing, no log).
 *
 * @param name         host name (what {@code hostname} prints)
 * @param computerName the NetBIOS computer name ({@code %COMPUTERNAME%}); default: the name in upper case, cut to 15
 * @param machineGuid  {@code HKLM\SOFTWARE\Microsoft\Cryptography} MachineGuid, lower case as Windows writes it;
 *                     default: a GUID derived from the name, so a fleet file gives the same GUIDs on every run.
 *                     Two hosts may share one: one machine answering at two addresses, or a clone made without sysprep
 * @param address      its own loopback address (127.0.0.0/8)
 * @param port         overrides the fleet default port
 * @param os           caption and version
 * @param architecture x86, x64 or ia64
 * @param powershell   PowerShell version as Major.Minor ("1.0", "2.0"), null = not installed
 * @param wsus         the WSUS Setup registry key, null = absent
 * @param wsus2Product whether WSUS 2.0's MSI product code is registered
 * @param dllVersion   file version of Microsoft.UpdateServices.WebServices.Client.Dll under TargetDir, null = missing
 * @param log          SoftwareDistribution.log, null = none
 * @param wsmanStack   WinRM 1.1 or 2.0 (default 2.0)
 * @param latencyMs    overrides the fleet default latency
 * @param fault        deliberate misbehaviour (default none)
 * @param winrm        the WinRM service's authentication, encryption and listeners; unset fields take the fleet's
 *                     defaults, then stock Windows ({@link WinRmServiceSpec})
 * @param locale       the display language of its console tools and its OEM code page (default en-US)
 * @param dllVersionString the DLL's FileVersion string when it differs from {@code dllVersion} (any text, e.g. one
 *                     that is not a version); what wmic prints, while PowerShell reads the numeric dllVersion
 * @param dllVersionInfo false for a DLL built without version information (PowerShell reads 0.0.0.0, wmic an
 *                     empty Version); default true
 * @param faults       further deliberate faults, all in force together with {@code fault}
 * @param certutilSha256 whether {@code certutil -hashfile FILE SHA256} works; default: not on Server 2003 (NT 5.x),
 *                     yes on later Windows (a guess for 2003, docs/simulator-legacy-windows.md)
 * @param rebootPending the restart-pending flags the host starts with; default none
 * @param lastBoot     when the host last started (ISO-8601 instant, e.g. 2008-06-14T02:00:00Z); default
 *                     {@link #DEFAULT_LAST_BOOT}, the same on every run. A simulated restart sets it to the time of the boot
 * @param restart      how the host restarts (downtime, late WinRM); default {@link RestartSpec#DEFAULT}
 */
public record SimulatedHostSpec(
        String name,
        String address,
        String computerName,
        String machineGuid,
        Integer port,
        OsSpec os,
        WindowsArchitecture architecture,
        String powershell,
        WsusSetupSpec wsus,
        Boolean wsus2Product,
        WindowsVersion dllVersion,
        LogSpec log,
        WsmanStack wsmanStack,
        Long latencyMs,
        HostFault fault,
        WinRmServiceSpec winrm,
        HostLocale locale,
        String dllVersionString,
        Boolean dllVersionInfo,
        java.util.List<HostFault> faults,
        Boolean certutilSha256,
        RebootPendingSpec rebootPending,
        String lastBoot,
        RestartSpec restart) {

    /** The boot time of a host whose fleet file gives none: fixed, so probes are the same on every run. */
    public static final java.time.Instant DEFAULT_LAST_BOOT = java.time.Instant.parse("2008-06-14T02:00:00Z");

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern PS_VERSION = Pattern.compile("\\d{1,2}\\.\\d{1,2}");
    /** NetBIOS names: at most 15 characters; Windows setup allows letters, digits and hyphens. */
    private static final Pattern COMPUTER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,14}");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    public SimulatedHostSpec {
        Checks.required("name", name);
        if (!HOST_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: '" + name + "' is not a host name (letters, digits, '.', '-', '_')");
        }
        Checks.required("address", address);
        LoopbackAddresses.requireLoopback("address", address);
        computerName = computerName == null ? defaultComputerName(name) : computerName;
        if (!COMPUTER_NAME.matcher(computerName).matches()) {
            throw new IllegalArgumentException("computerName: '" + computerName
                    + "' is not a NetBIOS computer name (1 to 15 letters, digits or '-')");
        }
        machineGuid = machineGuid == null ? defaultMachineGuid(name) : machineGuid;
        if (!GUID.matcher(machineGuid).matches()) {
            throw new IllegalArgumentException("machineGuid: '" + machineGuid
                    + "' is not a GUID like 3f2504e0-4f89-11d3-9a0c-0305e82c3301 (no braces)");
        }
        machineGuid = machineGuid.toLowerCase(Locale.ROOT);
        if (port != null) {
            Checks.port("port", port);
        }
        Checks.required("os", os);
        Checks.required("architecture", architecture);
        if (powershell != null && !PS_VERSION.matcher(powershell).matches()) {
            throw new IllegalArgumentException("powershell: '" + powershell + "' is not a Major.Minor version like \"2.0\"");
        }
        wsus2Product = wsus2Product != null && wsus2Product;
        wsmanStack = wsmanStack == null ? WsmanStack.V2_0 : wsmanStack;
        if (latencyMs != null) {
            Checks.notNegative("latencyMs", latencyMs);
        }
        fault = fault == null ? HostFault.NONE : fault;
        winrm = winrm == null ? WinRmServiceSpec.unset() : winrm;
        locale = locale == null ? HostLocale.EN_US : locale;
        certutilSha256 = certutilSha256 == null ? !os.isServer2003() : certutilSha256;
        dllVersionInfo = dllVersionInfo == null || dllVersionInfo;
        faults = faults == null ? java.util.List.of() : java.util.List.copyOf(faults);
        rebootPending = rebootPending == null ? RebootPendingSpec.NONE : rebootPending;
        if (rebootPending.cbsRebootPending() && os.isServer2003()) {
            throw new IllegalArgumentException("rebootPending: cbsRebootPending is a Vista/Server 2008 key; Server 2003 has no"
                    + " Component Based Servicing");
        }
        lastBoot = lastBoot == null ? DEFAULT_LAST_BOOT.toString() : lastBoot;
        try {
            lastBoot = java.time.Instant.parse(lastBoot).toString();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("lastBoot: '" + lastBoot + "' is not an instant like 2008-06-14T02:00:00Z");
        }
        restart = restart == null ? RestartSpec.DEFAULT : restart;
        if ((dllVersionString != null || !dllVersionInfo) && dllVersion == null) {
            throw new IllegalArgumentException("dllVersionString/dllVersionInfo describe the DLL: give dllVersion too"
                    + " (its numeric version; without version information it is ignored)");
        }
    }

    /** The DLL as the host's file system holds it (see dllVersion, dllVersionString, dllVersionInfo). */
    SimulatedFile dllFile() {
        if (!dllVersionInfo) {
            return SimulatedFile.binaryWithoutVersion();
        }
        return SimulatedFile.binary(dllVersion, dllVersionString);
    }

    /** {@code fault} and {@code faults} together, in the order given; empty for a healthy host. */
    java.util.Set<HostFault> allFaults() {
        java.util.Set<HostFault> all = new java.util.LinkedHashSet<>();
        all.add(fault);
        all.addAll(faults);
        all.remove(HostFault.NONE);
        return java.util.Collections.unmodifiableSet(all);
    }

    /** {@link #lastBoot} as an instant. */
    java.time.Instant lastBootInstant() {
        return java.time.Instant.parse(lastBoot);
    }

    /** The name in upper case, cut to NetBIOS's 15 characters (a '.' or '_' becomes '-'). */
    static String defaultComputerName(String name) {
        String upper = name.toUpperCase(Locale.ROOT).replace('.', '-').replace('_', '-');
        return upper.length() > 15 ? upper.substring(0, 15) : upper;
    }

    /** A name-based (version 3) UUID of the host's name: the same on every run of the same fleet file. */
    static String defaultMachineGuid(String name) {
        return UUID.nameUUIDFromBytes(("wsus-remediator-simulator:" + name.toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The HTTP listener's port: the host's {@code port} (the older field) or {@code winrm.httpPort}, else the fleet's
     * {@code defaults.winrm.httpPort} or {@code defaults.port}, else WinRM's own default: 5985, or 80 for WinRM 1.1
     * (Microsoft, "Installation and configuration for Windows Remote Management").
     */
    public int effectivePort(FleetDefaults defaults) {
        if (port != null) {
            return port;
        }
        if (winrm.httpPort() != null) {
            return winrm.httpPort();
        }
        if (defaults.winrm().httpPort() != null) {
            return defaults.winrm().httpPort();
        }
        if (defaults.port() != null) {
            return defaults.port();
        }
        return wsmanStack == WsmanStack.V1_1 ? WsmanStack.V1_1_HTTP_PORT : FleetDefaults.WINRM_HTTP_PORT;
    }

    /** The WinRM service settings in force: this host's, over the fleet's defaults, over stock Windows. */
    public WinRmServiceSpec effectiveWinRm(FleetDefaults defaults) {
        return winrm.over(defaults.winrm()).over(WinRmServiceSpec.stock());
    }

    public long effectiveLatencyMs(FleetDefaults defaults) {
        return latencyMs != null ? latencyMs : defaults.latencyMs();
    }

    public static Builder builder(String name, String address) {
        return new Builder().name(name).address(address);
    }

    /**
     * A typical vulnerable host: Server 2008 SP1 x64 with PowerShell 2.0, WSUS 3.0 SP1 (3.1.6001.65) and its DLL,
     * a log without signatures. The starting point for generated fleets.
     */
    public static Builder typicalSp1Server2008(String name, String address) {
        return builder(name, address)
                .os("Microsoft Windows Server 2008 Enterprise", "6.0.6001")
                .architecture(WindowsArchitecture.X64)
                .powershell("2.0")
                .wsus("3.1.6001.65", 1, WsusSetupSpec.DEFAULT_TARGET_DIR)
                .dllVersion("3.1.6001.65")
                .log(LogFolder.LOG_FILES, 0, null);
    }

    /** Builds host specs in code (benchmarks, tests); the same checks apply as to the fleet file. */
    public static final class Builder {
        private String name;
        private String address;
        private String computerName;
        private String machineGuid;
        private Integer port;
        private OsSpec os;
        private WindowsArchitecture architecture;
        private String powershell;
        private WsusSetupSpec wsus;
        private Boolean wsus2Product;
        private WindowsVersion dllVersion;
        private LogSpec log;
        private WsmanStack wsmanStack;
        private Long latencyMs;
        private HostFault fault;
        private WinRmServiceSpec winrm;
        private HostLocale locale;
        private String dllVersionString;
        private Boolean dllVersionInfo;
        private java.util.List<HostFault> faults;
        private Boolean certutilSha256;
        private RebootPendingSpec rebootPending;
        private String lastBoot;
        private RestartSpec restart;

        public Builder rebootPending(RebootPendingSpec flags) {
            this.rebootPending = flags;
            return this;
        }

        public Builder lastBoot(String instant) {
            this.lastBoot = instant;
            return this;
        }

        public Builder restart(RestartSpec restart) {
            this.restart = restart;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder address(String address) {
            this.address = address;
            return this;
        }

        public Builder computerName(String computerName) {
            this.computerName = computerName;
            return this;
        }

        public Builder machineGuid(String machineGuid) {
            this.machineGuid = machineGuid;
            return this;
        }

        public Builder port(Integer port) {
            this.port = port;
            return this;
        }

        public Builder os(String caption, String version) {
            this.os = new OsSpec(caption, WindowsVersion.parse(version));
            return this;
        }

        public Builder architecture(WindowsArchitecture architecture) {
            this.architecture = architecture;
            return this;
        }

        public Builder powershell(String powershell) {
            this.powershell = powershell;
            return this;
        }

        public Builder wsus(String versionString, int installType, String targetDir) {
            this.wsus = new WsusSetupSpec(WindowsVersion.parse(versionString), installType, targetDir);
            return this;
        }

        public Builder wsus2Product(boolean present) {
            this.wsus2Product = present;
            return this;
        }

        public Builder dllVersion(String version) {
            this.dllVersion = version == null ? null : WindowsVersion.parse(version);
            return this;
        }

        public Builder log(LogFolder folder, int signatures, String lastSignature) {
            this.log = new LogSpec(folder, signatures, lastSignature);
            return this;
        }

        public Builder wsmanStack(WsmanStack stack) {
            this.wsmanStack = stack;
            return this;
        }

        public Builder latencyMs(Long latencyMs) {
            this.latencyMs = latencyMs;
            return this;
        }

        public Builder fault(HostFault fault) {
            this.fault = fault;
            return this;
        }

        public Builder winrm(WinRmServiceSpec winrm) {
            this.winrm = winrm;
            return this;
        }

        public Builder certutilSha256(Boolean works) {
            this.certutilSha256 = works;
            return this;
        }

        public Builder wsus(WsusSetupSpec wsus) {
            this.wsus = wsus;
            return this;
        }

        public Builder dllVersionString(String text) {
            this.dllVersionString = text;
            return this;
        }

        public Builder dllVersionInfo(boolean present) {
            this.dllVersionInfo = present;
            return this;
        }

        public Builder faults(HostFault... faults) {
            this.faults = java.util.List.of(faults);
            return this;
        }

        public Builder locale(HostLocale locale) {
            this.locale = locale;
            return this;
        }

        public SimulatedHostSpec build() {
            return new SimulatedHostSpec(name, address, computerName, machineGuid, port, os, architecture, powershell, wsus, wsus2Product,
                    dllVersion, log, wsmanStack, latencyMs, fault, winrm, locale,
                    dllVersionString, dllVersionInfo, faults, certutilSha256, rebootPending, lastBoot, restart);
        }
    }
}
