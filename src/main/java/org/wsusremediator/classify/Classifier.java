package org.wsusremediator.classify;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.wsusremediator.inventory.RtmPolicy;
import org.wsusremediator.probe.Architecture;
import org.wsusremediator.probe.Facts;
import org.wsusremediator.probe.ProbeResult;
import org.wsusremediator.probe.Version;

/**
 * Facts to action, per DOMAIN.md: a pure, total decision table. The rows are tried in order and the first
 * that applies decides; the last row applies to everything, so every host gets an answer.
 * <p>
 * Judgement calls (DOMAIN.md leaves them open), all on the side of a person looking rather than a change:
 * WSUS 2.0 traces beside a WSUS 3.x Setup key (an upgraded SBS 2003 is affected); a client web service DLL
 * from another version line than the product's (a half-done upgrade, where KB954960 may not install and
 * "compliant" may not hold); and a remediation whose need for elevation cannot be told (OS version unknown).
 */
public final class Classifier {

    public static final String KB_PACKAGE_X86 = "WSUS3.0SP1-KB954960-x86.exe";
    public static final String KB_PACKAGE_X64 = "WSUS3.0SP1-KB954960-x64.exe";

    static final Version RTM_LINE = Version.of(3, 0, 6000);
    static final Version SP1_LINE = Sp1Dll.SP1_LINE;
    /** The client web service DLL's version once KB954960 is installed (advisory). */
    static final Version FIXED_DLL = Sp1Dll.FIXED_DLL;
    /** InstallType values of WSUS 2.0. */
    static final Set<Integer> WSUS2_INSTALL_TYPES = Set.of(32, 64, 128);
    static final int INSTALL_TYPE_SERVER = 1;
    static final int INSTALL_TYPE_CONSOLE = 2;
    /** What FileVersionInfo reports for a file without a version resource (every part 0). */
    static final Version NO_VERSION = Version.of(0, 0, 0, 0);

    /** One row of the table: when it applies, and what it decides. */
    record Rule(String name, Predicate<Host> applies, Function<Host, Classification> decide) {
    }

    /** The facts seen as the rows need them. */
    record Host(Facts facts, RtmPolicy rtmPolicy) {
        Version version() {
            return facts.versionString();
        }

        Version dll() {
            return facts.dllVersion();
        }

        boolean setup() {
            return facts.wsusSetupPresent();
        }

        int major() {
            return version() == null ? -1 : version().major();
        }

        boolean on(Version line) {
            return version() != null && version().sameLine(line);
        }

        boolean wsus2InstallType() {
            return facts.installType() != null && WSUS2_INSTALL_TYPES.contains(facts.installType());
        }

        boolean wsus2Traces() {
            return major() == 2 || wsus2InstallType() || facts.wsus2Product();
        }

        boolean sp2OrLater() {
            return major() >= 4 || (major() == 3 && version().minor() >= 2);
        }

        /** The one rule for the DLL of an SP1 server, shared with the verification after an install. */
        Sp1Dll sp1Dll() {
            return Sp1Dll.of(dll());
        }

        boolean dllOffLine(Version line) {
            return dll() != null && !dll().sameLine(line);
        }

        boolean osUnknown() {
            return facts.osVersion() == null;
        }
    }

