package org.wsusremediator.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * cmd.exe's {@code mkdir}/{@code md} and {@code copy}, far enough for the cmd fallback of staging
 * (docs/remediation-protocol.md section 1). A UNC source is one of the fleet's packages (the file share); copying
 * it stages it (fault packageTampered changes the bytes).
 */
final class FileCommands {

    static final String COPIED_ONE = "        1 file(s) copied.";
    static final String COPIED_NONE = "        0 file(s) copied.";

    private FileCommands() {
    }

    static void registerAll(CommandRegistry registry) {
        CmdCommand mkdir = CmdCommand.builtin(FileCommands::mkdir);
        registry.register("mkdir", mkdir);
        registry.register("md", mkdir);
        registry.register("copy", CmdCommand.builtin(FileCommands::copy));
        CmdCommand del = CmdCommand.builtin(FileCommands::del);
        registry.register("del", del);
        registry.register("erase", del);
    }

    /** {@code del [/f] [/q] path...}: a missing file is "Could Not Find" on stderr (cmd still exits 0 for it). */
    private static int del(CommandCall call) {
        List<String> paths = new ArrayList<>();
        for (String a : call.argv()) {
            if (!a.startsWith("/")) {
                paths.add(a);
            }
        }
        if (paths.isEmpty()) {
            call.errLine("The syntax of the command is incorrect.");
            return 1;
        }
        for (String path : paths) {
            if (!call.host().files().remove(path)) {
                call.errLine("Could Not Find " + path);
            }
        }
        return 0;
    }

    private static int mkdir(CommandCall call) {
        List<String> paths = call.argv();
        if (paths.isEmpty()) {
            call.errLine("The syntax of the command is incorrect.");
            return 1;
        }
        int code = 0;
        for (String path : paths) {
            SimulatedFileSystem files = call.host().files();
            if (files.directoryExists(path) || files.exists(path)) {
                call.errLine("A subdirectory or file " + path + " already exists.");
                code = 1;
            } else {
                files.makeDirectories(path);
            }
        }
        return code;
    }

    private static int copy(CommandCall call) {
        List<String> paths = new ArrayList<>();
        for (String a : call.argv()) {
            if (!a.startsWith("/")) {
                paths.add(a);
            }
        }
        if (paths.isEmpty() || paths.size() > 2) {
            call.errLine("The syntax of the command is incorrect.");
            return 1;
        }
        SimulatedHost host = call.host();
        String source = paths.get(0);
        String name = source.substring(source.lastIndexOf('\\') + 1);
        String target = paths.size() == 2 ? paths.get(1) : name;
        if (host.files().directoryExists(target)) {
            target = WindowsLayout.withTrailingBackslash(SimulatedFileSystem.normalize(target)) + name;
        }
        Optional<PackageSpec> pkg = Optional.empty();
        if (ShareAccess.isUnc(source)) {
            ShareAccess.Read read = ShareAccess.read(call, source);
            if (read.denied()) {
                call.errLine("Access is denied.");
                call.outLine(COPIED_NONE);
                return 1;
            }
            pkg = read.pkg();
        }
        Optional<SimulatedFile> local = ShareAccess.isUnc(source) ? Optional.empty() : host.files().get(source);
        if (pkg.isEmpty() && local.isEmpty()) {
            call.errLine("The system cannot find the file specified.");
            call.outLine(COPIED_NONE);
            return 1;
        }
        String folder = SimulatedFileSystem.parentOf(target);
        if (!folder.isEmpty() && !host.files().directoryExists(folder)) {
            call.errLine("The system cannot find the path specified.");
            call.outLine(COPIED_NONE);
            return 1;
        }
        if (pkg.isPresent()) {
            host.stagePackage(pkg.get(), target);
        } else {
            host.files().put(target, local.get());
        }
        call.outLine(COPIED_ONE);
        return 0;
    }
}
