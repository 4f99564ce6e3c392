package org.wsusremediator.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.wsusremediator.probe.FallbackOutputParser.SetupAndOs;
import org.wsusremediator.probe.RemoteShell.CommandResult;

class FallbackOutputParserTest {

    @Test
    void server2008RegExeWithFourSpaceSeparatorsAndWmicCrCrLf() throws Exception {
        SetupAndOs s = FallbackOutputParser.parseStep1(Fixtures.result("step1-2008-x64-sp1"));
        assertThat(s.wsusSetupPresent()).isTrue();
        assertThat(s.versionString()).isEqualTo(Version.of(3, 1, 6001, 65));
        assertThat(s.installType()).isEqualTo(1);
        assertThat(s.targetDir()).isEqualTo("C:\\Program Files\\Update Services\\");
        assertThat(s.wsus2Product()).isFalse();
        // wmic's (R) signs arrive as U+FFFD when the platform charset is UTF-8: dropped, as the PowerShell probe does.
        assertThat(s.osCaption()).isEqualTo("Microsoft Windows Server 2008 Enterprise");
        assertThat(s.osVersion()).isEqualTo(Version.of(6, 0, 6001));
        assertThat(s.architecture()).isEqualTo(Architecture.X64);
        assertThat(s.machine()).isEqualTo(new MachineIdentity("WSUS08", "5d2a3f8e-61b7-4c0e-9f3a-2b8c7d1e4a90"));
        assertThat(s.warning()).isNull();
    }

    @Test
    void server2003RegExe30WithHeaderAndTabs() throws Exception {
        SetupAndOs s = FallbackOutputParser.parseStep1(Fixtures.result("step1-2003-x86-rtm"));
        assertThat(s.wsusSetupPresent()).isTrue();
        assertThat(s.versionString()).isEqualTo(Version.of(3, 0, 6000, 273));
        assertThat(s.installType()).isEqualTo(1);
        assertThat(s.targetDir()).isEqualTo("C:\\Program Files\\Update Services\\");
        assertThat(s.osCaption()).isEqualTo("Microsoft(R) Windows(R) Server 2003, Standard Edition");
        assertThat(s.osVersion()).isEqualTo(Version.of(5, 2, 3790));
        assertThat(s.architecture()).isEqualTo(Architecture.X86);
        assertThat(s.machine()).isEqualTo(new MachineIdentity("SRV03", "7c3e9b2a-1f4d-4e68-b5a0-9d8c2e6f1b37"));
    }

    @Test
    void noWsusGivesFactsWithoutStepTwo() throws Exception {
        SetupAndOs s = FallbackOutputParser.parseStep1(Fixtures.result("step1-2003-no-wsus"));
        assertThat(s.wsusSetupPresent()).isFalse();
        assertThat(s.wsus2Product()).isFalse();
        // a 32-bit cmd on 64-bit Windows: PROCESSOR_ARCHITEW6432 is set and wins
        assertThat(s.architecture()).isEqualTo(Architecture.X64);
        Facts f = s.toFacts();
        assertThat(f.probeMethod()).isEqualTo(ProbeMethod.CMD_FALLBACK);
        assertThat(f.powerShellVersion()).isNull();
        assertThat(f.versionString()).isNull();
        assertThat(f.dllPath()).isNull();
        assertThat(f.logPath()).isNull();
        assertThat(f.signatureCount()).isZero();
        // ...whose registry view is redirected: no MachineGuid there (reg says so); the name still counts
        assertThat(f.machine()).isEqualTo(new MachineIdentity("SRV03X64", null));
        assertThat(f.probeWarning()).contains("32-bit cmd.exe on 64-bit Windows: MachineGuid");
    }

