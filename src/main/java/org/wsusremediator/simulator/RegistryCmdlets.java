package org.wsusremediator.simulator;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PowerShell subset of workaround recipes (docs/remediation-protocol.md section 4) against the host's
 * registry: {@code Set-ItemProperty -Path 'HKLM:\..' -Name N -Value V}, {@code New-Item -Path 'HKLM:\..' -Force}
 * and {@code if ((Get-ItemProperty -Path 'HKLM:\..' -Name N).N -eq 'V') { exit 0 } else { exit 1 }}. A quoted value
 * is a string (REG_SZ), a bare integer a DWORD (an existing DWORD stays one). Fault recipeStepFails refuses every
 * Set-ItemProperty with PowerShell 2.0's registry access-denied error record.
 */
final class RegistryCmdlets {

    private static final String ARG = "('(?:[^']|'')*'|\"[^\"]*\"|[^\\s'\"]+)";
    private static final Pattern SET = Pattern.compile("(?i)Set-ItemProperty\\s+-Path\\s+" + ARG + "\\s+-Name\\s+" + ARG
            + "\\s+-Value\\s+" + ARG + "(\\s+-Force)?");
    private static final Pattern NEW_ITEM = Pattern.compile("(?i)New-Item\\s+-Path\\s+" + ARG + "(\\s+-Force)?");
    private static final Pattern IF_EQUALS = Pattern.compile("(?i)if\\s*\\(\\s*\\(\\s*Get-ItemProperty\\s+-Path\\s+" + ARG
            + "\\s+-Name\\s+" + ARG + "\\s*\\)\\.(\\w+)\\s+-eq\\s+" + ARG
            + "\\s*\\)\\s*\\{\\s*exit\\s+(-?\\d+)\\s*\\}\\s*else\\s*\\{\\s*exit\\s+(-?\\d+)\\s*\\}");

    /** What a statement did: whether it succeeded, and the exit code when it ended the script. */
    record Outcome(boolean succeeded, Integer exit) {
    }

    private RegistryCmdlets() {
    }

    /** Runs {@code text} if it is one of the recipe statements; empty otherwise. */
    static Optional<Outcome> execute(PowerShellCall ps, String text) {
        Matcher m;
        if ((m = SET.matcher(text)).matches()) {
            return Optional.of(set(ps, unquote(m.group(1)), unquote(m.group(2)), m.group(3)));
        }
        if ((m = NEW_ITEM.matcher(text)).matches()) {
            return Optional.of(newItem(ps, unquote(m.group(1)), m.group(2) != null));
        }
        if ((m = IF_EQUALS.matcher(text)).matches()) {
            String path = unquote(m.group(1));
            String name = unquote(m.group(2));
            Optional<String> actual = read(ps, path, name);
            boolean equal = m.group(3).equalsIgnoreCase(name) && actual.isPresent()
                    && actual.get().equalsIgnoreCase(unquote(m.group(4)));
            return Optional.of(new Outcome(true, Integer.parseInt(equal ? m.group(5) : m.group(6))));
        }
        return Optional.empty();
    }