    static final List<Rule> TABLE = List.of(
            rule("no Setup key, WSUS 2.0 product", h -> !h.setup() && h.facts().wsus2Product(),
                    h -> decide(Action.NOT_AFFECTED, "WSUS 2.0 is installed (product code present, no WSUS 3.0 Setup key): "
                            + "the advisory says WSUS 2.0 is not affected")),
            rule("no Setup key", h -> !h.setup(),
                    h -> decide(Action.NOT_APPLICABLE, "WSUS is not installed (no Update Services Setup key)")),
            rule("WSUS 2.0 traces beside WSUS 3.x", h -> h.wsus2Traces() && h.major() >= 3,
                    h -> decide(Action.NEEDS_REVIEW, "WSUS 2.0 traces (" + wsus2Evidence(h) + ") beside a Setup key of version "
                            + h.version() + ": an SBS 2003 whose WSUS 2.0 was upgraded to 3.0 is affected; check which is installed")),
            rule("WSUS 2.0", Host::wsus2Traces,
                    h -> decide(Action.NOT_AFFECTED, "WSUS 2.0 (" + wsus2Evidence(h) + "): the advisory says WSUS 2.0 is not affected")),
            rule("no VersionString", h -> h.version() == null,
                    h -> decide(Action.NEEDS_REVIEW, "the Setup key has no VersionString")),
            // WSUS writes VersionString as Major.Minor.Build.Revision (REG_SZ). A bare number is what a REG_DWORD
            // VersionString reads as in PowerShell (30106001): as a version it would be "major 30106001", i.e. newer
            // than SP2, and called compliant. Anything not of four parts is not a WSUS version string.
            rule("VersionString not Major.Minor.Build.Revision", h -> h.version().length() != 4,
                    h -> decide(Action.NEEDS_REVIEW, "the Setup key's VersionString '" + h.version() + "' is not of the form "
                            + "Major.Minor.Build.Revision (stored as a number instead of text?): WSUS's version cannot be told")),
            rule("DLL without version information", h -> h.dll() != null && h.dll().equals(NO_VERSION),
                    h -> decide(Action.NEEDS_REVIEW, "WSUS " + h.version() + " but the client web service DLL has no version "
                            + "information (it reads 0.0.0.0): whether KB954960 is installed cannot be told")),
            rule("console only", h -> Objects.equals(h.facts().installType(), INSTALL_TYPE_CONSOLE),
                    h -> decide(Action.NOT_APPLICABLE, "only the WSUS administration console is installed (InstallType 2), no server")),
            rule("unknown InstallType", h -> !Objects.equals(h.facts().installType(), INSTALL_TYPE_SERVER),
                    h -> decide(Action.NEEDS_REVIEW, "unknown InstallType " + h.facts().installType()
                            + " (1 is a server, 2 console only)")),
            rule("RTM, DLL of another line", h -> h.on(RTM_LINE) && h.dllOffLine(RTM_LINE),
                    h -> decide(Action.NEEDS_REVIEW, "WSUS 3.0 RTM (" + h.version() + ") but the client web service DLL is "
                            + h.dll() + ": a partial upgrade? Neither the RTM workaround nor an upgrade flag is safe before a person looks")),
            rule("RTM, workaround, OS unknown", h -> h.on(RTM_LINE) && h.rtmPolicy() == RtmPolicy.WORKAROUND && h.osUnknown(),
                    h -> decide(Action.NEEDS_REVIEW, rtm(h) + " (rtmPolicy workaround), but the OS version is unknown: "
                            + "cannot tell whether the workaround must run elevated")),
            // Workaround recipes are PowerShell scripts (docs/recipes.md): without PowerShell the recipe could only
            // fail when run, after approval; say so at scan time instead.
            rule("RTM, workaround, no PowerShell", h -> h.on(RTM_LINE) && h.rtmPolicy() == RtmPolicy.WORKAROUND
                            && h.facts().powerShellVersion() == null,
                    h -> decide(Action.NEEDS_REVIEW, rtm(h) + " (rtmPolicy workaround), but the host has no PowerShell "
                            + "(read with the cmd.exe fallback) and the workaround recipe runs PowerShell scripts: it would fail "
                            + "with 'powershell' is not recognized. Install PowerShell 2.0 (WMF, KB968929) or set rtmPolicy upgrade")),
            rule("RTM, workaround", h -> h.on(RTM_LINE) && h.rtmPolicy() == RtmPolicy.WORKAROUND,
                    h -> new Classification(Action.RTM_WORKAROUND, rtm(h) + "; rtmPolicy workaround: apply the KB954960 workaround recipe",
                            null, h.facts().hasUac())),
            rule("RTM, upgrade", h -> h.on(RTM_LINE),
                    h -> decide(Action.FLAG_UPGRADE, rtm(h) + "; rtmPolicy upgrade: flag for an upgrade to WSUS 3.0 SP1, then KB954960")),
            rule("SP1, DLL missing", h -> h.on(SP1_LINE) && h.sp1Dll() == Sp1Dll.MISSING,
                    h -> decide(Action.NEEDS_REVIEW, "WSUS 3.0 SP1 (" + h.version() + ") but the client web service DLL was not found at "
                            + h.facts().dllPath())),
            rule("SP1, DLL of another line", h -> h.on(SP1_LINE) && h.sp1Dll() == Sp1Dll.MIXED_INSTALLATION,
                    h -> decide(Action.NEEDS_REVIEW, "WSUS 3.0 SP1 (" + h.version() + ") but " + Sp1Dll.mixedInstallation(h.dll()))),
            rule("SP1, fixed", h -> h.on(SP1_LINE) && h.sp1Dll() == Sp1Dll.FIXED,
                    h -> decide(Action.COMPLIANT, "WSUS 3.0 SP1 with the client web service DLL at " + h.dll()
                            + " (KB954960 gives " + FIXED_DLL + ")")),
            rule("SP1, unfixed, ia64", h -> h.on(SP1_LINE) && h.facts().architecture() == Architecture.IA64,
                    h -> decide(Action.NEEDS_REVIEW, sp1Unfixed(h) + ", but there is no KB954960 package for ia64")),
            rule("SP1, unfixed, architecture unknown", h -> h.on(SP1_LINE) && h.facts().architecture() == null,
                    h -> decide(Action.NEEDS_REVIEW, sp1Unfixed(h) + ", but the architecture is unknown: no package can be picked")),
            rule("SP1, unfixed, OS unknown", h -> h.on(SP1_LINE) && h.osUnknown(),
                    h -> decide(Action.NEEDS_REVIEW, sp1Unfixed(h) + ", but the OS version is unknown: "
                            + "cannot tell whether installing must run elevated")),
            rule("SP1, unfixed", h -> h.on(SP1_LINE),
                    h -> new Classification(Action.INSTALL_KB, sp1Unfixed(h) + ": install KB954960 (cannot be uninstalled)",
                            h.facts().architecture() == Architecture.X64 ? KB_PACKAGE_X64 : KB_PACKAGE_X86, h.facts().hasUac())),
            rule("SP2 and later", Host::sp2OrLater,
                    h -> decide(Action.COMPLIANT, "WSUS " + h.version() + " is SP2 (3.2.7600) or later: "
                            + "SP2 and later very probably contain the fix (unverified)")),
            rule("other WSUS 3.0 build", h -> h.major() == 3,
                    h -> decide(Action.NEEDS_REVIEW, "unknown WSUS 3.0 build " + h.version()
                            + " (known: 3.0.6000 RTM, 3.1.6001 SP1, 3.2.7600 SP2)")),
            rule("anything else", h -> true,
                    h -> decide(Action.NEEDS_REVIEW, "unrecognised WSUS version " + h.version())));