    @Test
    void restartFlagsAndBootTimeFromRegAndWmic() throws Exception {
        SetupAndOs s2008 = FallbackOutputParser.parseStep1(Fixtures.result("step1-2008-x64-sp1"));
        assertThat(s2008.rebootPending()).isEqualTo(RebootPending.NONE);
        assertThat(s2008.lastBoot()).hasToString("2008-06-14T02:00:00.500Z");
        assertThat(s2008.warning()).isNull();

        // reg.exe 3.0: the key and the value with data; no CBS on 2003, its not-found joined to stdout by 2>&1
        SetupAndOs s2003 = FallbackOutputParser.parseStep1(Fixtures.result("step1-2003-x86-rtm"));
        assertThat(s2003.rebootPending()).isEqualTo(new RebootPending(true, false, true));
        assertThat(s2003.toFacts().rebootPending().describe())
                .isEqualTo("restart pending (RebootRequired, PendingFileRenameOperations)");
        assertThat(s2003.lastBoot()).hasToString("2008-06-10T13:30:15.125Z");
        assertThat(s2003.warning()).isNull();

        // a 32-bit cmd.exe reads SOFTWARE redirected: those flags are not taken; SYSTEM's value is
        SetupAndOs wow64 = FallbackOutputParser.parseStep1(Fixtures.result("step1-2003-no-wsus"));
        assertThat(wow64.rebootPending()).isEqualTo(new RebootPending(null, null, false));
        assertThat(wow64.rebootPending().state()).isEqualTo("unknown");
        assertThat(wow64.warning()).contains("SOFTWARE restart flags not read");
    }

    /** A flag reg could not read (denied, silent, a language we do not know) is unknown with a warning, not a refused probe. */
    @Test
    void anUnreadRestartFlagIsUnknownAndSaysWhy() throws Exception {
        CommandResult r = Fixtures.result("step1-2008-x64-sp1");
        String notFound = "ERROR: The system was unable to find the specified registry key or value.\r\n";
        String denied = r.stdout().replace("##rebootRequired \r\n" + notFound, "##rebootRequired \r\nERROR: Access is denied.\r\n")
                .replace("##cbsRebootPending \r\n" + notFound, "##cbsRebootPending \r\n");
        SetupAndOs s = FallbackOutputParser.parseStep1(new CommandResult(0, denied, r.stderr()));
        assertThat(s.rebootPending()).isEqualTo(new RebootPending(null, null, false));
        assertThat(s.warning()).isEqualTo("restart flag rebootRequired not read: 'ERROR: Access is denied.'; "
                + "restart flag cbsRebootPending not read (reg query printed nothing)");
        // German reg.exe says "not found" in its own words: still absent
        String german = r.stdout().replace("##rebootRequired \r\n" + notFound,
                "##rebootRequired \r\nFEHLER: Der angegebene Registrierungsschl\u00fcssel bzw. Wert wurde nicht gefunden.\r\n");
        assertThat(FallbackOutputParser.parseStep1(new CommandResult(0, german, r.stderr())).rebootPending())
                .isEqualTo(RebootPending.NONE);
    }

    @Test
    void pendingFileRenamesCountOnlyWithData() throws Exception {
        CommandResult r = Fixtures.result("step1-2008-x64-sp1");
        String section = "##pendingFileRename \r\nERROR: The system was unable to find the specified registry key or value.\r\n";
        String empty = r.stdout().replace(section, "##pendingFileRename \r\n\r\n"
                + "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\r\n"
                + "    PendingFileRenameOperations    REG_MULTI_SZ    \r\n\r\n");
        assertThat(FallbackOutputParser.parseStep1(new CommandResult(0, empty, r.stderr())).rebootPending().pendingFileRenames())
                .isFalse();
        String set = r.stdout().replace(section, "##pendingFileRename \r\n\r\n"
                + "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\r\n"
                + "    PendingFileRenameOperations    REG_MULTI_SZ    \\??\\C:\\x.dll.new\\0!\\??\\C:\\x.dll\r\n\r\n");
        assertThat(FallbackOutputParser.parseStep1(new CommandResult(0, set, r.stderr())).rebootPending().pending()).isTrue();
    }

    @Test
    void aBootTimeThatIsNotACimDatetimeIsRefused() throws Exception {
        CommandResult r = Fixtures.result("step1-2008-x64-sp1");
        String local = r.stdout().replace("LastBootUpTime=20080614040000.500000+120", "LastBootUpTime=14.06.2008 04:00:00");
        assertThatThrownBy(() -> FallbackOutputParser.parseStep1(new CommandResult(0, local, r.stderr())))
                .hasMessageStartingWith("fallback step 1 output, section ##os (line ")
                .hasMessageEndingWith("): LastBootUpTime '14.06.2008 04:00:00' is not a WMI datetime (yyyymmddHHMMSS.mmmmmmsUUU)");
        String none = r.stdout().replace("LastBootUpTime=20080614040000.500000+120", "LastBootUpTime=");
        assertThat(FallbackOutputParser.parseStep1(new CommandResult(0, none, r.stderr())).lastBoot()).isNull();
    }

