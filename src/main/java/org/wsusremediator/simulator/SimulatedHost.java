package org.wsusremediator.simulator;


import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live state of one simulated host: OS facts, registry, files, environment and open shells. It starts from a
 * {@link SimulatedHostSpec} and may change while the simulator runs (installing KB954960 changes the DLL's version,
 * scheduled tasks appear...): commands read the state when they run. Command execution on a host is serialised
 * on the host object, so handlers can read and mutate without further locking.
 */
public final class SimulatedHost {

    private final SimulatedHostSpec spec;
    private final int port;
    private final WinRmServiceSpec winrm;
    private final HttpsListenerSpec https;
    private final Boolean httpListener;
    private final long latencyMs;
    private final SimulatedRegistry registry = new SimulatedRegistry();
    private final SimulatedFileSystem files = new SimulatedFileSystem();
    private final Map<String, String> environment;
    private final Map<String, ShellSession> shells = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final java.util.concurrent.atomic.LongAdder sealedRequests = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder basicRequests = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder logons = new java.util.concurrent.atomic.LongAdder();
    private final AtomicLong tlsHandshakes = new AtomicLong();
    private final AtomicLong tlsHandshakeFailures = new AtomicLong();
    private final AtomicInteger maxOpenShells = new AtomicInteger();
    private final List<PackageSpec> packages;
    private final Map<String, ScheduledTask> scheduledTasks = new ConcurrentHashMap<>();
    private final List<InstallerRun> installerRuns = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CommandClients clients = new CommandClients();
    private final java.util.Set<String> stagedInstallers = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean dropPending = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile java.time.Duration clockOffset = java.time.Duration.ZERO;
    private volatile String powerShellVersion;
    /** The deliberate faults in force (empty: a healthy host); several may hold at once. */
    private volatile java.util.Set<HostFault> faults;
    /** Up or down, its restarts and its boot time. */
    private final HostPower power;
    /** The Windows services the health of WSUS depends on, by service name (case-insensitive): running or not. */
    private final Map<String, Boolean> services = new java.util.concurrent.ConcurrentSkipListMap<>(String.CASE_INSENSITIVE_ORDER);

    public SimulatedHost(SimulatedHostSpec spec, FleetDefaults defaults) {
        this(spec, defaults, List.of());
    }

    /** A host that can stage the fleet's {@code packages} (from its file share or web server). */
    public SimulatedHost(SimulatedHostSpec spec, FleetDefaults defaults, List<PackageSpec> packages) {
        this.spec = spec;
        this.packages = List.copyOf(packages);
        this.port = spec.effectivePort(defaults);
        this.winrm = spec.effectiveWinRm(defaults);
        this.https = HttpsListenerSpec.of(spec, defaults);
        this.httpListener = spec.winrm().over(defaults.winrm()).http();
        this.latencyMs = spec.effectiveLatencyMs(defaults);
        this.powerShellVersion = spec.powershell();
        this.faults = spec.allFaults();
        this.environment = Collections.unmodifiableMap(baseEnvironment());
        this.power = new HostPower(this, spec.restart(), spec.lastBootInstant());
        populateRegistry();
        populateFiles();
        populateServices();
    }

    /** A WSUS server (InstallType 1) runs the WSUS service and IIS, which serves its web services; WinRM runs everywhere. */
    private void populateServices() {
        services.put(WindowsLayout.WINRM_SERVICE, true);
        if (spec.wsus() != null && spec.wsus().installType() == 1) {
            services.put(WindowsLayout.WSUS_SERVICE, true);
            services.put(WindowsLayout.IIS_SERVICE, true);
        }
    }

