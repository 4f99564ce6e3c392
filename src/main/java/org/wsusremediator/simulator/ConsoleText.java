package org.wsusremediator.simulator;

import java.util.List;

/**
 * What the console tools of a host print, in its display language: the {@code schtasks /query /fo csv /v} header
 * (28 columns, always in the same order) and status words, schtasks', reg's and wmic's messages, and cmd's words for
 * an unknown program. Formats take the task or program name as {@code %s}. The sources of every string, and which are
 * guesses, are in docs/simulator-localized-hosts.md.
 *
 * @param schtasksHeader   the CSV header row's column names
 * @param running          Status of a running task
 * @param ready            Status of a task that is not running
 * @param enabled          "Scheduled Task State" of an enabled task
 * @param taskCreated      schtasks /create's success line
 * @param taskRunAttempted schtasks /run's success line
 * @param taskDeleted      schtasks /delete's success line
 * @param taskNotFound     schtasks' error for a task that does not exist
 * @param startTimePast    schtasks /create's warning for a start time already past
 * @param regNotFound      reg.exe's error for a key or value that does not exist
 * @param regSuccess       reg add/delete's success line
 * @param wmicNoInstance   wmic's answer when no instance matches
 * @param notRecognized    cmd.exe's two lines for an unknown program
 * @param findstrCannotOpen findstr's error for a file it cannot open ({@code %s} the path)
 */
