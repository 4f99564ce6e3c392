package org.wsusremediator.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser of the cmd.exe fallback's two steps (docs/probe-protocol.md, section 2) into {@link Facts}.
 * <p>
 * stdout is cut into the sections the {@code echo ##name} markers open. stderr has no markers, so what it
 * says is matched by its words: a registry key or the DLL counts as absent only when the tool said so
 * (an "Access is denied" must not read as "WSUS is not installed"). The tools' messages are translated on other
 * display languages: the known translations are accepted (docs/simulator-localized-hosts.md); any other makes absence
 * unprovable and the probe unparseable, which is the safe side.
 */
public final class FallbackOutputParser {

    static final String SETUP_KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup";
    static final String DLL_RELATIVE = "WebServices\\ClientWebService\\bin\\Microsoft.UpdateServices.WebServices.Client.Dll";
    static final String LOG_DIR_1 = "LogFiles";
    static final String LOG_DIR_2 = "Log Files";
    static final String LOG_NAME = "SoftwareDistribution.log";

    /**
     * reg.exe's "key or value not found", by a part that survives code page 437 (umlauts do not): en-US, de-DE, es-ES,
     * and ja-JP as it reads when the console's code page carries it (under 437 it is all '?').
     */
    private static final List<String> KEY_MISSING = List.of("unable to find the specified registry key",
            "der angegebene registrierungsschl", "no pudo encontrar la clave o el valor del registro",
            "指定されたレジストリ キーまたは値が見つかりませんでした");
    /** wmic's "No Instance(s) Available." in en-US and (guessed, see the doc) de-DE, es-ES, ja-JP. */
    private static final List<String> NO_INSTANCE = List.of("no instance(s) available", "keine instanz(en) verf",
            "no hay instancias disponibles", "利用できるインスタンスがありません");
    /** findstr prefixes its errors so in every language; the file's path (ASCII here) says which file. */
    private static final String FINDSTR = "findstr: ";
    private static final String WMIC_INSTALLING = "please wait while wmic is being installed";
    private static final String MACHINE_GUID = "MachineGuid";
    /** Step 1's sections of the restart flags; each query's stderr is joined to its stdout ({@code 2>&1}). */
    static final String REBOOT_REQUIRED = "##rebootRequired";
    static final String CBS_REBOOT_PENDING = "##cbsRebootPending";
    static final String PENDING_FILE_RENAME = "##pendingFileRename";
    private static final String COMPUTERNAME_IS = "COMPUTERNAME=";

    /** reg.exe value lines: 2008 separates name, type and data by four spaces, 2003 by TABs. */
    private static final Pattern REG_VALUE = Pattern.compile("^ {4}(\\S.*?)(?:\\t| {4})(REG_[A-Z_]+)(?:(?:\\t| {4})(.*))?$");
    private static final Pattern FINDSTR_LINE = Pattern.compile("^(\\d{1,12}):(.*)$");

    /** What step 1 read: the Setup key, WSUS 2.0's product code and the OS. */
    public record SetupAndOs(
            MachineIdentity machine,
            boolean wsusSetupPresent,
            Version versionString,
            Integer installType,
            String targetDir,
            boolean wsus2Product,
            String osCaption,
            Version osVersion,
            Architecture architecture,
            RebootPending rebootPending,
            BootTime lastBoot,
            String warning) {

        /** The facts when there is no step 2 (no Setup key): no DLL, no log was read. */
        public Facts toFacts() {
            return facts(null, null, null, new LogSignatures(), warning);
        }

        Facts facts(String dllPath, Version dllVersion, String logPath, LogSignatures log, String warning) {
            return new Facts(machine, osCaption, osVersion, architecture, null, wsusSetupPresent, versionString, installType,
                    targetDir, wsus2Product, dllPath, dllVersion, logPath, log.count(), log.last(), rebootPending, lastBoot,
                    ProbeMethod.CMD_FALLBACK, warning);
        }
    }

    private FallbackOutputParser() {
    }

    public static SetupAndOs parseStep1(RemoteShell.CommandResult result) throws ProbeParseException {
        MarkedOutput out = MarkedOutput.of("fallback step 1", result.stdout(),
                "##setup", "##wsus2", "##guid", "##name", "##os", "##arch",
                REBOOT_REQUIRED, CBS_REBOOT_PENDING, PENDING_FILE_RENAME, "##end");
        List<String> stderr = stderrLines(result);
        List<String> unexplained = new ArrayList<>(stderr);
        unexplained.removeIf(line -> keyMissing(line) || lower(line).contains(WMIC_INSTALLING));

        Map<String, String> setup = regValues(out, "##setup");
        boolean setupPresent = setup != null;
        boolean wsus2Present = regValues(out, "##wsus2") != null;
        Map<String, String> guidKey = regValues(out, "##guid");
        // reg.exe 6.x says it on stderr; which stream reg.exe 3.0 (Server 2003) uses is not established, so its words in
        // the query's own section of stdout count too (docs/simulator-legacy-windows.md); in any known language
        long missingSaid = stderr.stream().filter(FallbackOutputParser::keyMissing).count()
                + java.util.stream.Stream.of("##setup", "##wsus2", "##guid").flatMap(section -> out.rawLines(section).stream())
                        .filter(FallbackOutputParser::keyMissing).count();
        Map<String, String> empty = new LinkedHashMap<>();
        if (!setupPresent) {
            empty.put("##setup", "the Setup key");
        }
        if (!wsus2Present) {
            empty.put("##wsus2", "WSUS 2.0's product code");
        }
        if (guidKey == null) {
            empty.put("##guid", "MachineGuid");
        }
        if (missingSaid < empty.size()) {
            // stderr has no markers: which of the empty sections went unexplained cannot be told, so all are named.
            throw out.error(empty.keySet().iterator().next(), "reg query printed nothing for " + String.join(", ", empty.values())
                    + " but said only " + missingSaid + " time(s) that a key or value is missing" + stderrNote(unexplained));
        }
        if (guidKey != null && !guidKey.containsKey(MACHINE_GUID)) {
            throw out.error("##guid", "reg query printed the Cryptography key without its MachineGuid value");
        }

        Map<String, String> os = wmicValues(out.lines("##os"));
        String osVersion = os.get("Version");
        if (osVersion == null) {
            throw out.error("##os", "wmic os printed no Version" + stderrNote(unexplained));
        }
        boolean wow64 = wow64(out);
        String guid = guidKey == null || wow64 ? null : guidKey.get(MACHINE_GUID);
        List<String> warnings = new ArrayList<>();
        if (wow64) {
            warnings.add("32-bit cmd.exe on 64-bit Windows: MachineGuid (64-bit registry view only) and the SOFTWARE"
                    + " restart flags not read");
        }
        if (!unexplained.isEmpty()) {
            warnings.add("unexpected stderr: " + Excerpt.of(String.join(" / ", unexplained)));
        }
        // A 32-bit cmd.exe reads SOFTWARE through the redirected 32-bit view: those two flags are not taken (SYSTEM is not
        // redirected, so the Session Manager's value is).
        RebootPending pending = new RebootPending(wow64 ? null : keyFlag(out, REBOOT_REQUIRED, warnings),
                wow64 ? null : keyFlag(out, CBS_REBOOT_PENDING, warnings), fileRenamesFlag(out, warnings));
        BootTime lastBoot;
        try {
            lastBoot = BootTime.parseCim(os.get("LastBootUpTime"));
        } catch (IllegalArgumentException e) {
            throw out.error("##os", "LastBootUpTime " + e.getMessage());
        }
        return new SetupAndOs(
                identity(out, computerName(out), guid),
                setupPresent,
                setupPresent ? out.version("##setup", "VersionString", required(out, setup, "VersionString")) : null,
                setupPresent ? dword(out, required(out, setup, "InstallType")) : null,
                setupPresent ? required(out, setup, "TargetDir") : null,
                wsus2Present,
                asciiCaption(os.getOrDefault("Caption", "")),
                out.version("##os", "Version", osVersion),
                architecture(out),
                pending,
                lastBoot,
                warnings.isEmpty() ? null : String.join("; ", warnings));
    }

    public static Facts parseStep2(SetupAndOs step1, RemoteShell.CommandResult result) throws ProbeParseException {
        MarkedOutput out = MarkedOutput.of("fallback step 2", result.stdout(), "##dll", "##log1", "##log2", "##end");
        List<String> stderr = stderrLines(result);
        String dir = step1.targetDir().endsWith("\\") ? step1.targetDir() : step1.targetDir() + "\\";

        String dllText = wmicValues(out.lines("##dll")).get("Version");
        boolean dllAbsentSaid = stderr.stream().anyMatch(FallbackOutputParser::noInstance);
        if (dllText == null && !dllAbsentSaid) {
            throw out.error("##dll", "wmic datafile printed no Version and did not say the file is missing" + stderrNote(stderr));
        }
        Version dllVersion = dllText == null ? null : out.version("##dll", "Version", dllText);

        // As the PowerShell probe: the first of the two log files that exists is the one read.
        String logPath = null;
        String logSection = null;
        for (String[] candidate : new String[][] {{"##log1", LOG_DIR_1}, {"##log2", LOG_DIR_2}}) {
            String path = dir + candidate[1] + "\\" + LOG_NAME;
            boolean opened = !out.lines(candidate[0]).isEmpty() || !cannotOpen(stderr, candidate[1] + "\\" + LOG_NAME);
            if (opened) {
                logPath = path;
                logSection = candidate[0];
                break;
            }
        }
        LogSignatures log = new LogSignatures();
        if (logSection != null) {
            feed(out, logSection, log);
        }

        List<String> unexplained = new ArrayList<>(stderr);
        unexplained.removeIf(line -> noInstance(line) || lower(line).startsWith(FINDSTR) || lower(line).contains(WMIC_INSTALLING));
        String warning = join(step1.warning(), unexplained.isEmpty() ? null : "unexpected stderr: " + Excerpt.of(String.join(" / ", unexplained)));
        return step1.facts(dir + DLL_RELATIVE, dllVersion, logPath, log, warning);
    }

    /**
     * A restart flag that is a key: its query's own output (stderr joined to it by {@code 2>&1}) shows the key's path
     * (present), or reg's "not found" in a known language (absent). Anything else (nothing at all, access denied, a
     * language we do not know) leaves the flag unknown with a warning: not a reason to refuse the whole probe, since no
     * action depends on it.
     */
    private static Boolean keyFlag(MarkedOutput out, String section, List<String> warnings) {
        List<String> lines = out.lines(section);
        if (lines.stream().anyMatch(line -> line.regionMatches(true, 0, "HKEY_", 0, 5))) {
            return true;
        }
        if (lines.stream().anyMatch(FallbackOutputParser::keyMissing)) {
            return false;
        }
        warnings.add(unreadFlag(section, lines));
        return null;
    }

    /** PendingFileRenameOperations: set when the value has data (as PowerShell's [bool] of its strings); absent: false. */
    private static Boolean fileRenamesFlag(MarkedOutput out, List<String> warnings) {
        for (String raw : out.rawLines(PENDING_FILE_RENAME)) {
            Matcher m = REG_VALUE.matcher(raw);
            if (m.matches() && m.group(1).equalsIgnoreCase("PendingFileRenameOperations")) {
                return m.group(3) != null && !m.group(3).isBlank();
            }
        }
        List<String> lines = out.lines(PENDING_FILE_RENAME);
        if (lines.stream().anyMatch(FallbackOutputParser::keyMissing)) {
            return false;
        }
        warnings.add(unreadFlag(PENDING_FILE_RENAME, lines));
        return null;
    }

    private static String unreadFlag(String section, List<String> lines) {
        return "restart flag " + section.substring(2) + " not read"
                + (lines.isEmpty() ? " (reg query printed nothing)" : ": '" + Excerpt.of(lines.get(lines.size() - 1)) + "'");
    }

    /** {@code set COMPUTERNAME} prints {@code COMPUTERNAME=NAME} (and any longer variable starting so). */
    private static String computerName(MarkedOutput out) {
        for (String line : out.lines("##name")) {
            if (line.regionMatches(true, 0, COMPUTERNAME_IS, 0, COMPUTERNAME_IS.length())) {
                return asciiCaption(line.substring(COMPUTERNAME_IS.length())); // as the PowerShell probe: '?' for the rest
            }
        }
        return null; // "Environment variable COMPUTERNAME not defined" on stderr: a warning, the name unknown
    }

    private static MachineIdentity identity(MarkedOutput out, String name, String guid) throws ProbeParseException {
        try {
            return MachineIdentity.parse(name, guid);
        } catch (IllegalArgumentException e) {
            throw out.error(e.getMessage().startsWith("MachineGuid") ? "##guid" : "##name", e.getMessage());
        }
    }

    /** PROCESSOR_ARCHITEW6432 is set only in a 32-bit process on 64-bit Windows, whose registry view is redirected. */
    private static boolean wow64(MarkedOutput out) {
        String[] words = out.marker("##arch").split("\\s+");
        return words.length > 2 && !words[2].startsWith("%");
    }

    /** The values of the one key reg query printed in this section, or null when it printed none. */
    private static Map<String, String> regValues(MarkedOutput out, String section) {
        Map<String, String> values = null;
        for (String raw : out.rawLines(section)) {
            String line = raw.strip();
            if (line.regionMatches(true, 0, "HKEY_", 0, 5)) {
                if (values != null) {
                    break; // a subkey listed after the values
                }
                values = new LinkedHashMap<>();
            } else if (values != null) {
                Matcher m = REG_VALUE.matcher(raw);
                if (m.matches()) {
                    values.put(m.group(1), m.group(3) == null ? "" : m.group(3).strip());
                }
            }
        }
        return values;
    }

    private static String required(MarkedOutput out, Map<String, String> values, String name) throws ProbeParseException {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw out.error("##setup", "the Setup key has no " + name + " value");
        }
        return value;
    }

    private static Integer dword(MarkedOutput out, String text) throws ProbeParseException {
        try {
            String t = text.strip();
            long value = t.regionMatches(true, 0, "0x", 0, 2) ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            if (value < 0 || value > 0xFFFFFFFFL) {
                throw new NumberFormatException();
            }
            return (int) value;
        } catch (NumberFormatException e) {
            throw out.error("##setup", "InstallType '" + Excerpt.of(text) + "' is not a DWORD");
        }
    }

    /** {@code wmic /value} lines: Name=value, between empty lines (CR CR LF ends are already gone). */
    private static Map<String, String> wmicValues(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return values;
    }

    /**
     * {@code ##arch %PROCESSOR_ARCHITECTURE% %PROCESSOR_ARCHITEW6432%}: the second, when set, is the OS's
     * architecture under a 32-bit cmd; unset, cmd leaves it as the literal text.
     */
    private static Architecture architecture(MarkedOutput out) throws ProbeParseException {
        String[] words = out.marker("##arch").split("\\s+");
        String value = words.length > 2 && !words[2].startsWith("%") ? words[2] : words.length > 1 ? words[1] : "";
        try {
            return Architecture.parse(value);
        } catch (IllegalArgumentException e) {
            throw out.error("##arch", "architecture '" + Excerpt.of(value) + "' is not x86, AMD64 or IA64");
        }
    }

    private static void feed(MarkedOutput out, String section, LogSignatures log) throws ProbeParseException {
        for (String line : out.lines(section)) {
            Matcher m = FINDSTR_LINE.matcher(line);
            if (!m.matches()) {
                throw out.error(section, "not a findstr /n line: '" + Excerpt.of(line) + "'");
            }
            try {
                log.line(Long.parseLong(m.group(1)), m.group(2));
            } catch (IllegalArgumentException e) {
                throw out.error(section, "findstr line numbers out of order at '" + Excerpt.of(line) + "'");
            }
        }
    }

    /**
     * findstr said it cannot open the file: an error line naming it. Matched by findstr's prefix and the path, not by
     * the words between (en-US ends with the path, de-DE puts it first, ...).
     */
    private static boolean cannotOpen(List<String> stderr, String pathEnd) {
        String end = lower(pathEnd);
        return stderr.stream().map(FallbackOutputParser::lower).anyMatch(line -> line.startsWith(FINDSTR) && line.contains(end));
    }

    private static boolean keyMissing(String line) {
        String lower = lower(line);
        return KEY_MISSING.stream().anyMatch(lower::contains);
    }

    private static boolean noInstance(String line) {
        String lower = lower(line);
        return NO_INSTANCE.stream().anyMatch(lower::contains);
    }

    /** The caption as the PowerShell probe prints it: (R) and (TM) signs dropped, other non-ASCII as '?'. */
    private static String asciiCaption(String caption) {
        StringBuilder b = new StringBuilder();
        for (char c : caption.toCharArray()) {
            if (c == '\u00AE' || c == '\u2122' || c == '\uFFFD') {
                continue; // the signs, or what a wrong charset made of them
            }
            b.append(c >= 0x20 && c <= 0x7E ? c : '?');
        }
        return b.toString().strip();
    }

    private static List<String> stderrLines(RemoteShell.CommandResult result) {
        List<String> lines = new ArrayList<>();
        if (result.stderr() != null) {
            for (String line : OutputLines.split(result.stderr())) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
        }
        return lines;
    }

    private static String stderrNote(List<String> stderr) {
        return stderr.isEmpty() ? "" : " (stderr: '" + Excerpt.of(stderr.get(0)) + "')";
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
