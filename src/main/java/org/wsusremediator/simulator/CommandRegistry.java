package org.wsusremediator.simulator;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The programs the simulated hosts know, by name (case-insensitive), and the PowerShell scripts they recognise,
 * by their first line. {@link #standard()} has what docs/probe-protocol.md needs plus a few everyday tools;
 * later work adds its own (a scheduled-task tool, an installer) with {@link #register} and {@link #registerScript}.
 */
public final class CommandRegistry {

    private final Map<String, CmdCommand> commands = new ConcurrentHashMap<>();
    private final Map<String, PowerShellScript> scripts = new ConcurrentHashMap<>();

    /**
     * echo, ver, set, type, cmd, hostname, whoami, ipconfig, reg, wmic, findstr, powershell, mkdir/md, copy,
     * certutil, schtasks, shutdown, sc; the probe script, the staging script and Ansible's module bootstrap. Staged KB954960
     * packages run by path are handled by cmd itself ({@link KbInstaller}).
     */
    public static CommandRegistry standard() {
        CommandRegistry r = new CommandRegistry();
        BuiltinCommands.registerAll(r);
        r.register("reg", new RegCommand());
        r.register("wmic", new WmicCommand());
        r.register("findstr", new FindstrCommand());
        r.register("ipconfig", new IpconfigCommand());
        r.register("powershell", new PowerShellCommand());
        FileCommands.registerAll(r);
        r.register("certutil", new CertutilCommand());
        r.register("schtasks", new SchtasksCommand());
        r.register("shutdown", new ShutdownCommand());
        r.register("sc", new ScCommand());
        r.registerScript(ProbeScript.MARKER, new ProbeScript());
        r.registerScript(StageScript.MARKER, new StageScript());
        r.registerScript(HealthScript.MARKER, new HealthScript());
        r.registerScript(AnsibleBootstrapScript.FIRST_LINE, new AnsibleBootstrapScript());
        return r;
    }

    public CommandRegistry register(String name, CmdCommand command) {
        commands.put(name.toLowerCase(Locale.ROOT), command);
        return this;
    }

    /** A PowerShell script recognised by its first line (e.g. {@code # wsus-remediator probe v1}). */
    public CommandRegistry registerScript(String firstLine, PowerShellScript script) {
        scripts.put(firstLine.strip(), script);
        return this;
    }

    public Optional<CmdCommand> command(String name) {
        return Optional.ofNullable(commands.get(name.toLowerCase(Locale.ROOT)));
    }

    Optional<PowerShellScript> script(String firstLine) {
        return Optional.ofNullable(scripts.get(firstLine.strip()));
    }
}