public record ConsoleText(List<String> schtasksHeader, String running, String ready, String enabled, String taskCreated,
                          String taskRunAttempted, String taskDeleted, String taskNotFound, String startTimePast,
                          String regNotFound, String regSuccess, String wmicNoInstance, String notRecognized,
                          String findstrCannotOpen) {

    public ConsoleText {
        schtasksHeader = List.copyOf(schtasksHeader);
        if (schtasksHeader.size() != 28) {
            throw new IllegalArgumentException("schtasks /query /fo csv /v has 28 columns, not " + schtasksHeader.size());
        }
    }

    static final ConsoleText ENGLISH = new ConsoleText(
            List.of("HostName", "TaskName", "Next Run Time", "Status", "Logon Mode", "Last Run Time", "Last Result", "Author",
                    "Task To Run", "Start In", "Comment", "Scheduled Task State", "Idle Time", "Power Management",
                    "Run As User", "Delete Task If Not Rescheduled", "Stop Task If Runs X Hours and X Mins", "Schedule",
                    "Schedule Type", "Start Time", "Start Date", "End Date", "Days", "Months", "Repeat: Every",
                    "Repeat: Until: Time", "Repeat: Until: Duration", "Repeat: Stop If Still Running"),
            "Running", "Ready", "Enabled",
            "SUCCESS: The scheduled task \"%s\" has successfully been created.",
            "SUCCESS: Attempted to run the scheduled task \"%s\".",
            "SUCCESS: The scheduled task \"%s\" was successfully deleted.",
            "ERROR: The system cannot find the file specified.",
            "WARNING: Task may not run because /ST is earlier than current time.",
            "ERROR: The system was unable to find the specified registry key or value.",
            "The operation completed successfully.",
            "No Instance(s) Available.",
            "'%s' is not recognized as an internal or external command,\r\noperable program or batch file.",
            "FINDSTR: Cannot open %s");

    static final ConsoleText GERMAN = new ConsoleText(
            List.of("HostName", "Aufgabenname", "Nächste Laufzeit", "Status", "Anmeldemodus", "Letzte Laufzeit",
                    "Letztes Ergebnis", "Autor", "Auszuführende Aufgabe", "Starten in", "Kommentar",
                    "Status der geplanten Aufgabe", "Leerlaufzeit", "Energieverwaltung", "Als Benutzer ausführen",
                    "Aufgabe löschen, falls nicht neu geplant", "Aufgabe beenden, falls sie X Stunden und X Minuten läuft",
                    "Zeitplan", "Zeitplantyp", "Startzeit", "Startdatum", "Enddatum", "Tage", "Monate", "Wiederholen: Jede",
                    "Wiederholen: Bis: Zeit", "Wiederholen: Bis: Dauer", "Wiederholen: Beenden, falls noch ausgeführt"),
            "Wird ausgeführt", "Bereit", "Aktiviert",
            "ERFOLGREICH: Die geplante Aufgabe \"%s\" wurde erfolgreich erstellt.",
            "ERFOLGREICH: Es wurde versucht, die geplante Aufgabe \"%s\" auszuführen.",
            "ERFOLGREICH: Die geplante Aufgabe \"%s\" wurde erfolgreich gelöscht.",
            "FEHLER: Das System kann die angegebene Datei nicht finden.",
            "WARNUNG: Die Aufgabe wird möglicherweise nicht ausgeführt, da /ST vor der aktuellen Uhrzeit liegt.",
            "FEHLER: Der angegebene Registrierungsschlüssel bzw. Wert wurde nicht gefunden.",
            "Der Vorgang wurde erfolgreich beendet.",
            "Keine Instanz(en) verfügbar.",
            "Der Befehl \"%s\" ist entweder falsch geschrieben oder\r\nkonnte nicht gefunden werden.",
            "FINDSTR: %s kann nicht geöffnet werden.");

    static final ConsoleText SPANISH = new ConsoleText(
            List.of("Nombre de host", "Nombre de tarea", "Hora próxima ejecución", "Estado", "Modo de inicio de sesión",
                    "Último tiempo de ejecución", "Último resultado", "Autor", "Tarea que se ejecutará", "Iniciar en",
                    "Comentario", "Estado de tarea programada", "Tiempo de inactividad", "Administración de energía",
                    "Ejecutar como usuario", "Eliminar tarea si no se vuelve a programar",
                    "Detener tarea si se ejecuta durante X horas y X minutos", "Programación", "Tipo de programación",
                    "Hora de inicio", "Fecha de inicio", "Fecha final", "Días", "Meses", "Repetir: cada",
                    "Repetir: hasta: hora", "Repetir: hasta: duración", "Repetir: detener si aún se ejecuta"),
            "En ejecución", "Listo", "Habilitado",
            "CORRECTO: se creó correctamente la tarea programada \"%s\".",
            "CORRECTO: se intentó ejecutar la tarea programada \"%s\".",
            "CORRECTO: la tarea programada \"%s\" se eliminó correctamente.",
            "ERROR: El sistema no puede encontrar el archivo especificado.",
            "ADVERTENCIA: puede que la tarea no se ejecute porque /ST es anterior a la hora actual.",
            "ERROR: El sistema no pudo encontrar la clave o el valor del Registro especificado.",
            "La operación se completó correctamente.",
            "No hay instancias disponibles.",
            "'%s' no se reconoce como un comando interno o externo,\r\nprograma o archivo por lotes ejecutable.",
            "FINDSTR: No se puede abrir %s");

    static final ConsoleText JAPANESE = new ConsoleText(
            List.of("ホスト名", "タスク名", "次回の実行時刻", "状態", "ログオンモード", "前回の実行時刻", "前回の結果", "作成者",
                    "実行するタスク", "開始", "コメント", "スケジュールされたタスクの状態", "アイドル時間", "電源管理",
                    "ユーザーとして実行", "再度スケジュールされない場合はタスクを削除する", "タスクを停止するまでの時間",
                    "スケジュール", "スケジュールの種類", "開始時刻", "開始日", "終了日", "日", "月", "繰り返し: 間隔",
                    "繰り返し: 終了時刻", "繰り返し: 期間", "繰り返し: 実行中の場合は停止"),
            "実行中", "準備完了", "有効",
            "成功: スケジュール タスク \"%s\" は正しく作成されました。",
            "成功: スケジュール タスク \"%s\" の実行が試行されました。",
            "成功: スケジュール タスク \"%s\" は正しく削除されました。",
            "エラー: 指定されたファイルが見つかりません。",
            "警告: /ST が現在の時刻より前のため、タスクは実行されない可能性があります。",
            "エラー: 指定されたレジストリ キーまたは値が見つかりませんでした",
            "この操作を正しく終了しました。",
            "利用できるインスタンスがありません。",
            "'%s' は、内部コマンドまたは外部コマンド、\r\n操作可能なプログラムまたはバッチ ファイルとして認識されていません。",
            "FINDSTR: %s を開けません。");

    /** A format with the name filled in. */
    static String fill(String format, String name) {
        return format.replace("%s", name);
    }
}
