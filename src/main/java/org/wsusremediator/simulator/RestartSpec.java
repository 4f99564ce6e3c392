package org.wsusremediator.simulator;

import java.time.Duration;

/**
 * How a host behaves when it restarts ({@code shutdown /r}; fleet file {@code restart}). After the command's delay the
 * host stops answering WinRM for {@code downSeconds}, then boots: a new boot time, the restart-pending flags cleared.
 * The faults {@code restartNeverComesBack}, {@code restartWinRmLate} (WinRM answers only {@code winrmLateSeconds}
 * after the boot) and {@code restartWsusStopped} (the WSUS service does not start) change the second half
 * (docs/simulator-restarts.md).
 *
 * @param downSeconds      how long the host is down, from the end of the command's delay to the boot; default 20
 * @param winrmLateSeconds with fault restartWinRmLate: how long after the boot WinRM still refuses connections;
 *                         default 30
 */
public record RestartSpec(Integer downSeconds, Integer winrmLateSeconds) {

    public static final int DEFAULT_DOWN_SECONDS = 20;
    public static final int DEFAULT_WINRM_LATE_SECONDS = 30;
    /** A day: longer is a host that never comes back, which fault restartNeverComesBack says plainly. */
    private static final int MAX_SECONDS = 86_400;

    public static final RestartSpec DEFAULT = new RestartSpec(null, null);

    public RestartSpec {
        downSeconds = downSeconds == null ? DEFAULT_DOWN_SECONDS : downSeconds;
        winrmLateSeconds = winrmLateSeconds == null ? DEFAULT_WINRM_LATE_SECONDS : winrmLateSeconds;
        Checks.notNegative("downSeconds", downSeconds);
        Checks.notNegative("winrmLateSeconds", winrmLateSeconds);
        if (downSeconds > MAX_SECONDS || winrmLateSeconds > MAX_SECONDS) {
            throw new IllegalArgumentException("downSeconds: at most " + MAX_SECONDS
                    + " seconds (a host that never comes back is fault restartNeverComesBack)");
        }
    }

    Duration down() {
        return Duration.ofSeconds(downSeconds);
    }

    Duration winrmLate() {
        return Duration.ofSeconds(winrmLateSeconds);
    }
}