    @Test
    void theComputerNameIsPrintableAsciiAndAnEmptyGuidSectionMustBeExplained() throws Exception {
        CommandResult r = Fixtures.result("step1-2008-x64-sp1");
        String hostile = r.stdout().replace("COMPUTERNAME=WSUS08", "COMPUTERNAME=WS\u001b[2JUS\u00c9");
        assertThat(FallbackOutputParser.parseStep1(new CommandResult(0, hostile, r.stderr())).machine().computerName())
                .isEqualTo("WS?[2JUS?");
        String noGuid = r.stdout().replaceAll("(?s)##guid \r\n.*?##name", "##guid \r\n##name");
        assertThatThrownBy(() -> FallbackOutputParser.parseStep1(new CommandResult(0, noGuid, r.stderr())))
                .hasMessage("fallback step 1 output, section ##wsus2 (line 15): reg query printed nothing for "
                        + "WSUS 2.0's product code, MachineGuid but said only 1 time(s) that a key or value is missing");
        String said = r.stderr() + "ERROR: The system was unable to find the specified registry key or value.\r\n";
        assertThat(FallbackOutputParser.parseStep1(new CommandResult(0, noGuid, said)).machine())
                .isEqualTo(new MachineIdentity("WSUS08", null));
    }

    @Test
    void wsus2ProductKeyIsSeen() throws Exception {
        CommandResult r = Fixtures.result("step1-2003-no-wsus");
        String stdout = r.stdout().replace("##wsus2 \r\n", "##wsus2 \r\n\r\n! REG.EXE VERSION 3.0\r\n\r\n"
                + "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{A0D46DC6-8950-451A-8990-53C86E17666E}\r\n"
                + "    DisplayName\tREG_SZ\tMicrosoft Windows Server Update Services\r\n\r\n");
        String twoMissing = "ERROR: The system was unable to find the specified registry key or value.\r\n".repeat(2);
        SetupAndOs s = FallbackOutputParser.parseStep1(new CommandResult(0, stdout, twoMissing));
        assertThat(s.wsusSetupPresent()).isFalse();
        assertThat(s.wsus2Product()).isTrue();
    }

    @Test
    void reg30sNotFoundMessageCountsOnStdoutToo() throws Exception {
        // Which stream reg.exe 3.0 (Server 2003) writes "unable to find" to is not established
        // (docs/simulator-legacy-windows.md): on stdout it lands in the section of its own query.
        CommandResult r = Fixtures.result("step1-2003-no-wsus");
        String said = "Error:  The system was unable to find the specified registry key or value\r\n";
        String stdout = r.stdout().replace("##setup \r\n", "##setup \r\n" + said).replace("##wsus2 \r\n", "##wsus2 \r\n" + said)
                .replace("##guid \r\n", "##guid \r\n" + said);
        SetupAndOs s = FallbackOutputParser.parseStep1(new CommandResult(0, stdout, ""));
        assertThat(s.wsusSetupPresent()).isFalse();
        assertThat(s.wsus2Product()).isFalse();
        assertThat(s.machine().machineGuid()).isNull();
    }

    @Test
    void absenceMustBeSaidNotInferred() {
        CommandResult denied = new CommandResult(0, Fixtures.text("step1-2003-no-wsus.stdout"), "ERROR: Access is denied.\r\nERROR: Access is denied.\r\n");
        assertThatThrownBy(() -> FallbackOutputParser.parseStep1(denied))
                .isInstanceOf(ProbeParseException.class)
                .hasMessage("fallback step 1 output, section ##setup (line 1): reg query printed nothing for the Setup key, "
                        + "WSUS 2.0's product code, MachineGuid but said only 0 time(s) that a key or value is missing"
                        + " (stderr: 'ERROR: Access is denied.')");
    }

