package org.wsusremediator.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeOutputParserTest {

    private static final String SP1 = Fixtures.text("ps-2008-sp1-unfixed.txt");

    @Test
    void readsTheDocumentedExample() throws Exception {
        Facts f = ProbeOutputParser.parse(SP1);
        assertThat(f.osCaption()).isEqualTo("Microsoft Windows Server 2008 Enterprise");
        assertThat(f.osVersion()).isEqualTo(Version.of(6, 0, 6001));
        assertThat(f.architecture()).isEqualTo(Architecture.X64);
        assertThat(f.powerShellVersion()).isEqualTo("2.0");
        assertThat(f.wsusSetupPresent()).isTrue();
        assertThat(f.versionString()).isEqualTo(Version.of(3, 1, 6001, 65));
        assertThat(f.installType()).isEqualTo(1);
        assertThat(f.targetDir()).isEqualTo("C:\\Program Files\\Update Services\\");
        assertThat(f.wsus2Product()).isFalse();
        assertThat(f.dllPath()).endsWith("\\bin\\Microsoft.UpdateServices.WebServices.Client.Dll");
        assertThat(f.dllVersion()).isEqualTo(Version.of(3, 1, 6001, 65));
        assertThat(f.logPath()).isEqualTo("C:\\Program Files\\Update Services\\LogFiles\\SoftwareDistribution.log");
        assertThat(f.signatureCount()).isEqualTo(2);
        assertThat(f.signatureLast()).isEqualTo("2008-06-14 02:59:57.642");
        assertThat(f.probeMethod()).isEqualTo(ProbeMethod.POWERSHELL);
        assertThat(f.probeWarning()).isNull();
        assertThat(f.hasUac()).isTrue();
        assertThat(f.machine()).isEqualTo(new MachineIdentity("WSUS08", "5d2a3f8e-61b7-4c0e-9f3a-2b8c7d1e4a90"));
    }

    /** The restart facts: which flag said so, and the boot time in UTC (the +120 of the example is CEST). */
    @Test
    void readsTheRestartFacts() throws Exception {
        Facts f = ProbeOutputParser.parse(SP1);
        assertThat(f.rebootPending()).isEqualTo(RebootPending.NONE);
        assertThat(f.rebootPending().state()).isEqualTo("false");
        assertThat(f.lastBoot()).hasToString("2008-06-14T02:00:00.500Z");

        Facts pending = ProbeOutputParser.parse(Fixtures.text("ps-2003-dll-missing-log-denied.txt"));
        assertThat(pending.rebootPending().pending()).isTrue();
        assertThat(pending.rebootPending().describe()).isEqualTo("restart pending (RebootRequired, PendingFileRenameOperations)");
        assertThat(ProbeOutputParser.parse(Fixtures.text("ps-2003-no-wsus.txt")).lastBoot())
                .hasToString("2008-06-10T13:30:15.125Z"); // -300: US Eastern, five hours behind UTC

        String lower = SP1.replace("reboot.cbsRebootPending=False", "reboot.cbsRebootPending=true");
        assertThat(ProbeOutputParser.parse(lower).rebootPending().flags()).containsExactly("Component Based Servicing RebootPending");
    }

    /** A flag or the boot time that could not be read prints empty (the trap records why): unknown, not a refused probe. */
    @Test
    void unreadRestartFactsAreUnknown() throws Exception {
        String out = SP1.replace("reboot.rebootRequired=False", "reboot.rebootRequired=")
                .replace("boot.last=20080614040000.500000+120", "boot.last=")
                .replace("END", "probe.error=Requested registry access is not allowed.\r\nEND");
        Facts f = ProbeOutputParser.parse(out);
        assertThat(f.rebootPending().pending()).isNull();
        assertThat(f.rebootPending().state()).isEqualTo("unknown");
        assertThat(f.rebootPending().describe()).isEqualTo("restart pending unknown (not read: RebootRequired)");
        assertThat(f.lastBoot()).isNull();
        assertThat(f.probeWarning()).contains("registry access");
        // one flag set is enough to say a restart is pending, whatever the others
        Facts yes = ProbeOutputParser.parse(out.replace("reboot.pendingFileRename=False", "reboot.pendingFileRename=True"));
        assertThat(yes.rebootPending().pending()).isTrue();
    }

    /** An unreadable MachineGuid prints empty (the script's trap records why): unknown, not a refused probe. */
    @Test
    void anEmptyIdentityIsUnknownAndCaseIsNormalised() throws Exception {
        String out = SP1.replace("machine.guid=5d2a3f8e-61b7-4c0e-9f3a-2b8c7d1e4a90", "machine.guid=")
                .replace("machine.name=WSUS08", "machine.name=wsus08")
                .replace("END", "probe.error=Cannot find path 'HKLM:\\SOFTWARE\\Microsoft\\Cryptography'\r\nEND");
        Facts f = ProbeOutputParser.parse(out);
        assertThat(f.machine()).isEqualTo(new MachineIdentity("WSUS08", null));
        assertThat(f.probeWarning()).contains("Cryptography");
        String upper = SP1.replace("5d2a3f8e-61b7-4c0e-9f3a-2b8c7d1e4a90", "5D2A3F8E-61B7-4C0E-9F3A-2B8C7D1E4A90");
        assertThat(ProbeOutputParser.parse(upper).machine().machineGuid()).isEqualTo("5d2a3f8e-61b7-4c0e-9f3a-2b8c7d1e4a90");
    }

    @Test
    void acceptsLfAndBlankLinesAlike() throws Exception {
        assertThat(ProbeOutputParser.parse(SP1.replace("\r\n", "\n"))).isEqualTo(ProbeOutputParser.parse(SP1));
        assertThat(ProbeOutputParser.parse("\r\n" + SP1.replace("os.arch=x64\r\n", "os.arch=x64\r\n\r\n") + "\r\n\r\n"))
                .isEqualTo(ProbeOutputParser.parse(SP1));
    }

    @Test
    void withoutWsusTheSetupKeysAreAbsent() throws Exception {
        Facts f = ProbeOutputParser.parse(Fixtures.text("ps-2003-no-wsus.txt"));
        assertThat(f.wsusSetupPresent()).isFalse();
        assertThat(f.versionString()).isNull();
        assertThat(f.installType()).isNull();
        assertThat(f.targetDir()).isNull();
        assertThat(f.dllPath()).isNull();
        assertThat(f.dllVersion()).isNull();
        assertThat(f.logPath()).isNull();
        assertThat(f.signatureCount()).isZero();
        assertThat(f.signatureLast()).isNull();
        assertThat(f.powerShellVersion()).isEqualTo("1.0");
        assertThat(f.hasUac()).isFalse();
    }

    @Test
    void missingDllIsNullAndProbeErrorsBecomeTheWarning() throws Exception {
        Facts f = ProbeOutputParser.parse(Fixtures.text("ps-2003-dll-missing-log-denied.txt"));
        assertThat(f.dllVersion()).isNull();
        assertThat(f.dllPath()).isEqualTo("D:\\WSUS\\WebServices\\ClientWebService\\bin\\Microsoft.UpdateServices.WebServices.Client.Dll");
        assertThat(f.probeWarning()).isEqualTo("Access to the path 'D:\\WSUS\\LogFiles\\SoftwareDistribution.log' is denied.");
    }

    @Test
    void severalProbeErrorsAreJoined() throws Exception {
        String out = SP1.replace("END", "probe.error=first\r\nprobe.error=second\r\nEND");
        assertThat(ProbeOutputParser.parse(out).probeWarning()).isEqualTo("first; second");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            installType not a number  | wsus.installType=1              | wsus.installType=x                | probe output line 8: wsus.installType 'x' is not a number
            negative count            | log.signatureCount=2            | log.signatureCount=-1             | probe output line 14: log.signatureCount '-1' is not a number
            version not a version     | wsus.versionString=3.1.6001.65  | wsus.versionString=3.1.x          | probe output line 7: wsus.versionString '3.1.x' is not a version
            dll version garbage       | dll.version=3.1.6001.65         | dll.version=unknown               | probe output line 12: dll.version 'unknown' is not a version
            architecture              | os.arch=x64                     | os.arch=arm64                     | probe output line 4: os.arch 'arm64' is not x86, x64 or ia64
            presence word             | wsus2.product=absent            | wsus2.product=no                  | probe output line 10: wsus2.product 'no' is not present or absent
            unknown key               | ps.version=2.0                  | ps.flavour=2.0                    | probe output line 5: unknown key in 'ps.flavour=2.0'
            not key=value             | ps.version=2.0                  | ps.version 2.0                    | probe output line 5: not a key=value line: 'ps.version 2.0'
            repeated key              | ps.version=2.0                  | ps.version=2.0\\r\\nps.version=2.0  | probe output line 6: key ps.version repeated (first on line 5)
            out of order              | os.caption=Microsoft Windows Server 2008 Enterprise\\r\\nos.version=6.0.6001 | os.version=6.0.6001\\r\\nos.caption=x | probe output line 3: key os.caption out of order (after os.version)
            last without count        | log.signatureCount=2            | log.signatureCount=0              | probe output line 15: log.signatureLast '2008-06-14 02:59:57.642' must be empty exactly when log.signatureCount is 0 (it is 0)
            required key missing      | os.arch=x64\\r\\n                 | ''                                | probe output line 21: required key os.arch missing before END
            setup key while absent    | wsus.setup=present              | wsus.setup=absent                 | probe output line 7: wsus.versionString given although wsus.setup=absent
            guid not a guid           | machine.guid=5d2a3f8e-61b7-4c0e-9f3a-2b8c7d1e4a90 | machine.guid={5d2a3f8e} | probe output line 17: machine.guid: MachineGuid '{5d2a3f8e}' is not a GUID
            name with a space         | machine.name=WSUS08             | machine.name=WSUS 08              | probe output line 16: machine.name: computer name 'WSUS 08' is not a computer name
            identity out of order     | machine.name=WSUS08\\r\\nmachine.guid=5d2a3f8e-61b7-4c0e-9f3a-2b8c7d1e4a90 | machine.guid=5d2a3f8e-61b7-4c0e-9f3a-2b8c7d1e4a90\\r\\nmachine.name=WSUS08 | probe output line 17: key machine.name out of order (after machine.guid)
            foreign header            | WSUSPROBE 1                     | Hello                             | probe output line 1: expected 'WSUSPROBE 1' first, got 'Hello' (not the probe's output?)
            newer protocol            | WSUSPROBE 1                     | WSUSPROBE 2                       | probe output line 1: unsupported probe protocol 'WSUSPROBE 2' (expected 'WSUSPROBE 1')
            text after END            | END                             | END\\r\\nmore                       | probe output line 23: text after END: 'more'
            truncated                 | END                             | ''                                | probe output ended without END after 21 lines (truncated?)
            flag not a boolean        | reboot.rebootRequired=False     | reboot.rebootRequired=no          | probe output line 18: reboot.rebootRequired 'no' is not True or False
            restart flag missing      | reboot.pendingFileRename=False\\r\\n | ''                         | probe output line 21: required key reboot.pendingFileRename missing before END
            boot time not CIM         | boot.last=20080614040000.500000+120 | boot.last=2008-06-14 04:00:00 | probe output line 21: boot.last '2008-06-14 04:00:00' is not a WMI datetime (yyyymmddHHMMSS.mmmmmmsUUU)
            boot time wildcard        | boot.last=20080614040000.500000+120 | boot.last=20080614******.******+*** | probe output line 21: boot.last '20080614******.******+***' is not a WMI datetime (yyyymmddHHMMSS.mmmmmmsUUU)
            boot time no such date    | boot.last=20080614040000.500000+120 | boot.last=20080231040000.000000+000 | probe output line 21: boot.last '20080231040000.000000+000' is not a valid date and time
            boot before flags         | reboot.pendingFileRename=False\\r\\nboot.last=20080614040000.500000+120 | boot.last=20080614040000.500000+120\\r\\nreboot.pendingFileRename=False | probe output line 21: key reboot.pendingFileRename out of order (after boot.last)
            """)
    void refusesDeviationsNamingLineAndReason(String why, String from, String to, String reason) {
        String out = SP1.replace(from.replace("\\r\\n", "\r\n"), to.replace("\\r\\n", "\r\n"));
        assertThat(out).as("fixture edit for %s", why).isNotEqualTo(SP1);
        assertThatThrownBy(() -> ProbeOutputParser.parse(out)).isInstanceOf(ProbeParseException.class).hasMessage(reason);
    }

    @Test
    void valueErrorsQuoteWhatTheProbeReported() {
        String out = SP1.replace("os.version=6.0.6001", "os.version=").replace("END", "probe.error=Invalid class\r\nEND");
        assertThatThrownBy(() -> ProbeOutputParser.parse(out))
                .hasMessage("probe output line 3: os.version '' is not a version; the probe reported: Invalid class");
    }

    @Test
    void emptyOutputIsNamed() {
        assertThatThrownBy(() -> ProbeOutputParser.parse("")).hasMessage("probe output is empty");
        assertThatThrownBy(() -> ProbeOutputParser.parse(null)).hasMessage("probe output is empty");
        assertThatThrownBy(() -> ProbeOutputParser.parse("\r\n \r\n")).hasMessage("probe output is empty");
    }

    @Test
    void quotedLinesAreCutAndFreeOfControlCharacters() {
        String out = SP1.replace("ps.version=2.0", "ps.version=2.0\u001b[31m" + "x".repeat(200));
        assertThatThrownBy(() -> ProbeOutputParser.parse(out))
                .hasMessageStartingWith("probe output line 5: control character U+001B in 'ps.version=2.0?[31mxxx")
                .hasMessageEndingWith("...'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b").hasSizeLessThan(160));
    }

    /** Random cuts and byte changes of a valid output: a parse failure or facts, never anything else. */
    @Test
    void neverCrashesOnMangledOutput() {
        Random random = new Random(954960);
        int refused = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder b = new StringBuilder(SP1.substring(0, random.nextInt(SP1.length() + 1)));
            for (int edits = random.nextInt(4); edits > 0 && !b.isEmpty(); edits--) {
                int at = random.nextInt(b.length());
                switch (random.nextInt(3)) {
                    case 0 -> b.setCharAt(at, (char) random.nextInt(0x100));
                    case 1 -> b.deleteCharAt(at);
                    default -> b.insert(at, "=\r\n\u0000\uFFFD.9".charAt(random.nextInt(7)));
                }
            }
            try {
                ProbeOutputParser.parse(b.toString());
            } catch (ProbeParseException expected) {
                refused++;
                assertThat(expected.getMessage()).doesNotContain("\r", "\n", "\u0000");
            } catch (RuntimeException crash) {
                fail("crashed on round " + round + " with " + crash + " for input: " + b.toString().replace("\r\n", "|"));
            }
        }
        assertThat(refused).isGreaterThan(19_000);
    }
}
