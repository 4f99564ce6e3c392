package org.wsusremediator.simulator;

/**
 * A program or cmd.exe built-in the simulated hosts can run. Implementations read and change the host's state
 * through {@link CommandCall#host()} and write console text with {@link CommandCall#out(String)}/{@code err}.
 * Register new ones in a {@link CommandRegistry} (e.g. {@code schtasks} for elevated installs).
 */
@FunctionalInterface
public interface CmdCommand {

    /** Runs the command and returns its exit code. */
    int run(CommandCall call);

    /** Whether the program exists on this host (powershell.exe may not); if not, cmd says "not recognized". */
    default boolean installedOn(SimulatedHost host) {
        return true;
    }

    /** Programs (.exe) can also be started from PowerShell; cmd.exe built-ins (echo, ver, set, type) cannot. */
    default boolean isExecutable() {
        return true;
    }

    /** A cmd.exe built-in (echo, mkdir, copy…): no program file, so never shadowed by PATH lookups. */
    static CmdCommand builtin(CmdCommand body) {
        return new CmdCommand() {
            @Override
            public int run(CommandCall call) {
                return body.run(call);
            }

            @Override
            public boolean isExecutable() {
                return false;
            }
        };
    }
}
