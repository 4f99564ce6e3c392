package org.wsusremediator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * A host's display language and console code page over real HTTP (docs/simulator-localized-hosts.md): the words
 * come in the host's language, the bytes in the code page the shell was created with (WINRS_CODEPAGE), else the
 * locale's OEM code page; what the code page cannot carry arrives as '?'.
 */
class LocalizedConsoleTest {

    private static final String PASSWORD = "localized-Console-9";
    private static final String QUERY = "schtasks /query /fo csv /v";
    private static FleetSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = RawWsman.basicFleet(PASSWORD,
                SimulatedHostSpec.typicalSp1Server2008("de", "127.65.3.1").locale(HostLocale.DE_DE).build(),
                SimulatedHostSpec.typicalSp1Server2008("es", "127.65.3.2").locale(HostLocale.ES_ES).build(),
                SimulatedHostSpec.typicalSp1Server2008("ja", "127.65.3.3").locale(HostLocale.JA_JP).build(),
                SimulatedHostSpec.typicalSp1Server2008("en", "127.65.3.4").build());
        simulator.host("de").putScheduledTask(task());
        simulator.host("es").putScheduledTask(task());
        simulator.host("ja").putScheduledTask(task());
        simulator.host("en").putScheduledTask(task());
    }

    private static ScheduledTask task() {
        java.time.LocalDateTime now = java.time.LocalDateTime.of(2026, 12, 6, 12, 0);
        return new ScheduledTask("WsusRemediator-KB954960-t1", "C:\\x.exe /quiet", "SYSTEM", true, now, now.withHour(0), "LAB\\wsus-admin");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private record Output(byte[] stdout, byte[] stderr) {
        String out(Charset charset) {
            return new String(stdout, charset);
        }

        String err(Charset charset) {
            return new String(stderr, charset);
        }
    }

    /** Create (with WINRS_CODEPAGE when given), Command, Receive, Delete; the raw bytes of both streams. */
    private static Output run(String host, Integer codePage, String command) throws Exception {
        RawWsman client = new RawWsman(simulator.endpoint(host), "LAB\\wsus-admin", PASSWORD);
        String create = RawWsman.envelope(Wsman.CREATE, RawWsman.messageId(), null,
                "<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>");
        if (codePage != null) {
            create = create.replace("</s:Header>", "<w:OptionSet><w:Option Name=\"WINRS_NOPROFILE\">FALSE</w:Option>"
                    + "<w:Option Name=\"WINRS_CODEPAGE\">" + codePage + "</w:Option></w:OptionSet></s:Header>");
        }
        String shell = client.shellId(client.post(create));
        String commandId = client.command(shell, command, null).text(Wsman.SHELL, "CommandId");
        RawWsman.Reply received = client.receive(shell, commandId);
        client.delete(shell);
        return new Output(stream(received, "stdout"), stream(received, "stderr"));
    }

    private static byte[] stream(RawWsman.Reply reply, String name) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        var streams = reply.xml().getElementsByTagNameNS(Wsman.SHELL, "Stream");
        for (int i = 0; i < streams.getLength(); i++) {
            Element s = (Element) streams.item(i);
            if (s.getAttribute("Name").equals(name) && !s.getTextContent().isBlank()) {
                bytes.writeBytes(Base64.getDecoder().decode(s.getTextContent()));
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aGermanHostAnswersInGermanInCodePage850UnlessTheShellAsksFor437() throws Exception {
        Charset cp850 = Charset.forName("IBM850");
        String csv = run("de", null, QUERY).out(cp850);
        assertThat(csv).startsWith("\"HostName\",\"Aufgabenname\",\"Nächste Laufzeit\",\"Status\"")
                .contains("\"Letztes Ergebnis\"", "\"Status der geplanten Aufgabe\"", "\"Bereit\"", "\"267011\"", "\"Aktiviert\"");
        // WinRM4J's 437 carries the umlauts too, at other byte values (decoded as 850 they read differently).
        assertThat(run("de", 437, QUERY).out(Charset.forName("IBM437"))).contains("\"Nächste Laufzeit\"");
        assertThat(run("de", null, "reg query \"HKLM\\SOFTWARE\\Nothing\"").err(cp850))
                .isEqualTo("FEHLER: Der angegebene Registrierungsschlüssel bzw. Wert wurde nicht gefunden.\r\n");
        assertThat(run("de", null, "nosuchtool /x").err(cp850))
                .isEqualTo("Der Befehl \"nosuchtool\" ist entweder falsch geschrieben oder\r\nkonnte nicht gefunden werden.\r\n");
    }

    @Test
    void aSpanishHostAnswersInSpanish() throws Exception {
        Charset cp850 = Charset.forName("IBM850");
        assertThat(run("es", null, QUERY).out(cp850))
                .startsWith("\"Nombre de host\",\"Nombre de tarea\",\"Hora próxima ejecución\",\"Estado\"")
                .contains("\"Último resultado\"", "\"Listo\"", "\"267011\"");
        assertThat(run("es", null, "reg query \"HKLM\\SOFTWARE\\Nothing\"").err(cp850))
                .isEqualTo("ERROR: El sistema no pudo encontrar la clave o el valor del Registro especificado.\r\n");
        assertThat(run("es", null, "wmic datafile where name=\"C:\\\\nothing.dll\" get Version /value <nul").err(cp850))
                .contains("No hay instancias disponibles.");
    }

    @Test
    void aJapaneseHostWritesCodePage932ByDefaultUtf8On65001AndQuestionMarksOn437() throws Exception {
        String native932 = run("ja", null, QUERY).out(Charset.forName("windows-31j"));
        assertThat(native932).startsWith("\"ホスト名\",\"タスク名\",\"次回の実行時刻\",\"状態\"").contains("\"前回の結果\"", "\"準備完了\"");
        assertThat(run("ja", 65001, QUERY).out(StandardCharsets.UTF_8)).isEqualTo(native932);
        String cp437 = run("ja", 437, QUERY).out(StandardCharsets.US_ASCII);
        assertThat(cp437).startsWith("\"????\",\"????\",\"???????\",\"??\"").contains("\"\\WsusRemediator-KB954960-t1\"", "\"267011\"");
        assertThat(run("ja", 437, "reg query \"HKLM\\SOFTWARE\\Nothing\"").err(StandardCharsets.US_ASCII))
                .matches("[? :]+\\r\\n");
    }

    @Test
    void anEnglishHostIsUnchanged() throws Exception {
        assertThat(run("en", 437, QUERY).out(StandardCharsets.US_ASCII))
                .startsWith("\"HostName\",\"TaskName\",\"Next Run Time\",\"Status\",\"Logon Mode\",\"Last Run Time\",\"Last Result\"");
        assertThat(run("en", null, "reg query \"HKLM\\SOFTWARE\\Nothing\"").err(StandardCharsets.US_ASCII))
                .isEqualTo(RegCommand.NOT_FOUND + "\r\n");
    }
}
