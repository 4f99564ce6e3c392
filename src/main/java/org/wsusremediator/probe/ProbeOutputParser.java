package org.wsusremediator.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict parser of the PowerShell probe's output (docs/probe-protocol.md, section 1) into {@link Facts}.
 * Anything the contract does not allow is refused with the line number and the line: a wrong fact here
 * would become a wrong action on a server. Line ends may be CRLF or LF; blank lines carry nothing and are
 * skipped (they are still counted in line numbers).
 */
public final class ProbeOutputParser {

    static final String HEADER = "WSUSPROBE 1";
    static final String END = "END";
    static final String PROBE_ERROR = "probe.error";

    /** The keys in the order the probe prints them. */
    static final List<String> ORDER = List.of(
            "os.caption", "os.version", "os.arch", "ps.version", "wsus.setup",
            "wsus.versionString", "wsus.installType", "wsus.targetDir", "wsus2.product",
            "dll.path", "dll.version", "log.path", "log.signatureCount", "log.signatureLast",
            "machine.name", "machine.guid",
            "reboot.rebootRequired", "reboot.cbsRebootPending", "reboot.pendingFileRename", "boot.last");

    /** Printed only when wsus.setup=present. */
    static final Set<String> SETUP_KEYS = Set.of(
            "wsus.versionString", "wsus.installType", "wsus.targetDir", "dll.path", "dll.version");

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, Integer> lineOf = new HashMap<>();
    private final List<String> probeErrors = new ArrayList<>();

    private ProbeOutputParser() {
    }

    public static Facts parse(String stdout) throws ProbeParseException {
        return new ProbeOutputParser().read(stdout);
    }

    private Facts read(String stdout) throws ProbeParseException {
        if (stdout == null || stdout.isBlank()) {
            throw new ProbeParseException("probe output is empty");
        }
        String[] lines = OutputLines.split(stdout);
        int header = firstNonBlank(lines);
        if (!lines[header].equals(HEADER)) {
            throw lineError(header + 1, lines[header].startsWith("WSUSPROBE ")
                    ? "unsupported probe protocol '" + Excerpt.of(lines[header]) + "' (expected '" + HEADER + "')"
                    : "expected '" + HEADER + "' first, got '" + Excerpt.of(lines[header]) + "' (not the probe's output?)");
        }
        // A cut output's last line is usually a broken one: say "truncated", not what broke.
        if (!java.util.Arrays.asList(lines).contains(END)) {
            throw new ProbeParseException("probe output ended without END after " + OutputLines.count(lines) + " lines (truncated?)");
        }
        int last = -1;
        for (int i = header + 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (last >= 0) {
                throw lineError(i + 1, "text after END: '" + Excerpt.of(line) + "'");
            }
            if (line.equals(END)) {
                last = i;
            } else {
                keyValue(i + 1, line);
            }
        }
        return facts(last + 1);
    }

    private static int firstNonBlank(String[] lines) {
        int i = 0;
        while (lines[i].isEmpty()) {
            i++; // stdout is not blank, so a non-empty line exists
        }
        return i;
    }

    private void keyValue(int lineNumber, String line) throws ProbeParseException {
        for (char c : line.toCharArray()) {
            if (Character.isISOControl(c)) {
                throw lineError(lineNumber, String.format("control character U+%04X in '%s'", (int) c, Excerpt.of(line)));
            }
        }
        int eq = line.indexOf('=');
        if (eq < 0) {
            throw lineError(lineNumber, "not a key=value line: '" + Excerpt.of(line) + "'");
        }
        String key = line.substring(0, eq);
        String value = line.substring(eq + 1);
        if (key.equals(PROBE_ERROR)) {
            probeErrors.add(value);
            return;
        }
        int position = ORDER.indexOf(key);
        if (position < 0) {
            throw lineError(lineNumber, "unknown key in '" + Excerpt.of(line) + "'");
        }
        if (values.containsKey(key)) {
            throw lineError(lineNumber, "key " + key + " repeated (first on line " + lineOf.get(key) + ")");
        }
        for (int later = position + 1; later < ORDER.size(); later++) {
            if (values.containsKey(ORDER.get(later))) {
                throw lineError(lineNumber, "key " + key + " out of order (after " + ORDER.get(later) + ")");
            }
        }
        values.put(key, value);
        lineOf.put(key, lineNumber);
    }

