package org.wsusremediator.remediate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.probe.RemoteShell;

/** schtasks' CSV read by column position and result code, whatever language its header is in (or what is left of it). */
class ScheduledTaskRowsTest {

    private static final String ROW = "\"WSUS08\",\"\\WsusRemediator-KB954960-p1\",\"N/A\",\"%s\",\"Interactive/Background\",\"N/A\",\"%s\",\"LAB\\wsus-admin\"";

    @Test
    void headersInAnyLanguageAreSkippedAndFailuresAreSignedDecimals() {
        String out = "\"HostName\",\"TaskName\",\"Next Run Time\",\"Status\",\"Logon Mode\",\"Last Run Time\",\"Last Result\"\r\n"
                + ROW.formatted("Ready", "-2147024894") + "\r\n\r\n"
                + "\"Nombre de host\",\"Nombre de tarea\",\"Hora pr\uFFFDxima ejecuci\uFFFDn\",\"Estado\",\"Modo\",\"\uFFFDltimo\",\"\uFFFDltimo resultado\"\r\n"
                + ROW.formatted("Listo", "267011").replace("p1", "p2") + "\r\n"
                + "\"????\",\"????\",\"???????\",\"??\",\"???????\",\"???????\",\"?????\"\r\n"
                + ROW.formatted("???", "267009").replace("p1", "p3") + "\r\n"
                + ROW.formatted("Ready", "4294967295").replace("p1", "p4") + "\r\n";
        assertThat(ScheduledTaskRun.taskRows(out)).containsExactly(
                new ScheduledTaskRun.TaskRow("WsusRemediator-KB954960-p1", -2147024894),
                new ScheduledTaskRun.TaskRow("WsusRemediator-KB954960-p2", ScheduledTaskRun.NEVER_RUN),
                new ScheduledTaskRun.TaskRow("WsusRemediator-KB954960-p3", ScheduledTaskRun.STILL_RUNNING),
                new ScheduledTaskRun.TaskRow("WsusRemediator-KB954960-p4", -1));
    }

    @Test
    void aLastResultThatIsNotANumberIsNoRow() {
        assertThat(ScheduledTaskRun.resultCode("Letztes Ergebnis")).isNull();
        assertThat(ScheduledTaskRun.resultCode("0x41301")).isNull();
        assertThat(ScheduledTaskRun.resultCode("99999999999")).isNull();
        assertThat(ScheduledTaskRun.resultCode("3010")).isEqualTo(3010);
    }

    private static RemoteShell answering(int exitCode, String stdout, String stderr) {
        return commandLine -> new RemoteShell.CommandResult(exitCode, stdout, stderr);
    }

    @Test
    void recoveryTakesATranslatedTaskNotFoundForAbsentAndAGarbledOneForUnknown() {
        ScheduledTaskRun run = new ScheduledTaskRun(Duration.ofMillis(1));
        String task = "WsusRemediator-KB954960-p1";
        assertThat(run.inspect(answering(1, "", "FEHLER: Das System kann die angegebene Datei nicht finden.\r\n"), task).kind())
                .isEqualTo(ScheduledTaskRun.TaskFound.Kind.ABSENT);
        assertThat(run.inspect(answering(1, "", "ERROR: El sistema no puede encontrar el archivo especificado.\r\n"), task).kind())
                .isEqualTo(ScheduledTaskRun.TaskFound.Kind.ABSENT);
        // ja-JP through code page 437: the words are gone, so "absent" cannot be concluded
        assertThatThrownBy(() -> run.inspect(answering(1, "", "???: ????????????????\r\n"), task))
                .isInstanceOfSatisfying(InstallFailure.class, f -> assertThat(f.outcome()).isEqualTo(Outcome.UNKNOWN));
        String german = "\"HostName\",\"Aufgabenname\",\"N\uFFFDchste Laufzeit\",\"Status\",\"Anmeldemodus\",\"Letzte Laufzeit\",\"Letztes Ergebnis\"\r\n"
                + ROW.formatted("Wird ausgef\uFFFDhrt", "267009") + "\r\n";
        assertThat(run.inspect(answering(0, german, ""), task).kind()).isEqualTo(ScheduledTaskRun.TaskFound.Kind.RUNNING);
        assertThat(run.inspect(answering(0, german.replace("267009", "3010"), ""), task))
                .isEqualTo(new ScheduledTaskRun.TaskFound(ScheduledTaskRun.TaskFound.Kind.ENDED, 3010));
    }
}