    private Classifier() {
    }

    public static Classification classify(Facts facts, RtmPolicy rtmPolicy) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(rtmPolicy, "rtmPolicy");
        Host host = new Host(facts, rtmPolicy);
        Classification decided = rowFor(host).decide().apply(host);
        return decided.withReason(decided.reason() + context(facts));
    }

    /** The first row that applies; the last row applies to every host. */
    static Rule rowFor(Host host) {
        return TABLE.stream().filter(r -> r.applies().test(host)).findFirst().orElseThrow();
    }

    /** A failed probe needs a person; a transport failure (UNREACHABLE) never gets here, it was thrown. */
    public static Classification classify(ProbeResult result, RtmPolicy rtmPolicy) {
        return result.succeeded()
                ? classify(result.facts(), rtmPolicy)
                : Classification.of(Action.NEEDS_REVIEW, "probe failed (" + result.failure().kind() + "): " + result.failure().reason());
    }

    /** The names of the rows in order: the table as a reader (or a report) sees it. */
    public static List<String> ruleNames() {
        return TABLE.stream().map(Rule::name).toList();
    }

    /** What holds whatever the row: the server log's evidence and anything the probe could not read. */
    private static String context(Facts facts) {
        String text = "";
        if (facts.symptomatic()) {
            text += "; symptomatic: " + facts.signatureCount() + " fault signatures in SoftwareDistribution.log, last at "
                    + facts.signatureLast();
        }
        if (facts.probeWarning() != null) {
            text += "; probe warning: " + facts.probeWarning();
        }
        return text;
    }

    private static Rule rule(String name, Predicate<Host> applies, Function<Host, Classification> decide) {
        return new Rule(name, applies, decide);
    }

    private static Classification decide(Action action, String reason) {
        return Classification.of(action, reason);
    }

    private static String rtm(Host h) {
        return "WSUS 3.0 RTM (" + h.version() + "): KB954960 does not apply to RTM"
                + (h.dll() == null ? " (client web service DLL not found at " + h.facts().dllPath() + ")" : "");
    }

    private static String sp1Unfixed(Host h) {
        return "WSUS 3.0 SP1 (" + h.version() + ") with the client web service DLL at " + h.dll() + ", below " + FIXED_DLL;
    }

    private static String wsus2Evidence(Host h) {
        StringBuilder b = new StringBuilder();
        if (h.major() == 2) {
            b.append("VersionString ").append(h.version());
        }
        if (h.wsus2InstallType()) {
            b.append(b.isEmpty() ? "" : ", ").append("InstallType ").append(h.facts().installType());
        }
        if (h.facts().wsus2Product()) {
            b.append(b.isEmpty() ? "" : ", ").append("product code {A0D46DC6-8950-451A-8990-53C86E17666E}");
        }
        return b.toString();
    }
}
