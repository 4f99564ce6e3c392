/**
 * The WS-Management fleet simulator: simulated Windows/WSUS hosts on loopback that speak the WinRM shell protocol
 * well enough for WinRM4J, pywinrm and Ansible ({@code -m raw}).
 *
 * <h2>Use</h2>
 * {@link org.wsusremediator.simulator.FleetSimulator#start(FleetFile, java.util.Map)} binds one HTTP listener per
 * host ({@code http://ADDRESS:PORT/wsman}); {@link org.wsusremediator.simulator.FleetSimulator#host(String)} gives
 * the live {@link org.wsusremediator.simulator.SimulatedHost} (registry, files, PowerShell version, fault) to inspect
 * or change; {@link org.wsusremediator.simulator.FleetSimulator#statistics()} counts what was served. New programs
 * and recognised scripts are added through a {@link org.wsusremediator.simulator.CommandRegistry}.
 *
 * <h2>Fleet file</h2>
 * YAML: {@code defaults} (port, latencyMs), {@code accounts} (username, passwordEnv) and {@code hosts} (name,
 * address, computerName, machineGuid, port, os {caption, version}, architecture, powershell, wsus {versionString, installType, targetDir},
 * wsus2Product, dllVersion, log {folder, signatures, lastSignature}, wsmanStack, latencyMs, fault) and
 * {@code packages} (source: UNC path or http(s) URL, content: the package's bytes as UTF-8 text; see
 * {@link org.wsusremediator.simulator.PackageSpec#sha256()}). Unknown fields are rejected; errors name the file and
 * the field. See inventory/lab-fleet.yaml. computerName (NetBIOS) and machineGuid default to the name in upper case
 * and a GUID derived from the name; hosts may share them (one machine at two addresses, or an unsysprepped clone).
 *
 * <h2>Remediation</h2>
 * docs/remediation-protocol.md: the staging script, mkdir/copy/certutil, the staged KB954960 installer (refused
 * unelevated on NT 6.x; {@link org.wsusremediator.simulator.SimulatedHost#installerRuns()}), schtasks
 * ({@link org.wsusremediator.simulator.SimulatedHost#scheduledTasks()}) and the recipe PowerShell subset. Faults
 * packageTampered, installerExit1603, installerExit3010, installerMixedDll, taskNeverFinishes, dropDuringInstall, recipeStepFails.
 *
 * <h2>Fidelity</h2>
 * What the hosts print follows docs/probe-protocol.md to the byte. Everything runs on a few Netty event-loop
 * threads: nothing blocks, latency and stalls are scheduled.
 * <p>The simulator has its own {@link org.wsusremediator.simulator.WindowsVersion} and
 * {@link org.wsusremediator.simulator.WindowsArchitecture} and imports nothing of the product (ArchitectureTest):
 * a stand-in for Windows that shared the product's parsers would agree with their bugs.
 */
package org.wsusremediator.simulator;
