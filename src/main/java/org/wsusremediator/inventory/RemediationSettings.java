package org.wsusremediator.inventory;

import org.wsusremediator.probe.Architecture;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The inventory's {@code remediation:} section (docs/inventory.md): what is installed, how, and where hosts
 * flagged for upgrade are recorded. {@link Inventory#remediation()} is never null: without the section every
 * field has its default ({@link #defaults()}).
 *
 * @param packages           the KB954960 package per architecture (x86, x64); an architecture without one
 *                           cannot be installed. Empty by default
 * @param installerArguments the installer's switches, default {@code /quiet /norestart}
 * @param installTimeout     how long an install may run before it is given up, default 30 minutes
 * @param workaroundRecipe   the workaround recipe for RTM hosts, or null when the inventory names none
 * @param upgradeSink        a Camel endpoint URI that receives the FLAG_UPGRADE records, default
 *                           {@code file:reports/upgrades}
 * @param lab                true only for simulated or lab fleets; default false
 * @param restartTimeout     how long a host the remediator restarted (allowReboot, installer exit 3010) may take to
 *                           answer WinRM again with a new boot time, from the restart command; default 15 minutes
 * @param restartDelay       the restart command's delay ({@code shutdown /r /t}), so the command's own answer gets back
 *                           before the host goes down; default 10 seconds
 */
public record RemediationSettings(
        Map<Architecture, PackageSource> packages,
        String installerArguments,
        Duration installTimeout,
        RecipeRef workaroundRecipe,
        String upgradeSink,
        boolean lab,
        Duration restartTimeout,
        Duration restartDelay) {

    public static final String DEFAULT_INSTALLER_ARGUMENTS = "/quiet /norestart";
    public static final Duration DEFAULT_INSTALL_TIMEOUT = Duration.ofMinutes(30);
    public static final String DEFAULT_UPGRADE_SINK = "file:reports/upgrades";
    public static final Duration DEFAULT_RESTART_TIMEOUT = Duration.ofMinutes(15);
    public static final Duration DEFAULT_RESTART_DELAY = Duration.ofSeconds(10);

    public RemediationSettings {
        Map<Architecture, PackageSource> copy = new EnumMap<>(Architecture.class);
        copy.putAll(packages);
        packages = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(installerArguments, "installerArguments");
        Objects.requireNonNull(installTimeout, "installTimeout");
        Objects.requireNonNull(upgradeSink, "upgradeSink");
        restartTimeout = restartTimeout == null ? DEFAULT_RESTART_TIMEOUT : restartTimeout;
        restartDelay = restartDelay == null ? DEFAULT_RESTART_DELAY : restartDelay;
    }

    /** Without the restart settings (their defaults): for code that builds settings directly. */
    public RemediationSettings(Map<Architecture, PackageSource> packages, String installerArguments,
            Duration installTimeout, RecipeRef workaroundRecipe, String upgradeSink, boolean lab) {
        this(packages, installerArguments, installTimeout, workaroundRecipe, upgradeSink, lab, null, null);
    }

    /** The settings of an inventory without a {@code remediation:} section. */
    public static RemediationSettings defaults() {
        return new RemediationSettings(Map.of(), DEFAULT_INSTALLER_ARGUMENTS, DEFAULT_INSTALL_TIMEOUT, null,
                DEFAULT_UPGRADE_SINK, false);
    }

    /** The package for a host's architecture; empty for IA64 and for an architecture the inventory left out. */
    public Optional<PackageSource> packageFor(Architecture architecture) {
        return Optional.ofNullable(packages.get(architecture));
    }

    public Optional<RecipeRef> recipe() {
        return Optional.ofNullable(workaroundRecipe);
    }

    /**
     * The endpoint the records are sent to: {@link #upgradeSink()}, and for a {@code file:} sink that sets no
     * {@code chmod} itself, owner-only files and folders (they describe weak hosts). As written otherwise.
     */
    public String upgradeEndpoint() {
        boolean file = upgradeSink.regionMatches(true, 0, "file:", 0, 5);
        return file && !upgradeSink.contains("chmod") ? withOption(upgradeSink, "chmod=600&chmodDirectory=700") : upgradeSink;
    }

    /** The endpoint a file sink's {@code upgrades.csv} list is appended to. */
    public String upgradeListEndpoint() {
        return withOption(upgradeEndpoint(), "fileExist=Append");
    }

    private static String withOption(String uri, String option) {
        return uri + (uri.indexOf('?') < 0 ? "?" : "&") + option;
    }

    public RemediationSettings withUpgradeSink(String sink) {
        return new RemediationSettings(packages, installerArguments, installTimeout, workaroundRecipe, sink, lab,
                restartTimeout, restartDelay);
    }
}
