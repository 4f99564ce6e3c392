package org.wsusremediator.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProbeScriptsTest {

    /**
     * The bound docs/probe-protocol.md promises for the script as sent; growth past it must be a decision. Raised from
     * 2,400 for the restart facts (issue 14): about 3,040 characters is where cmd.exe's 8,191 ends.
     */
    static final int SCRIPT_BOUND = 2_800;
    /** ... and for the encoded command line (cmd.exe caps at 8191). */
    static final int PS_COMMAND_LINE_BOUND = 7_550;

    private final ProbeScripts scripts = ProbeScripts.standard();

    @Test
    void powerShellCommandLineCarriesTheScriptAsBase64Utf16le() {
        String line = scripts.powerShellCommandLine();
        String prefix = "powershell -NoProfile -NonInteractive -EncodedCommand ";
        assertThat(line).startsWith(prefix).endsWith(" <NUL"); // stdin closed: PowerShell 1.0/2.0 would wait on it
        String decoded = new String(Base64.getDecoder().decode(line.substring(prefix.length(), line.length() - " <NUL".length())),
                StandardCharsets.UTF_16LE);
        assertThat(decoded).isEqualTo(scripts.powerShellScript());
        assertThat(decoded).startsWith(ProbeScripts.MARKER + "\n");
    }

    @Test
    void everyCommandLineStaysUnderTheDocumentedBounds() {
        String script = scripts.powerShellScript();
        String longDir = "D:\\" + "Very Long Folder Name\\".repeat(10);
        System.out.printf("probe sizes: script as sent %d chars, PowerShell command line %d, step 1 %d, step 2 %d (%d-char TargetDir)%n",
                script.length(), scripts.powerShellCommandLine().length(), scripts.fallbackStep1().length(),
                scripts.fallbackStep2(longDir).length(), longDir.length());
        assertThat(script.length()).isLessThanOrEqualTo(SCRIPT_BOUND);
        assertThat(scripts.powerShellCommandLine().length()).isLessThanOrEqualTo(PS_COMMAND_LINE_BOUND);
        assertThat(scripts.fallbackStep1().length()).isLessThan(ProbeScripts.CMD_LINE_LIMIT);
        assertThat(scripts.fallbackStep2(longDir).length()).isLessThan(ProbeScripts.CMD_LINE_LIMIT);
    }

    @Test
    void scriptIsAsciiAndAvoidsWhatPowerShell1And2Lack() {
        String script = scripts.powerShellScript();
        assertThat(script.chars()).allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7F));
        // try/catch is 2.0+, the rest 3.0+: the probe must run on the PowerShell 1.0 of Server 2008.
        assertThat(script.toLowerCase())
                .doesNotContain("convertto-json", "-erroraction ignore", "[ordered]", "-context", "try {", "catch {", "try{", "catch{");
    }

    @Test
    void compactingKeepsTheMarkerAndDropsCommentsAndIndentation() {
        String compact = ProbeScripts.compact(ProbeScripts.MARKER + "\r\n# why\r\n\r\n  $a = 1\r\n    # more\r\nif ($a) { 'x' }\r\n");
        assertThat(compact).isEqualTo(ProbeScripts.MARKER + "\n$a = 1\nif ($a) { 'x' }");
        assertThatThrownBy(() -> ProbeScripts.compact("$a = 1")).hasMessageContaining(ProbeScripts.MARKER);
    }

    @Test
    void stepOneIsTheDocumentedLine() {
        assertThat(scripts.fallbackStep1())
                .startsWith("echo ##setup & reg query \"HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup\"")
                .contains("wmic os get Caption,LastBootUpTime,Version /value <nul")
                // each restart flag's query with its stderr joined to stdout, so that its own section says absent
                .contains("echo ##rebootRequired & reg query \"HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion"
                        + "\\WindowsUpdate\\Auto Update\\RebootRequired\" 2>&1")
                .contains("& reg query \"HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\" /v "
                        + "PendingFileRenameOperations 2>&1 & echo ##end")
                .endsWith("echo ##end");
    }

    @Test
    void stepTwoFillsBothPathFormsAndEnsuresTheTrailingBackslash() {
        String line = scripts.fallbackStep2("C:\\Program Files\\Update Services");
        assertThat(line)
                .contains("wmic datafile where name=\"C:\\\\Program Files\\\\Update Services\\\\WebServices\\\\ClientWebService"
                        + "\\\\bin\\\\Microsoft.UpdateServices.WebServices.Client.Dll\" get Version /value <nul")
                .contains("\"C:\\Program Files\\Update Services\\LogFiles\\SoftwareDistribution.log\"")
                .contains("\"C:\\Program Files\\Update Services\\Log Files\\SoftwareDistribution.log\"")
                .doesNotContain("{targetDir");
        assertThat(scripts.fallbackStep2("C:\\Program Files\\Update Services\\")).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:\\a\"b\\", "C:\\a&b\\", "C:\\a|b\\", "C:\\a<b\\", "C:\\a>b\\", "C:\\a^b\\", "C:\\%PATH%\\",
            "C:\\a\nb\\", "C:\\a\rb\\", "C:\\a\u0000b\\", "", "  "})
    void stepTwoRefusesHostDataThatCmdWouldInterpret(String targetDir) {
        assertThatThrownBy(() -> scripts.fallbackStep2(targetDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TargetDir");
    }

    @Test
    void refusalNamesTheCharacterAndWhy() {
        assertThatThrownBy(() -> scripts.fallbackStep2("C:\\x & del C:\\"))
                .hasMessageContaining("'&'").hasMessageContaining("host data is not put into a command line");
    }
}