    @Test
    void step1NeedsEveryMarker() {
        String cut = Fixtures.text("step1-2008-x64-sp1.stdout");
        String truncated = cut.substring(0, cut.indexOf("##arch"));
        assertThatThrownBy(() -> FallbackOutputParser.parseStep1(new CommandResult(0, truncated, "")))
                .hasMessageStartingWith("fallback step 1 output ended without ##arch after").hasMessageEndingWith("lines (truncated?)");
        assertThatThrownBy(() -> FallbackOutputParser.parseStep1(new CommandResult(0, "Hello\r\n" + cut, "")))
                .hasMessage("fallback step 1 output line 1: 'Hello' before the first marker ##setup");
    }

    @Test
    void setupKeyWithoutVersionStringIsRefused() {
        CommandResult r = Fixtures.result("step1-2008-x64-sp1");
        String stdout = r.stdout().replace("    VersionString    REG_SZ    3.1.6001.65\r\n", "");
        assertThatThrownBy(() -> FallbackOutputParser.parseStep1(new CommandResult(0, stdout, r.stderr())))
                .hasMessageEndingWith("the Setup key has no VersionString value");
    }

    @Test
    void unknownArchitectureIsRefused() {
        CommandResult r = Fixtures.result("step1-2003-x86-rtm");
        String stdout = r.stdout().replace("##arch x86", "##arch ARM64");
        assertThatThrownBy(() -> FallbackOutputParser.parseStep1(new CommandResult(0, stdout, r.stderr())))
                .hasMessageEndingWith("architecture 'ARM64' is not x86, AMD64 or IA64");
    }

    @Test
    void wmicsFirstRunNoticeIsNotAWarningButOtherStderrIs() throws Exception {
        CommandResult r = Fixtures.result("step1-2008-x64-sp1");
        SetupAndOs s = FallbackOutputParser.parseStep1(new CommandResult(0, r.stdout(), r.stderr() + "Please wait while WMIC is being installed.\r\n"));
        assertThat(s.warning()).isNull();
        s = FallbackOutputParser.parseStep1(new CommandResult(0, r.stdout(), r.stderr() + "something odd\r\n"));
        assertThat(s.warning()).isEqualTo("unexpected stderr: something odd");
    }

    @Test
    void step2ReadsDllVersionAndTheSignaturesFromFindstr() throws Exception {
        SetupAndOs s = FallbackOutputParser.parseStep1(Fixtures.result("step1-2008-x64-sp1"));
        Facts f = FallbackOutputParser.parseStep2(s, Fixtures.result("step2-sp1-symptomatic"));
        assertThat(f.dllPath()).isEqualTo("C:\\Program Files\\Update Services\\WebServices\\ClientWebService\\bin\\Microsoft.UpdateServices.WebServices.Client.Dll");
        assertThat(f.dllVersion()).isEqualTo(Version.of(3, 1, 6001, 65));
        assertThat(f.logPath()).isEqualTo("C:\\Program Files\\Update Services\\LogFiles\\SoftwareDistribution.log");
        assertThat(f.signatureCount()).isEqualTo(2);
        assertThat(f.signatureLast()).isEqualTo("2008-06-14 02:59:57,642");
        assertThat(f.probeMethod()).isEqualTo(ProbeMethod.CMD_FALLBACK);
        assertThat(f.probeWarning()).isNull();
        assertThat(f.versionString()).isEqualTo(Version.of(3, 1, 6001, 65));
    }

    /** The cmd fallback sees only findstr's lines, the PowerShell probe every line: the same answer. */
    @Test
    void findstrLinesGiveWhatTheWholeLogGives() throws Exception {
        LogSignatures whole = new LogSignatures();
        String[] lines = OutputLines.split(Fixtures.text("SoftwareDistribution-log.txt"));
        for (int i = 0; i < lines.length; i++) {
            whole.line(i + 1, lines[i]);
        }
        Facts f = FallbackOutputParser.parseStep2(FallbackOutputParser.parseStep1(Fixtures.result("step1-2008-x64-sp1")),
                Fixtures.result("step2-sp1-symptomatic"));
        assertThat(f.signatureCount()).isEqualTo(whole.count()).isEqualTo(2);
        assertThat(f.signatureLast()).isEqualTo(whole.last());
    }

