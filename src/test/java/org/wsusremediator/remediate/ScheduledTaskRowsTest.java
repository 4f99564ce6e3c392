package org.wsusremediator.remediate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
