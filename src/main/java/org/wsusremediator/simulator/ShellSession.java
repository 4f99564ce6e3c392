package org.wsusremediator.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** One open WinRM shell: its owner, its environment (the host's plus the user's), and its commands. */
final class ShellSession {

    private final String id;
    private final String owner;
    private final Map<String, String> environment;
    private final Map<String, CommandRun> commands = new ConcurrentHashMap<>();
    private final java.nio.charset.Charset codePage;

    /** A shell whose console writes code page 437 (local runs, tests). */
    ShellSession(String id, String owner, Map<String, String> hostEnvironment, Map<String, String> extraEnvironment) {
        this(id, owner, hostEnvironment, extraEnvironment, HostLocale.charsetOf(437));
    }

    /** @param codePage the charset the shell's console writes (WINRS_CODEPAGE, else the host's OEM code page) */
    ShellSession(String id, String owner, Map<String, String> hostEnvironment, Map<String, String> extraEnvironment,
            java.nio.charset.Charset codePage) {
        this.id = id;
        this.owner = owner;
        this.codePage = codePage;
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        env.putAll(hostEnvironment);
        int slash = owner.indexOf('\\');
        String domain = slash > 0 ? owner.substring(0, slash) : hostEnvironment.getOrDefault("COMPUTERNAME", "");
        String user = slash > 0 ? owner.substring(slash + 1) : owner;
        env.put("USERDOMAIN", domain.toUpperCase(java.util.Locale.ROOT));
        env.put("USERNAME", user);
        env.put("USERPROFILE", (env.getOrDefault("SystemRoot", "C:\\Windows").equals("C:\\WINDOWS")
                ? "C:\\Documents and Settings\\" : "C:\\Users\\") + user);
        env.putAll(extraEnvironment);
        this.environment = env;
    }

    String id() {
        return id;
    }

    String owner() {
        return owner;
    }

    java.nio.charset.Charset codePage() {
        return codePage;
    }

    Map<String, String> environment() {
        return environment;
    }

    CommandRun addCommand(String commandLine) {
        CommandRun run = new CommandRun(Ids.newGuid(), commandLine);
        commands.put(run.id(), run);
        return run;
    }

    Optional<CommandRun> command(String commandId) {
        return commandId == null ? Optional.empty()
                : Optional.ofNullable(commands.get(commandId.toUpperCase(java.util.Locale.ROOT)));
    }

    boolean removeCommand(String commandId) {
        return commandId != null && commands.remove(commandId.toUpperCase(java.util.Locale.ROOT)) != null;
    }
}