    private Facts facts(int endLine) throws ProbeParseException {
        boolean setup = presence("wsus.setup", endLine);
        for (String key : ORDER) {
            boolean expected = setup || !SETUP_KEYS.contains(key);
            if (expected && !values.containsKey(key)) {
                throw missing(endLine, key);
            }
            if (!expected && values.containsKey(key)) {
                throw valueError(lineOf.get(key), key + " given although wsus.setup=absent");
            }
        }
        String dllVersion = values.get("dll.version");
        String logPath = values.get("log.path");
        int signatureCount = count("log.signatureCount");
        String signatureLast = values.get("log.signatureLast");
        if ((signatureCount == 0) != signatureLast.isEmpty()) {
            throw valueError(lineOf.get("log.signatureLast"), "log.signatureLast '" + Excerpt.of(signatureLast)
                    + "' must be empty exactly when log.signatureCount is 0 (it is " + signatureCount + ")");
        }
        version("ps.version");
        return new Facts(
                identity(),
                values.get("os.caption"),
                version("os.version"),
                architecture(),
                values.get("ps.version"),
                setup,
                setup ? version("wsus.versionString") : null,
                setup ? count("wsus.installType") : null,
                setup ? nonEmpty("wsus.targetDir") : null,
                presence("wsus2.product", endLine),
                setup ? nonEmpty("dll.path") : null,
                setup && !"missing".equals(dllVersion) ? version("dll.version") : null,
                "none".equals(logPath) ? null : nonEmpty("log.path"),
                signatureCount,
                signatureCount == 0 ? null : signatureLast,
                new RebootPending(flag("reboot.rebootRequired"), flag("reboot.cbsRebootPending"),
                        flag("reboot.pendingFileRename")),
                bootTime(),
                ProbeMethod.POWERSHELL,
                probeErrors.isEmpty() ? null : String.join("; ", probeErrors));
    }

    /** Empty values are unknown (the probe could not read them); anything else must be well formed. */
    private MachineIdentity identity() throws ProbeParseException {
        try {
            return MachineIdentity.parse(values.get("machine.name"), values.get("machine.guid"));
        } catch (IllegalArgumentException e) {
            String key = e.getMessage().startsWith("MachineGuid") ? "machine.guid" : "machine.name";
            throw valueError(lineOf.get(key), key + ": " + e.getMessage());
        }
    }

    /** PowerShell prints a boolean as True or False; empty is unknown (the statement failed: a probe.error says why). */
    private Boolean flag(String key) throws ProbeParseException {
        String value = values.get(key);
        if (value.isEmpty()) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value.equalsIgnoreCase("true"));
        }
        throw valueError(lineOf.get(key), key + " '" + Excerpt.of(value) + "' is not True or False");
    }

    /** WMI's CIM DATETIME; empty is unknown. Refused otherwise: a restart is proven by this value changing. */
    private BootTime bootTime() throws ProbeParseException {
        try {
            return BootTime.parseCim(values.get("boot.last"));
        } catch (IllegalArgumentException e) {
            throw valueError(lineOf.get("boot.last"), "boot.last " + e.getMessage());
        }
    }

    private boolean presence(String key, int endLine) throws ProbeParseException {
        String value = values.get(key);
        if (value == null) {
            throw missing(endLine, key);
        }
        return switch (value) {
            case "present" -> true;
            case "absent" -> false;
            default -> throw valueError(lineOf.get(key), key + " '" + Excerpt.of(value) + "' is not present or absent");
        };
    }

    private Version version(String key) throws ProbeParseException {
        String value = values.get(key);
        try {
            return Version.parse(value);
        } catch (IllegalArgumentException e) {
            throw valueError(lineOf.get(key), key + " '" + Excerpt.of(value) + "' is not a version");
        }
    }

    private Architecture architecture() throws ProbeParseException {
        String value = values.get("os.arch");
        try {
            return Architecture.parse(value);
        } catch (IllegalArgumentException e) {
            throw valueError(lineOf.get("os.arch"), "os.arch '" + Excerpt.of(value) + "' is not x86, x64 or ia64");
        }
    }

    private int count(String key) throws ProbeParseException {
        String value = values.get(key);
        if (!value.matches("\\d{1,9}")) {
            throw valueError(lineOf.get(key), key + " '" + Excerpt.of(value) + "' is not a number");
        }
        return Integer.parseInt(value);
    }

    private String nonEmpty(String key) throws ProbeParseException {
        String value = values.get(key);
        if (value.isBlank()) {
            throw valueError(lineOf.get(key), key + " is empty");
        }
        return value;
    }

    private ProbeParseException missing(int endLine, String key) {
        return valueError(endLine, "required key " + key + " missing before END");
    }

    /** A value error: the probe's own error lines often say why (e.g. access denied), so they are quoted. */
    private ProbeParseException valueError(int lineNumber, String what) {
        String because = probeErrors.isEmpty() ? "" : "; the probe reported: " + Excerpt.of(String.join("; ", probeErrors));
        return lineError(lineNumber, what + because);
    }

    private static ProbeParseException lineError(int lineNumber, String what) {
        return new ProbeParseException("probe output line " + lineNumber + ": " + what);
    }
}