    private void populateRegistry() {
        OsSpec os = spec.os();
        WindowsVersion v = os.version();
        registry.setValue(WindowsLayout.WINDOWS_NT_KEY, RegistryValue.string("ProductName", os.caption()));
        registry.setValue(WindowsLayout.WINDOWS_NT_KEY, RegistryValue.string("CurrentVersion", v.major() + "." + v.minor()));
        registry.setValue(WindowsLayout.WINDOWS_NT_KEY, RegistryValue.string("CurrentBuildNumber", Integer.toString(v.build())));
        // The machine's own identity, which no DNS alias or NAT changes.
        registry.setValue(WindowsLayout.CRYPTOGRAPHY_KEY, RegistryValue.string("MachineGuid", spec.machineGuid()));
        registry.setValue(WindowsLayout.COMPUTER_NAME_KEY, RegistryValue.string("ComputerName", netbiosName()));
        registry.setValue(WindowsLayout.ACTIVE_COMPUTER_NAME_KEY, RegistryValue.string("ComputerName", netbiosName()));
        if (powerShellVersion != null) {
            registry.setValue(WindowsLayout.POWERSHELL_ENGINE_KEY, RegistryValue.string("PowerShellVersion", powerShellVersion));
        }
        WsusSetupSpec wsus = spec.wsus();
        if (wsus != null) {
            String key = WindowsLayout.WSUS_SETUP_KEY;
            registry.setValue(key, RegistryValue.string("SqlServerName", name().toUpperCase(Locale.ROOT) + "\\MICROSOFT##SSEE"));
            registry.setValue(key, RegistryValue.string("SqlDatabaseName", "SUSDB"));
            // The fleet file may store VersionString as a number or leave values out: what a real key sometimes holds.
            if (!wsus.omits("VersionString")) {
                registry.setValue(key, wsus.versionStringValue());
            }
            if (!wsus.omits("TargetDir")) {
                registry.setValue(key, RegistryValue.string("TargetDir", wsus.targetDir()));
            }
            if (!wsus.omits("InstallType")) {
                registry.setValue(key, RegistryValue.dword("InstallType", wsus.installType()));
            }
            registry.setValue(key, RegistryValue.string("ContentDir", "C:\\WSUS"));
            registry.setValue(key, RegistryValue.dword("PortNumber", wsus.portNumber()));
            registry.setValue(key, RegistryValue.dword("UsingSSL", 0));
        }
        // The Session Manager key always exists; the restart-pending flags only when the fleet file sets them.
        registry.setValue(WindowsLayout.SESSION_MANAGER_KEY, RegistryValue.multiString("BootExecute", List.of("autocheck autochk *")));
        RebootPendingSpec pending = spec.rebootPending();
        if (pending.rebootRequired()) {
            registry.createKey(WindowsLayout.REBOOT_REQUIRED_KEY);
        }
        if (pending.cbsRebootPending()) {
            registry.createKey(WindowsLayout.CBS_REBOOT_PENDING_KEY);
        }
        if (pending.pendingFileRename()) {
            String dll = "\\??\\" + clientWebServiceDllPath();
            registry.setValue(WindowsLayout.SESSION_MANAGER_KEY, RegistryValue.multiString(PENDING_FILE_RENAMES,
                    List.of(dll + ".new", "!" + dll)));
        }
        if (spec.wsus2Product()) {
            registry.setValue(WindowsLayout.WSUS2_PRODUCT_KEY, RegistryValue.string("DisplayName", "Microsoft Windows Server Update Services 2.0"));
            registry.setValue(WindowsLayout.WSUS2_PRODUCT_KEY, RegistryValue.string("DisplayVersion", "2.0.0.2620"));
            registry.setValue(WindowsLayout.WSUS2_PRODUCT_KEY, RegistryValue.string("Publisher", "Microsoft Corporation"));
        }
    }

    private void populateFiles() {
        files.makeDirectories(environment.get("TEMP"));
        files.makeDirectories(environment.get("windir") + "\\system32");
        String base = WindowsLayout.withTrailingBackslash(spec.wsus() != null ? spec.wsus().targetDir() : WindowsLayout.DEFAULT_WSUS_DIR);
        if (spec.dllVersion() != null) {
            files.put(base + WindowsLayout.CLIENT_WEB_SERVICE_DLL, spec.dllFile());
        }
        LogSpec log = spec.log();
        if (log != null) {
            files.put(base + log.folder().directoryName() + "\\" + WindowsLayout.LOG_FILE_NAME,
                    SimulatedFile.text(SoftwareDistributionLog.generate(log, name())));
        }
    }

