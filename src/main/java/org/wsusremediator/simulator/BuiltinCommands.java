package org.wsusremediator.simulator;

import java.util.Locale;
import java.util.Map;

/** cmd.exe built-ins (echo, ver, set, type) and the one-line programs hostname and whoami. */
final class BuiltinCommands {

    private BuiltinCommands() {
    }

    static void registerAll(CommandRegistry registry) {
        registry.register("echo", CmdCommand.builtin(BuiltinCommands::echo));
        registry.register(CmdInterpreter.ECHO_WITH_SEPARATOR, CmdCommand.builtin(call -> {
            call.outLine(call.arguments());
            return 0;
        }));
        registry.register("ver", CmdCommand.builtin(BuiltinCommands::ver));
        registry.register("set", CmdCommand.builtin(BuiltinCommands::set));
        registry.register("type", CmdCommand.builtin(BuiltinCommands::type));
        registry.register("cmd", BuiltinCommands::cmd);
        registry.register("hostname", call -> {
            call.outLine(call.host().name());
            return 0;
        });
        registry.register("whoami", call -> {
            call.outLine(whoami(call.user(), call.host()));
            return 0;
        });
    }

    /** whoami prints domain\\user in lower case; a local account's domain is the computer name. */
    static String whoami(String user, SimulatedHost host) {
        String qualified = user.contains("\\") ? user : host.netbiosName() + "\\" + user;
        return qualified.toLowerCase(Locale.ROOT);
    }

    /** cmd keeps the text as typed, trailing blanks included ("echo ##x &amp; ..." prints "##x "). */
    private static int echo(CommandCall call) {
        String text = call.arguments();
        call.outLine(text.isBlank() ? "ECHO is on." : text);
        return 0;
    }

    /** {@code cmd /c LINE}: a nested cmd.exe (also how PowerShell scripts reach cmd built-ins). */
    private static int cmd(CommandCall call) {
        String args = call.arguments().strip();
        String lower = args.toLowerCase(Locale.ROOT);
        int switchAt = lower.startsWith("/c") || lower.startsWith("/k") ? 0 : Math.max(lower.indexOf(" /c "), lower.indexOf(" /k ")) + 1;
        if (switchAt < 0 || !(lower.startsWith("/c", switchAt) || lower.startsWith("/k", switchAt))) {
            return 0;
        }
        String line = args.substring(switchAt + 2).strip();
        if (line.length() > 1 && line.startsWith("\"") && line.endsWith("\"")) {
            line = line.substring(1, line.length() - 1);
        }
        ExecutionResult r = CmdInterpreter.run(call.shellContext(), line, call.stdin());
        call.out(r.stdout());
        call.err(r.stderr());
        return r.exitCode();
    }

    private static int ver(CommandCall call) {
        call.outLine("");
        call.outLine("Microsoft Windows [Version " + call.host().os().version() + "]");
        return 0;
    }

    private static int set(CommandCall call) {
        String prefix = call.arguments().strip();
        if (prefix.contains("=")) {
            int eq = prefix.indexOf('=');
            call.environment().put(prefix.substring(0, eq), prefix.substring(eq + 1));
            return 0;
        }
        boolean any = false;
        for (Map.Entry<String, String> e : call.environment().entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
                call.outLine(e.getKey() + "=" + e.getValue());
                any = true;
            }
        }
        if (!any) {
            call.errLine("Environment variable " + prefix + " not defined");
            return 1;
        }
        return 0;
    }

    private static int type(CommandCall call) {
        var args = call.argv();
        if (args.isEmpty()) {
            call.errLine("The syntax of the command is incorrect.");
            return 1;
        }
        if (ShareAccess.isUnc(args.get(0))) {
            ShareAccess.Read read = ShareAccess.read(call, args.get(0));
            if (read.denied()) {
                call.errLine("Access is denied.");
                return 1;
            }
            if (read.pkg().isPresent()) {
                call.out(read.pkg().get().content());
                return 0;
            }
        }
        var file = call.host().files().get(args.get(0));
        if (file.isEmpty()) {
            call.errLine("The system cannot find the file specified.");
            return 1;
        }
        call.out(file.get().content());
        return 0;
    }
}
