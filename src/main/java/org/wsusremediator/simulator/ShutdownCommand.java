package org.wsusremediator.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * shutdown.exe: {@code /r} (restart), {@code /s} (shut down, off for good), {@code /a} (abort one in its delay), with
 * {@code /t seconds}, {@code /c "comment"}, {@code /f} and {@code /d reason}; {@code -x} spellings too. What the host then
 * does is {@link HostPower}'s (docs/simulator-restarts.md). Like Windows it prints nothing and exits 0 when the shutdown
 * is scheduled: the command returns at once, and the host goes down when the delay ends.
 * <p>
 * Sourced: a second shutdown while one is scheduled fails with {@code (1190)} and exit code 1190 (ansible.windows
 * {@code plugins/plugin_utils/_reboot.py} handles exactly that); {@code /t} is 0-315360000 with a default of 30 and a
 * comment at most 512 characters on Windows 7 / 2008 R2 ({@code shutdown /?}), a comment at most 127 characters on
 * XP/2003 ({@code shutdown -?}). Guesses: that NT 5.x and 6.0 accept {@code /t} up to 600 only; the wording and codes
 * of the refusals of a bad argument (87) and of {@code /a} without a shutdown (1116).
 */
final class ShutdownCommand implements CmdCommand {

    static final int ALREADY_SCHEDULED = 1190;
    static final int NO_SHUTDOWN_IN_PROGRESS = 1116;
    static final int INVALID_PARAMETER = 87;
    private static final int DEFAULT_DELAY = 30;

    @Override
    public int run(CommandCall call) {
        List<String> args = call.argv();
        boolean restart = false;
        boolean off = false;
        boolean abort = false;
        long delay = DEFAULT_DELAY;
        String comment = "";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).toLowerCase(Locale.ROOT);
            if (a.length() < 2 || (a.charAt(0) != '/' && a.charAt(0) != '-')) {
                return invalid(call);
            }
            switch (a.substring(1)) {
                case "r" -> restart = true;
                case "s" -> off = true;
                case "a" -> abort = true;
                case "f" -> {
                    // forcing applications closed changes nothing here
                }
                case "t" -> {
                    if (i + 1 >= args.size() || !args.get(i + 1).matches("\\d{1,10}")) {
                        return invalid(call);
                    }
                    delay = Long.parseLong(args.get(++i));
                }
                case "c", "d" -> {
                    if (i + 1 >= args.size()) {
                        return invalid(call);
                    }
                    String value = args.get(++i);
                    if (a.endsWith("c")) {
                        comment = value;
                    }
                }
                default -> {
                    return invalid(call);
                }
            }
        }
        SimulatedHost host = call.host();
        if (abort) {
            if (restart || off || !host.power().abort()) {
                call.errLine("Unable to abort the system shutdown because no shutdown was in progress.(" + NO_SHUTDOWN_IN_PROGRESS + ")");
                return NO_SHUTDOWN_IN_PROGRESS;
            }
            return 0;
        }
        if (restart == off || delay > maxDelay(host) || comment.length() > maxComment(host)) {
            return invalid(call);
        }
        if (!host.power().schedule(Duration.ofSeconds(delay), restart)) {
            call.errLine("A system shutdown has already been scheduled.(" + ALREADY_SCHEDULED + ")");
            return ALREADY_SCHEDULED;
        }
        host.recordShutdown(new ShutdownRequest(restart, delay, comment, call.user()));
        return 0;
    }

    /** Windows 7 / 2008 R2 (NT 6.1) allow ten years; older ones (a guess) ten minutes. */
    private static long maxDelay(SimulatedHost host) {
        WindowsVersion v = host.os().version();
        return v.major() > 6 || (v.major() == 6 && v.minor() >= 1) ? 315_360_000L : 600L;
    }

    private static int maxComment(SimulatedHost host) {
        return host.os().isServer2003() ? 127 : 512;
    }

    private static int invalid(CommandCall call) {
        call.errLine("The parameter is incorrect.(" + INVALID_PARAMETER + ")");
        return INVALID_PARAMETER;
    }
}