    private Map<String, String> baseEnvironment() {
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String windir = spec.os().isServer2003() ? "C:\\WINDOWS" : "C:\\Windows";
        env.put("ALLUSERSPROFILE", spec.os().isServer2003() ? "C:\\Documents and Settings\\All Users" : "C:\\ProgramData");
        env.put("COMPUTERNAME", netbiosName());
        env.put("ComSpec", windir + "\\system32\\cmd.exe");
        env.put("NUMBER_OF_PROCESSORS", "2");
        env.put("OS", "Windows_NT");
        env.put("PATHEXT", ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH" + (powerShellVersion != null ? ";.MSC" : ""));
        env.put("PROCESSOR_ARCHITECTURE", processorArchitecture());
        env.put("ProgramFiles", WindowsLayout.PROGRAM_FILES);
        if (spec.architecture() != WindowsArchitecture.X86) {
            env.put("ProgramFiles(x86)", "C:\\Program Files (x86)");
        }
        env.put("SystemDrive", "C:");
        env.put("SystemRoot", windir);
        env.put("TEMP", windir + "\\TEMP");
        env.put("TMP", windir + "\\TEMP");
        env.put("windir", windir);
        return env;
    }

    /** PROCESSOR_ARCHITECTURE of the native shell WinRM starts (so PROCESSOR_ARCHITEW6432 is never set). */
    public String processorArchitecture() {
        return switch (spec.architecture()) {
            case X86 -> "x86";
            case X64 -> "AMD64";
            case IA64 -> "IA64";
        };
    }

    /** COMPUTERNAME: the NetBIOS name, at most 15 characters (the fleet file's computerName, or the name in upper case). */
    public String netbiosName() {
        return spec.computerName();
    }

    /** MachineGuid as the registry holds it now (a test may change or delete it), or null. */
    public String machineGuid() {
        return registry.key(WindowsLayout.CRYPTOGRAPHY_KEY).flatMap(k -> k.value("MachineGuid"))
                .map(RegistryValue::text).orElse(null);
    }

    public SimulatedHostSpec spec() {
        return spec;
    }

    /** The WinRM service settings in force (every field set): authentication schemes, AllowUnencrypted, listeners. */
    public WinRmServiceSpec winrm() {
        return winrm;
    }

    public String name() {
        return spec.name();
    }

    public String address() {
        return spec.address();
    }

    public int port() {
        return port;
    }

    /** Whether the HTTP listener exists ({@code winrm.http}; stock Windows has one). */
    public boolean hasHttpListener() {
        return !Boolean.FALSE.equals(httpListener);
    }

    /** The HTTPS listener (port, certificate), or null when the host has none. */
    public HttpsListenerSpec https() {
        return https;
    }

    public long latencyMs() {
        return latencyMs;
    }

    public OsSpec os() {
        return spec.os();
    }

    public WindowsArchitecture architecture() {
        return spec.architecture();
    }

    /** The display language of its console tools. */
    public HostLocale locale() {
        return spec.locale();
    }

    /** What its console tools print, in its display language. */
    ConsoleText text() {
        return spec.locale().text();
    }

    public WsmanStack wsmanStack() {
        return spec.wsmanStack();
    }

    /** The host's deliberate fault, the first when it has several; {@link HostFault#NONE} when healthy. */
    public HostFault fault() {
        java.util.Set<HostFault> now = faults;
        return now.isEmpty() ? HostFault.NONE : now.iterator().next();
    }

    /** Whether {@code f} is one of the host's deliberate faults. */
    public boolean hasFault(HostFault f) {
        return faults.contains(f);
    }

    /** Changes the host's deliberate fault at run time (e.g. a host that starts failing mid-run); replaces all. */
    public void fault(HostFault fault) {
        this.faults = fault == null || fault == HostFault.NONE ? java.util.Set.of() : java.util.Set.of(fault);
    }

    /** Major.Minor, or null when PowerShell is not installed. */
    public String powerShellVersion() {
        return powerShellVersion;
    }

    public void powerShellVersion(String version) {
        this.powerShellVersion = version;
    }

    /** Whether {@code certutil -hashfile FILE SHA256} works here (the fleet file's certutilSha256). */
    public boolean certutilHashesSha256() {
        return spec.certutilSha256();
    }

    public SimulatedRegistry registry() {
        return registry;
    }

    public SimulatedFileSystem files() {
        return files;
    }

    /** The system environment every new shell starts with (read-only; shells copy it). */
    public Map<String, String> environment() {
        return environment;
    }

    /** TargetDir from the WSUS Setup key, or empty when WSUS is not installed. */
    public Optional<String> wsusTargetDir() {
        return registry.key(WindowsLayout.WSUS_SETUP_KEY)
                .flatMap(k -> k.value("TargetDir"))
                .map(RegistryValue::text);
    }

    /** Where Microsoft.UpdateServices.WebServices.Client.Dll lives (under TargetDir, else the default WSUS folder). */
    public String clientWebServiceDllPath() {
        return WindowsLayout.withTrailingBackslash(wsusTargetDir().orElse(WindowsLayout.DEFAULT_WSUS_DIR))
                + WindowsLayout.CLIENT_WEB_SERVICE_DLL;
    }

    public Optional<WindowsVersion> clientWebServiceDllVersion() {
        return files.get(clientWebServiceDllPath()).map(SimulatedFile::fileVersion);
    }

    /** What installing KB954960 does to the host: the DLL gets the new file version. */
    public void setClientWebServiceDllVersion(WindowsVersion version) {
        files.put(clientWebServiceDllPath(), SimulatedFile.binary(version));
    }

    // --- packages, installs, scheduled tasks ---------------------------------------------------------------------

    /** The packages this host can fetch (the fleet's {@code packages}). */
    public List<PackageSpec> packages() {
        return packages;
    }

    /** The package offered at {@code source} (a UNC path or URL), if the fleet has one there. */
    public Optional<PackageSpec> packageAt(String source) {
        return packages.stream().filter(p -> p.isAt(source)).findFirst();
    }

    /**
     * Puts {@code pkg} at {@code path} as staging does (fault packageTampered changes the bytes) and remembers the
     * file as a KB954960 installer. Returns the staged file's SHA-256.
     */
    public String stagePackage(PackageSpec pkg, String path) {
        String content = hasFault(HostFault.PACKAGE_TAMPERED) ? pkg.content() + "\n(tampered in transit)" : pkg.content();
        files.put(path, SimulatedFile.text(content));
        stagedInstallers.add(SimulatedFileSystem.normalize(path).toLowerCase(Locale.ROOT));
        return PackageSpec.sha256Hex(content);
    }

    /** Whether {@code path} is a staged package that still exists (running it runs the KB954960 installer). */
    public boolean isStagedInstaller(String path) {
        return stagedInstallers.contains(SimulatedFileSystem.normalize(path).toLowerCase(Locale.ROOT)) && files.exists(path);
    }

    /** Every execution of a staged installer so far, in order (elevated or not, with its exit code). */
    /** Which client (connection label) ran how many commands and installer runs here. */
    public CommandClients clients() {
        return clients;
    }

    public List<InstallerRun> installerRuns() {
        return List.copyOf(installerRuns);
    }

    void recordInstallerRun(InstallerRun run) {
        clients.installerRun();
        installerRuns.add(run);
    }

    /** The scheduled tasks registered now, by name (as given to /tn). */
    public Map<String, ScheduledTask> scheduledTasks() {
        Map<String, ScheduledTask> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        scheduledTasks.values().forEach(t -> byName.put(t.name(), t));
        return Collections.unmodifiableMap(byName);
    }

    Optional<ScheduledTask> scheduledTask(String name) {
        return Optional.ofNullable(scheduledTasks.get(name.toLowerCase(Locale.ROOT)));
    }

    void putScheduledTask(ScheduledTask task) {
        scheduledTasks.put(task.name().toLowerCase(Locale.ROOT), task);
    }

    /**
     * What an installer that exits 3010 leaves: Windows Update's RebootRequired key and a file to replace at the next
     * boot (PendingFileRenameOperations, REG_MULTI_SZ pairs of source and target, an empty target meaning delete).
     */
    void markRebootPending() {
        registry.createKey(WindowsLayout.REBOOT_REQUIRED_KEY);
        String dll = "\\??\\" + clientWebServiceDllPath();
        registry.setValue(WindowsLayout.SESSION_MANAGER_KEY, RegistryValue.multiString(PENDING_FILE_RENAMES,
                List.of(dll + ".new", "!" + dll)));
    }

    private static final String PENDING_FILE_RENAMES = "PendingFileRenameOperations";

    /** Whether a reboot is pending (any of the three flags present; PendingFileRenameOperations with data). */
    public boolean rebootPending() {
        return rebootRequiredKey() || cbsRebootPendingKey() || pendingFileRenames();
    }

    /** Windows Update's RebootRequired key exists. */
    public boolean rebootRequiredKey() {
        return registry.exists(WindowsLayout.REBOOT_REQUIRED_KEY);
    }

    /** Component Based Servicing's RebootPending key exists. */
    public boolean cbsRebootPendingKey() {
        return registry.exists(WindowsLayout.CBS_REBOOT_PENDING_KEY);
    }

    /** PendingFileRenameOperations exists and holds at least one non-empty string. */
    public boolean pendingFileRenames() {
        return registry.key(WindowsLayout.SESSION_MANAGER_KEY).flatMap(k -> k.value(PENDING_FILE_RENAMES))
                .map(v -> !v.regExeData().isEmpty()).orElse(false);
    }

    // --- power: restarts, boot time, services ---------------------------------------------------------------------

    /** When the host last started (the fleet file's lastBoot, then the time of each simulated boot). */
    public java.time.Instant lastBoot() {
        return power.lastBoot();
    }

    /** How many times the host booted since the simulator started (a restart round trip adds one). */
    public int bootCount() {
        return power.boots();
    }

    /** Whether the host answers WinRM now (false while it is down, and after a boot until its WinRM service runs). */
    public boolean answersWinRm() {
        return power.answersWinRm();
    }

    /** Whether service {@code name} (e.g. WsusService, W3SVC) is installed and running; false when not installed. */
    public boolean serviceRunning(String name) {
        return Boolean.TRUE.equals(services.get(name));
    }

    /** Whether service {@code name} is installed. */
    public boolean serviceInstalled(String name) {
        return services.containsKey(name);
    }

    /** Starts or stops an installed service (sc start / stop, or a test); false when it is not installed. */
    public boolean setServiceRunning(String name, boolean running) {
        return services.computeIfPresent(name, (n, was) -> running) != null;
    }

    /** The port IIS serves WSUS on, from the Setup key's PortNumber (empty on a host without WSUS, or without it). */
    public Optional<Integer> wsusPortNumber() {
        return registry.key(WindowsLayout.WSUS_SETUP_KEY).flatMap(k -> k.value("PortNumber"))
                .filter(RegistryValue::isNumber).map(v -> (int) v.number());
    }

    HostPower power() {
        return power;
    }

    private final List<ShutdownRequest> shutdowns = new java.util.concurrent.CopyOnWriteArrayList<>();

    void recordShutdown(ShutdownRequest request) {
        shutdowns.add(request);
    }

    /** Every shutdown /r or /s this host accepted, in order (with its delay, comment and who asked). */
    public List<ShutdownRequest> shutdownRequests() {
        return List.copyOf(shutdowns);
    }

    /** Win32_OperatingSystem.LastBootUpTime as WMI gives it (CIM DATETIME; the simulated hosts keep UTC). */
    String lastBootCim() {
        return CIM_DATETIME.format(lastBoot().atOffset(java.time.ZoneOffset.UTC)) + "+000";
    }

    private static final java.time.format.DateTimeFormatter CIM_DATETIME =
            java.time.format.DateTimeFormatter.ofPattern("uuuuMMddHHmmss.SSSSSS");

    /** The host's clock as an instant: the real clock, moved on by {@link #advanceClock}. */
    java.time.Instant clockNow() {
        return java.time.Instant.now().plus(clockOffset);
    }

    /** Going down ends every shell (a restarted WinRM service knows none of them). */
    void forgetShells() {
        shells.clear();
    }

    /**
     * What Windows does at boot to the state the simulator keeps: the pending file renames are done and the restart flags
     * gone; services start (the WSUS service not, with fault restartWsusStopped).
     */
    void booted() {
        registry.deleteKey(WindowsLayout.REBOOT_REQUIRED_KEY);
        registry.deleteKey(WindowsLayout.CBS_REBOOT_PENDING_KEY);
        registry.key(WindowsLayout.SESSION_MANAGER_KEY).ifPresent(k -> k.remove(PENDING_FILE_RENAMES));
        services.replaceAll((name, running) -> true);
        if (hasFault(HostFault.RESTART_WSUS_STOPPED)) {
            setServiceRunning(WindowsLayout.WSUS_SERVICE, false);
        }
    }

    // --- the host's clock ------------------------------------------------------------------------------------------

    /** The host's local time: the real clock, moved on by {@link #advanceClock}. */
    public java.time.LocalDateTime now() {
        return java.time.LocalDateTime.now().plus(clockOffset);
    }

    /**
     * Moves the host's clock on by {@code by} (a test's "later that night") and lets the Task Scheduler start every
     * task whose one-time trigger came due meanwhile, as it would on a real host.
     */
    public synchronized void advanceClock(java.time.Duration by) {
        clockOffset = clockOffset.plus(by);
        fireDueTasks(CommandRegistry.standard());
    }

    /** Starts the tasks whose trigger has come (each trigger once). */
    synchronized void fireDueTasks(CommandRegistry registry) {
        java.time.LocalDateTime now = now();
        for (ScheduledTask task : List.copyOf(scheduledTasks.values())) {
            if (task.takeTriggerFiring(now)) {
                SchtasksCommand.start(this, task, registry);
            }
        }
    }

    /** Runs a command line in a new shell of {@code user}, as a remote admin would (for tests: e.g. a task left earlier). */
    public synchronized ExecutionResult runCommand(String user, String commandLine) {
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        env.putAll(new ShellSession("LOCAL", user, environment, Map.of()).environment());
        return CmdInterpreter.run(new ShellContext(this, user, env, CommandRegistry.standard()), commandLine, "");
    }

    /** Removes a task as {@code schtasks /delete} would (also for tests: a task an interrupted run never created). */
    public boolean removeScheduledTask(String name) {
        return scheduledTasks.remove(name.toLowerCase(Locale.ROOT)) != null;
    }

    /** Asks the WS-Management layer to drop the connection of the request being served (fault dropDuringInstall). */
    void requestConnectionDrop() {
        dropPending.set(true);
    }

    boolean takeConnectionDrop() {
        return dropPending.getAndSet(false);
    }

    // --- shells -----------------------------------------------------------------------------------------------

    /**
     * Opens a shell for {@code owner} unless the user already has MaxShellsPerUser shells open (2 on WinRM 1.1,
     * 30 on 2.0). Returns empty when the quota is exhausted.
     */
    synchronized Optional<ShellSession> openShell(String owner, Map<String, String> extraEnvironment) {
        return openShell(owner, extraEnvironment, null);
    }

    /**
     * A new shell for {@code owner}, or empty when the user's shell quota is used up. {@code codePage} is the
     * WINRS_CODEPAGE the client asked for; null or one the simulator does not know gives the locale's OEM code page.
     */
    synchronized Optional<ShellSession> openShell(String owner, Map<String, String> extraEnvironment, Integer codePage) {
        long ownShells = shells.values().stream().filter(s -> s.owner().equalsIgnoreCase(owner)).count();
        if (ownShells >= wsmanStack().maxShellsPerUser()) {
            return Optional.empty();
        }
        java.nio.charset.Charset charset = codePage == null ? null : HostLocale.charsetOf(codePage);
        if (charset == null) {
            charset = HostLocale.charsetOf(locale().oemCodePage());
        }
        ShellSession shell = new ShellSession(Ids.newGuid(), owner, environment, extraEnvironment, charset);
        shells.put(shell.id(), shell);
        maxOpenShells.accumulateAndGet(shells.size(), Math::max);
        return Optional.of(shell);
    }

    Optional<ShellSession> shell(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(shells.get(id.toUpperCase(Locale.ROOT)));
    }

    synchronized boolean closeShell(String id) {
        return id != null && shells.remove(id.toUpperCase(Locale.ROOT)) != null;
    }

    public int openShellCount() {
        return shells.size();
    }

    /** The most shells this host ever had open at the same time. */
    public int maxOpenShells() {
        return maxOpenShells.get();
    }

    // --- statistics -----------------------------------------------------------------------------------------------

    void countSealed() {
        sealedRequests.increment();
    }

    void countLogon() {
        logons.increment();
    }

    /** NTLM logons completed (one per TCP connection a client authenticated). */
    public long logonCount() {
        return logons.sum();
    }

    void countBasic() {
        basicRequests.increment();
    }

    /** Requests that arrived sealed with the connection's NTLM session (WS-Man message encryption) and verified. */
    public long sealedRequestCount() {
        return sealedRequests.sum();
    }

    /** Requests handled with Basic credentials. */
    public long basicRequestCount() {
        return basicRequests.sum();
    }

    long countRequest() {
        return requests.incrementAndGet();
    }

    public long requestCount() {
        return requests.get();
    }

    void countTlsHandshake(boolean success) {
        (success ? tlsHandshakes : tlsHandshakeFailures).incrementAndGet();
    }

    /** TLS handshakes completed on the HTTPS listener. */
    public long tlsHandshakes() {
        return tlsHandshakes.get();
    }

    /** TLS handshakes that failed (e.g. the client refused the certificate): no HTTP request was read on them. */
    public long tlsHandshakeFailures() {
        return tlsHandshakeFailures.get();
    }

    @Override
    public String toString() {
        return name() + "@" + address() + ":" + port;
    }
}
