package org.wsusremediator.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wsusremediator.probe.RemoteShell.CommandResult;

class ProberTest {

    private static final String NOT_RECOGNIZED = "'powershell' is not recognized as an internal or external command,\r\n"
            + "operable program or batch file.\r\n";

    /** Answers the recorded outputs in order and keeps the command lines it was given. */
    static final class RecordedShell implements RemoteShell {
        final List<String> commands = new ArrayList<>();
        private final Deque<CommandResult> answers;

        RecordedShell(CommandResult... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public CommandResult run(String commandLine) {
            commands.add(commandLine);
            if (answers.isEmpty()) {
                throw new AssertionError("unexpected command: " + commandLine);
            }
            return answers.removeFirst();
        }
    }

    private final ProbeScripts scripts = ProbeScripts.standard();
    private final Prober prober = new Prober();

    @Test
    void powerShellHostTakesOneCommand() {
        RecordedShell shell = new RecordedShell(new CommandResult(0, Fixtures.text("ps-2008-sp1-unfixed.txt"), ""));
        ProbeResult result = prober.probe(shell);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.failure()).isNull();
        assertThat(result.commands()).isEqualTo(1);
        assertThat(result.facts().dllVersion()).isEqualTo(Version.of(3, 1, 6001, 65));
        assertThat(shell.commands).containsExactly(scripts.powerShellCommandLine());
    }

    @Test
    void withoutPowerShellBothFallbackStepsRunInTheSameShell() {
        RecordedShell shell = new RecordedShell(new CommandResult(1, "", NOT_RECOGNIZED),
                Fixtures.result("step1-2008-x64-sp1"), Fixtures.result("step2-sp1-symptomatic"));
        ProbeResult result = prober.probe(shell);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.commands()).isEqualTo(3);
        assertThat(result.facts().probeMethod()).isEqualTo(ProbeMethod.CMD_FALLBACK);
        assertThat(result.facts().signatureCount()).isEqualTo(2);
        assertThat(shell.commands).containsExactly(scripts.powerShellCommandLine(), scripts.fallbackStep1(),
                scripts.fallbackStep2("C:\\Program Files\\Update Services\\"));
    }

    @Test
    void withoutSetupKeyStepTwoIsSkipped() {
        RecordedShell shell = new RecordedShell(new CommandResult(9009, "", NOT_RECOGNIZED), Fixtures.result("step1-2003-no-wsus"));
        ProbeResult result = prober.probe(shell);
        assertThat(result.commands()).isEqualTo(2);
        assertThat(result.facts().wsusSetupPresent()).isFalse();
    }

    @Test
    void exitCode9009AloneMeansNoPowerShellOnAnyDisplayLanguage() {
        String spanish = "'powershell' no se reconoce como un comando interno o externo,\r\nprograma o archivo por lotes ejecutable.\r\n";
        RecordedShell shell = new RecordedShell(new CommandResult(9009, "", spanish), Fixtures.result("step1-2003-no-wsus"));
        assertThat(prober.probe(shell).commands()).isEqualTo(2);
    }

    @Test
    void nonZeroExitIsCommandFailedWithCodeAndFirstStderrLine() {
        RecordedShell shell = new RecordedShell(new CommandResult(-196608, "", "\r\nProgram 'powershell.exe' failed to execute: Access denied\u001b\r\nAt line:1\r\n"));
        ProbeResult result = prober.probe(shell);
        assertThat(result.facts()).isNull();
        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.COMMAND_FAILED);
        assertThat(result.failure().reason())
                .isEqualTo("the PowerShell probe exited with code -196608: Program 'powershell.exe' failed to execute: Access denied?");
        assertThat(result.commands()).isEqualTo(1);
    }

    @Test
    void clixmlStderrGivesTheErrorRecordsText() {
        String clixml = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + "<S S=\"Error\">Exception calling &quot;GetVersionInfo&quot;_x000D__x000A_</S><S S=\"Error\">At line:1 char:1_x000D__x000A_</S></Objs>";
        ProbeResult result = prober.probe(new RecordedShell(new CommandResult(1, "", clixml)));
        assertThat(result.failure().reason()).isEqualTo("the PowerShell probe exited with code 1: Exception calling \"GetVersionInfo\"");
    }

    @Test
    void unparseableOutputSaysWhyAndQuotesStderr() {
        String cut = Fixtures.text("ps-2008-sp1-unfixed.txt").substring(0, 120);
        ProbeResult result = prober.probe(new RecordedShell(new CommandResult(0, cut, "WARNING: something\r\n")));
        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.UNPARSEABLE);
        assertThat(result.failure().reason()).startsWith("probe output ended without END after").endsWith("(stderr: WARNING: something)");
    }

    @Test
    void hostileTargetDirStopsBeforeStepTwo() {
        CommandResult step1 = Fixtures.result("step1-2008-x64-sp1");
        String hostile = step1.stdout().replace("C:\\Program Files\\Update Services\\\r\n", "C:\\x\" & format C: & \"\\\r\n");
        RecordedShell shell = new RecordedShell(new CommandResult(1, "", NOT_RECOGNIZED), new CommandResult(0, hostile, step1.stderr()));
        ProbeResult result = prober.probe(shell);
        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.UNPARSEABLE);
        assertThat(result.failure().reason()).contains("TargetDir").contains("'\"'");
        assertThat(result.commands()).isEqualTo(2);
        assertThat(shell.commands).hasSize(2);
    }

    @Test
    void fallbackFailuresAreReportedPerStep() {
        RecordedShell shell = new RecordedShell(new CommandResult(1, "", NOT_RECOGNIZED), new CommandResult(0, "##setup \r\n", ""));
        ProbeResult result = prober.probe(shell);
        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.UNPARSEABLE);
        assertThat(result.failure().reason()).startsWith("fallback step 1 output ended without ##wsus2");

        shell = new RecordedShell(new CommandResult(1, "", NOT_RECOGNIZED), Fixtures.result("step1-2008-x64-sp1"),
                new CommandResult(255, "", "The command line is too long.\r\n"));
        result = prober.probe(shell);
        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.COMMAND_FAILED);
        assertThat(result.failure().reason()).isEqualTo("fallback step 2 (no PowerShell) exited with code 255: The command line is too long.");
        assertThat(result.commands()).isEqualTo(3);
    }

    @Test
    void transportFailuresPropagateUntouched() {
        UncheckedIOException down = new UncheckedIOException(new java.io.IOException("connection refused"));
        RemoteShell shell = commandLine -> {
            throw down;
        };
        assertThatThrownBy(() -> prober.probe(shell)).isSameAs(down);
    }

    @Test
    void resultHoldsFactsOrFailureNeverBoth() {
        assertThatThrownBy(() -> new ProbeResult(null, null, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
