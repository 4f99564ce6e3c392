package org.wsusremediator.simulator;

/**
 * One execution of a staged KB954960 package on a simulated host, as {@link SimulatedHost#installerRuns()} records
 * it, so tests can assert e.g. that the installer never ran unelevated on Server 2008.
 *
 * @param path      the staged file that was run
 * @param arguments its switches as given ({@code /quiet /norestart})
 * @param user      who ran it ({@code LAB\wsus-admin} over WinRM, {@code NT AUTHORITY\SYSTEM} from a task)
 * @param elevated  true when it ran with a full token (a SYSTEM task with run level HIGHEST)
 * @param exitCode  its exit code; null while it never finishes (fault taskNeverFinishes)
 */
public record InstallerRun(String path, String arguments, String user, boolean elevated, Integer exitCode) {
}