    private static Outcome set(PowerShellCall ps, String path, String name, String rawValue) {
        SimulatedHost host = ps.host();
        if (host.hasFault(HostFault.RECIPE_STEP_FAILS)) {
            ps.error(List.of(
                    "Set-ItemProperty : Requested registry access is not allowed.",
                    "At line:1 char:17",
                    "+ Set-ItemProperty <<<<  -Path '" + path + "' -Name " + name + " -Value " + rawValue,
                    "    + CategoryInfo          : PermissionDenied: (" + SimulatedRegistry.canonical(path) + ":String) [Set-ItemProperty], SecurityException",
                    "    + FullyQualifiedErrorId : System.Security.SecurityException,Microsoft.PowerShell.Commands.SetItemPropertyCommand"));
            return new Outcome(false, null);
        }
        Optional<RegistryKey> key = SimulatedRegistry.canonical(path) == null ? Optional.empty() : host.registry().key(path);
        if (key.isEmpty()) {
            ps.error(List.of(
                    "Set-ItemProperty : Cannot find path '" + path + "' because it does not exist.",
                    "At line:1 char:17",
                    "+ Set-ItemProperty <<<<  -Path '" + path + "' -Name " + name + " -Value " + rawValue,
                    "    + CategoryInfo          : ObjectNotFound: (" + path + ":String) [Set-ItemProperty], ItemNotFoundException",
                    "    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.SetItemPropertyCommand"));
            return new Outcome(false, null);
        }
        boolean quoted = rawValue.startsWith("'") || rawValue.startsWith("\"");
        String value = unquote(rawValue);
        boolean wasNumber = key.get().value(name).map(RegistryValue::isNumber).orElse(false);
        if ((!quoted || wasNumber) && value.matches("-?\\d{1,10}")) {
            key.get().put(RegistryValue.dword(name, Long.parseLong(value)));
        } else {
            key.get().put(RegistryValue.string(name, value));
        }
        return new Outcome(true, null);
    }

    private static Outcome newItem(PowerShellCall ps, String path, boolean force) {
        String canonical = SimulatedRegistry.canonical(path);
        if (canonical == null) {
            ps.error(List.of("New-Item : Cannot find drive. A drive with the name '" + path.split(":")[0] + "' does not exist."));
            return new Outcome(false, null);
        }
        if (ps.host().registry().exists(path) && !force) {
            ps.error(List.of("New-Item : A key at this path already exists.",
                    "    + CategoryInfo          : ResourceExists: (" + canonical + ":String) [New-Item], IOException",
                    "    + FullyQualifiedErrorId : System.IO.IOException,Microsoft.PowerShell.Commands.NewItemCommand"));
            return new Outcome(false, null);
        }
        ps.host().registry().createKey(path);
        int slash = canonical.lastIndexOf('\\');
        ps.outLine("");
        ps.outLine("");
        ps.outLine("    Hive: " + canonical.substring(0, Math.max(slash, 0)));
        ps.outLine("");
        ps.outLine("SKC  VC Name                           Property");
        ps.outLine("---  -- ----                           --------");
        ps.outLine(String.format("  0   0 %-30s {}", canonical.substring(slash + 1)));
        ps.outLine("");
        ps.outLine("");
        return new Outcome(true, null);
    }

    private static Optional<String> read(PowerShellCall ps, String path, String name) {
        Optional<RegistryKey> key = SimulatedRegistry.canonical(path) == null ? Optional.empty() : ps.host().registry().key(path);
        if (key.isEmpty()) {
            ps.error(List.of("Get-ItemProperty : Cannot find path '" + path + "' because it does not exist.",
                    "    + CategoryInfo          : ObjectNotFound: (" + path + ":String) [Get-ItemProperty], ItemNotFoundException",
                    "    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetItemPropertyCommand"));
            return Optional.empty();
        }
        Optional<RegistryValue> value = key.get().value(name);
        if (value.isEmpty()) {
            ps.error(List.of("Get-ItemProperty : Property " + name + " does not exist at path " + key.get().path() + ".",
                    "    + CategoryInfo          : InvalidArgument: (" + name + ":String) [Get-ItemProperty], PSArgumentException",
                    "    + FullyQualifiedErrorId : System.Management.Automation.PSArgumentException,Microsoft.PowerShell.Commands.GetItemPropertyCommand"));
        }
        return value.map(RegistryValue::displayData);
    }

    private static String unquote(String arg) {
        if (arg.length() >= 2 && arg.startsWith("'") && arg.endsWith("'")) {
            return arg.substring(1, arg.length() - 1).replace("''", "'");
        }
        if (arg.length() >= 2 && arg.startsWith("\"") && arg.endsWith("\"")) {
            return arg.substring(1, arg.length() - 1);
        }
        return arg;
    }
}
