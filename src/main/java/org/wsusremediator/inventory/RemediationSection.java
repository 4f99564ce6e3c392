package org.wsusremediator.inventory;

import org.wsusremediator.input.InputLimits;
import org.wsusremediator.input.ProblemList;
import org.wsusremediator.probe.Architecture;
import org.wsusremediator.yaml.YamlNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code remediation:} into {@link RemediationSettings}. Absent fields keep their defaults; a field
 * that is written but invalid is a problem (and the whole inventory is refused, like any other problem).
 */
final class RemediationSection {

    static final String PACKAGES = "packages";
    static final String INSTALLER_ARGUMENTS = "installerArguments";
    static final String INSTALL_TIMEOUT = "installTimeout";
    static final String WORKAROUND_RECIPE = "workaroundRecipe";
    static final String UPGRADE_SINK = "upgradeSink";
    static final String LAB = "lab";
    static final String RESTART_TIMEOUT = "restartTimeout";
    static final String RESTART_DELAY = "restartDelay";
    /** A host not back within two hours needs a person, not a longer wait; a window is rarely longer. */
    static final Duration MAX_RESTART_TIMEOUT = Duration.ofHours(2);
    /** shutdown.exe on Server 2003/2008 is taken to accept at most 600 s (docs/simulator-restarts.md, a guess). */
    static final Duration MAX_RESTART_DELAY = Duration.ofMinutes(10);
    /** An installer that runs longer than a day has hung; a bound also keeps the deadline arithmetic finite. */
    static final java.time.Duration MAX_INSTALL_TIMEOUT = java.time.Duration.ofHours(24);
    private static final List<String> KEYS =
            List.of(PACKAGES, INSTALLER_ARGUMENTS, INSTALL_TIMEOUT, WORKAROUND_RECIPE, UPGRADE_SINK, LAB, RESTART_TIMEOUT,
                    RESTART_DELAY);
    /** No package exists for Itanium, so ia64 is not a key: it is rejected like any unknown field. */
    private static final Map<String, Architecture> ARCHITECTURES = Map.of("x86", Architecture.X86, "x64", Architecture.X64);
    private static final List<String> PACKAGE_KEYS = List.of("source", "sha256");
    private static final List<String> RECIPE_KEYS = List.of("file", "sha256");

    private final Path baseDir;
    private final ProblemList problems;

    private RemediationSection(Path baseDir, ProblemList problems) {
        this.baseDir = baseDir;
        this.problems = problems;
    }

    /** @param section the {@code remediation} node, or null when the inventory has none */
    static RemediationSettings read(YamlNode section, Path baseDir, ProblemList problems) {
        RemediationSettings defaults = RemediationSettings.defaults();
        YamlNode.Mapping mapping = section == null ? null : Fields.mapping(section, problems);
        if (mapping == null) {
            return defaults;
        }
        Fields.rejectUnknown(mapping, KEYS, problems);
        RemediationSection reader = new RemediationSection(baseDir, problems);
        Map<Architecture, PackageSource> packages = reader.readPackages(mapping.get(PACKAGES));
        String arguments = reader.optional(mapping.get(INSTALLER_ARGUMENTS), Values.installerArguments(),
                defaults.installerArguments());
        Duration timeout = reader.optional(mapping.get(INSTALL_TIMEOUT), Values.positiveDuration(MAX_INSTALL_TIMEOUT),
                defaults.installTimeout());
        RecipeRef recipe = reader.readRecipe(mapping.get(WORKAROUND_RECIPE));
        String sink = reader.optional(mapping.get(UPGRADE_SINK), Values.endpointUri(), defaults.upgradeSink());
        Boolean lab = reader.optional(mapping.get(LAB), Values.bool(), defaults.lab());
        Duration restartTimeout = reader.optional(mapping.get(RESTART_TIMEOUT), Values.positiveDuration(MAX_RESTART_TIMEOUT),
                defaults.restartTimeout());
        Duration restartDelay = reader.optional(mapping.get(RESTART_DELAY), Values.positiveDuration(MAX_RESTART_DELAY),
                defaults.restartDelay());
        return new RemediationSettings(packages, arguments, timeout, recipe, sink, lab, restartTimeout, restartDelay);
    }

    private <T> T optional(YamlNode node, ValueParser<T> parser, T fallback) {
        if (node == null) {
            return fallback;
        }
        T value = Fields.value(node, parser, problems);
        return value != null ? value : fallback;
    }

    private Map<Architecture, PackageSource> readPackages(YamlNode node) {
        Map<Architecture, PackageSource> packages = new EnumMap<>(Architecture.class);
        YamlNode.Mapping mapping = node == null ? null : Fields.mapping(node, problems);
        if (mapping == null) {
            return packages;
        }
        Fields.rejectUnknown(mapping, ARCHITECTURES.keySet().stream().sorted().toList(), problems);
        mapping.members().forEach((arch, entryNode) -> {
            Architecture architecture = ARCHITECTURES.get(arch);
            YamlNode.Mapping entry = architecture == null ? null : Fields.mapping(entryNode, problems);
            if (entry == null) {
                return;
            }
            Fields.rejectUnknown(entry, PACKAGE_KEYS, problems);
            String source = Fields.required(entry, "source", Values.packageSource(), problems);
            String sha256 = Fields.required(entry, "sha256", Values.sha256(), problems);
            if (source != null && sha256 != null) {
                packages.put(architecture, new PackageSource(source, sha256));
            }
        });
        return packages;
    }

    private RecipeRef readRecipe(YamlNode node) {
        YamlNode.Mapping mapping = node == null ? null : Fields.mapping(node, problems);
        if (mapping == null) {
            return null;
        }
        Fields.rejectUnknown(mapping, RECIPE_KEYS, problems);
        String name = Fields.required(mapping, "file", Values.nonBlank(), problems);
        String sha256 = Fields.required(mapping, "sha256", Values.sha256(), problems);
        Path file = null;
        if (name != null) {
            YamlNode fileNode = mapping.get("file");
            Path candidate = baseDir.resolve(name).normalize();
            if (InventoryReader.checkFile(candidate, InputLimits.YAML_FILE_BYTES, fileNode.path(), fileNode.line(), fileNode.file(), "workaround recipe",
                    problems)) {
                file = candidate;
            }
        }
        return file != null && sha256 != null ? new RecipeRef(file, sha256) : null;
    }
}