    @Test
    void missingDllAndNoLogAreSaidByStderr() throws Exception {
        SetupAndOs s = FallbackOutputParser.parseStep1(Fixtures.result("step1-2003-x86-rtm"));
        Facts f = FallbackOutputParser.parseStep2(s, Fixtures.result("step2-dll-missing-no-log"));
        assertThat(f.dllVersion()).isNull();
        assertThat(f.dllPath()).endsWith("Microsoft.UpdateServices.WebServices.Client.Dll");
        assertThat(f.logPath()).isNull();
        assertThat(f.signatureCount()).isZero();
        assertThat(f.signatureLast()).isNull();
        assertThat(f.probeWarning()).isNull();
    }

    @Test
    void anOpenableLogWithoutMatchesIsTheLogRead() throws Exception {
        SetupAndOs s = FallbackOutputParser.parseStep1(Fixtures.result("step1-2003-x86-rtm"));
        CommandResult onlySecondMissing = new CommandResult(0, Fixtures.text("step2-dll-missing-no-log.stdout"),
                "No Instance(s) Available.\r\nFINDSTR: Cannot open C:\\Program Files\\Update Services\\LogFiles\\SoftwareDistribution.log\r\n");
        assertThat(FallbackOutputParser.parseStep2(s, onlySecondMissing).logPath())
                .isEqualTo("C:\\Program Files\\Update Services\\Log Files\\SoftwareDistribution.log");
    }

    @Test
    void dllAbsenceMustBeSaid() throws Exception {
        SetupAndOs s = FallbackOutputParser.parseStep1(Fixtures.result("step1-2003-x86-rtm"));
        CommandResult silent = new CommandResult(0, Fixtures.text("step2-dll-missing-no-log.stdout"), "ERROR:\r\nDescription = Invalid query\r\n");
        assertThatThrownBy(() -> FallbackOutputParser.parseStep2(s, silent))
                .hasMessage("fallback step 2 output, section ##dll (line 1): wmic datafile printed no Version and did not say"
                        + " the file is missing (stderr: 'ERROR:')");
    }

    @Test
    void findstrLinesMustLookLikeFindstr() throws Exception {
        SetupAndOs s = FallbackOutputParser.parseStep1(Fixtures.result("step1-2008-x64-sp1"));
        CommandResult r = Fixtures.result("step2-sp1-symptomatic");
        CommandResult bad = new CommandResult(0, r.stdout().replace("##log1 \r\n", "##log1 \r\nno number here\r\n"), r.stderr());
        assertThatThrownBy(() -> FallbackOutputParser.parseStep2(s, bad)).hasMessageEndingWith("not a findstr /n line: 'no number here'");
    }

    /** Cut and mutated recordings of both steps: a parse failure or facts, never anything else. */
    @Test
    void neverCrashesOnMangledOutput() throws Exception {
        Random random = new Random(0x8024400EL);
        SetupAndOs sp1 = FallbackOutputParser.parseStep1(Fixtures.result("step1-2008-x64-sp1"));
        String[] recordings = {"step1-2008-x64-sp1", "step1-2003-x86-rtm", "step2-sp1-symptomatic", "step2-dll-missing-no-log"};
        CommandResult[] results = java.util.Arrays.stream(recordings).map(Fixtures::result).toArray(CommandResult[]::new);
        for (int round = 0; round < 20_000; round++) {
            int pick = random.nextInt(recordings.length);
            String name = recordings[pick];
            CommandResult r = results[pick];
            CommandResult mangled = new CommandResult(0, mangle(r.stdout(), random), random.nextBoolean() ? r.stderr() : mangle(r.stderr(), random));
            try {
                if (name.startsWith("step1")) {
                    FallbackOutputParser.parseStep1(mangled);
                } else {
                    FallbackOutputParser.parseStep2(sp1, mangled);
                }
            } catch (ProbeParseException expected) {
                assertThat(expected.getMessage()).doesNotContain("\r", "\n", "\u0000");
            } catch (RuntimeException crash) {
                fail("crashed on round " + round + " (" + name + ") with " + crash);
            }
        }
    }

    private static String mangle(String text, Random random) {
        StringBuilder b = new StringBuilder(text.substring(0, random.nextInt(text.length() + 1)));
        for (int edits = random.nextInt(4); edits > 0 && !b.isEmpty(); edits--) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(3)) {
                case 0 -> b.setCharAt(at, (char) random.nextInt(0x100));
                case 1 -> b.deleteCharAt(at);
                default -> b.insert(at, "#:=\t\r\n %0".charAt(random.nextInt(9)));
            }
        }
        return b.toString();
    }
}
