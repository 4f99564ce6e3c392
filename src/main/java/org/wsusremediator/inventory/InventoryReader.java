package org.wsusremediator.inventory;

import org.wsusremediator.input.Excerpt;
import org.wsusremediator.input.InputFiles;
import org.wsusremediator.input.InputLimits;
import org.wsusremediator.input.ProblemList;
import org.wsusremediator.yaml.Suggestions;
import org.wsusremediator.yaml.YamlNode;
import org.wsusremediator.yaml.YamlNodeReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates an inventory (docs/inventory.md). Either every rule holds and an {@link Inventory}
 * comes back, or one {@link InvalidInventoryException} lists every problem found; nothing is half-read.
 *
 * <p>The reader checks shapes and values section by section; rules spanning several places are in
 * {@link InventoryValidator}; host settings and their inheritance come from {@link HostSettings}.
 */
public final class InventoryReader {

    static final String SIMULATOR = "simulator";
    static final String SCAN = "scan";
    static final String CREDENTIALS = "credentials";
    static final String DEFAULTS = "defaults";
    static final String GROUPS = "groups";
    static final String HOSTS = "hosts";
    static final String HOSTS_CSV = "hostsCsv";
    static final String REMEDIATION = "remediation";
    private static final List<String> ROOT_KEYS =
            List.of(SIMULATOR, SCAN, CREDENTIALS, DEFAULTS, GROUPS, HOSTS, HOSTS_CSV, REMEDIATION);
    private static final List<String> SCAN_KEYS = List.of("parallelism");
    static final int DEFAULT_PARALLELISM = 16;
    static final int MAX_PARALLELISM = 1024;

    private final Path file;
    private final ProblemList problems = new ProblemList();
    private final List<HostDraft> hosts = new ArrayList<>();
    private final Map<String, SettingsLayer> groupLayers = new LinkedHashMap<>();
    private CredentialsSection credentials;
    private InventoryValidator validator;
    private SettingsLayer defaults = SettingsLayer.NONE;

    private InventoryReader(Path file) {
        this.file = file;
    }

    /**
     * Reads a YAML inventory. A {@code .csv} file is refused: it has no credentials section, so CSV host
     * lists are referenced from a YAML inventory with {@code hostsCsv}.
     *
     * @throws InvalidInventoryException listing every problem; its messages never contain a password
     */
    public static Inventory read(Path file) {
        return new InventoryReader(file).read();
    }

    private Inventory read() {
        if (!checkFile(file, InputLimits.YAML_FILE_BYTES, "", 0, file, "inventory")) {
            problems.throwIfAny(InvalidInventoryException::new);
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            problems.add(file, 0, "", "a CSV host list cannot be read on its own: it has no credentials or defaults."
                    + " Reference it from a YAML inventory with 'hostsCsv: " + file.getFileName() + "' (see docs/inventory.md)");
            problems.throwIfAny(InvalidInventoryException::new);
        }
        YamlNode.Mapping root = readYaml();
        problems.throwIfAny(InvalidInventoryException::new);

        Fields.rejectUnknown(root, ROOT_KEYS, problems);
        Path simulator = readSimulator(root.get(SIMULATOR));
        int parallelism = readScan(root.get(SCAN));
        RemediationSettings remediation = RemediationSection.read(root.get(REMEDIATION), baseDir(), problems);
        credentials = CredentialsSection.read(root.get(CREDENTIALS), baseDir(), problems);
        validator = new InventoryValidator(problems, credentials);
        readDefaults(root.get(DEFAULTS));
        readGroups(root.get(GROUPS));
        readHostList(root.get(HOSTS), null, SettingsLayer.NONE);
        readTopLevelCsv(root.get(HOSTS_CSV));
        if (hosts.isEmpty() && problems.isEmpty()) {
            problems.add(file, root.line(), HOSTS, "the inventory defines no hosts (under hosts, groups.<name>.hosts or hostsCsv)");
        }
        validator.checkHosts(hosts);
        problems.throwIfAny(InvalidInventoryException::new);

        return new Inventory(file, simulator, parallelism, hosts.stream().map(h -> h.toEntry(validator.caFiles())).toList(),
                credentials.refs(), remediation);
    }

    /**
     * The simulated fleet file the inventory names ({@code simulator:}), read without the rest of the inventory;
     * null when it names none or cannot be read (then {@link #read} reports why). A run starts that fleet before
     * reading the inventory when the fleet writes the lab CA's certificate, which a {@code caFile} may name.
     */
    public static Path declaredSimulator(Path file) {
        if (InputFiles.refusal(file, InputLimits.YAML_FILE_BYTES) != null) {
            return null;
        }
        YamlNode top = YamlNodeReader.read(file, new ProblemList(), InventoryWording.INSTANCE);
        if (!(top instanceof YamlNode.Mapping root) || !(root.get(SIMULATOR) instanceof YamlNode.Scalar name)
                || name.text().isBlank()) {
            return null;
        }
        Path parent = file.toAbsolutePath().getParent();
        Path fleet = (parent != null ? parent : file.toAbsolutePath()).resolve(name.text().strip()).normalize();
        return InputFiles.refusal(fleet, InputLimits.YAML_FILE_BYTES) == null ? fleet : null;
    }

    /** The inventory's top-level mapping, or null when it has none (the reason is in {@code problems}). */
    private YamlNode.Mapping readYaml() {
        YamlNode top = YamlNodeReader.read(file, problems, InventoryWording.INSTANCE);
        if (YamlNodeReader.isEmptyDocument(top)) {
            problems.add(file, 0, "", "the file is empty (or only comments); expected an inventory, see docs/inventory.md");
            return null;
        }
        if (top == null || top instanceof YamlNode.Mapping) {
            return (YamlNode.Mapping) top;
        }
        problems.add(top, "is not an inventory: expected 'key: value' lines at the top level"
                + " (simulator, scan, credentials, defaults, groups, hosts), found " + top.kind());
        return null;
    }

    private Path baseDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null ? parent : file.toAbsolutePath();
    }

    /** Existence checks that give a sentence instead of a NoSuchFileException stack trace. */
    private boolean checkFile(Path path, long maxBytes, String field, int line, Path reportIn, String what) {
        return checkFile(path, maxBytes, field, line, reportIn, what, problems);
    }

    /**
     * Whether a named file may be read: it exists, is a regular file (a FIFO would block the read forever, a
     * device such as /dev/zero never ends), is readable and within its size limit.
     */
    static boolean checkFile(Path path, long maxBytes, String field, int line, Path reportIn, String what,
            ProblemList problems) {
        String refusal = InputFiles.refusal(path, maxBytes);
        if (refusal != null) {
            problems.add(reportIn, line, field, refusal.equals("not found")
                    ? what + " file not found: " + path : what + " file " + path + " " + refusal);
        }
        return refusal == null;
    }

    private Path readSimulator(YamlNode node) {
        if (node == null) {
            return null;
        }
        String name = Fields.value(node, Values.nonBlank(), problems);
        if (name == null) {
            return null;
        }
        Path fleet = baseDir().resolve(name).normalize();
        return checkFile(fleet, InputLimits.YAML_FILE_BYTES, node.path(), node.line(), node.file(), "simulator fleet") ? fleet : null;
    }

    private int readScan(YamlNode node) {
        YamlNode.Mapping scan = node == null ? null : Fields.mapping(node, problems);
        if (scan == null) {
            return DEFAULT_PARALLELISM;
        }
        Fields.rejectUnknown(scan, SCAN_KEYS, problems);
        if (scan.get("parallelism") == null) {
            return DEFAULT_PARALLELISM;
        }
        Integer value = Fields.value(scan.get("parallelism"), Values.integer(1, MAX_PARALLELISM), problems);
        return value != null ? value : DEFAULT_PARALLELISM;
    }

    private void readDefaults(YamlNode node) {
        YamlNode.Mapping mapping = node == null ? null : Fields.mapping(node, problems);
        if (mapping == null) {
            return;
        }
        Fields.rejectUnknown(mapping, HostSettings.topKeys(), problems);
        defaults = SettingsLayer.read(mapping, SettingsLayer.Level.DEFAULTS, problems);
        validator.checkLayer(defaults);
    }

    private void readGroups(YamlNode node) {
        YamlNode.Mapping groups = node == null ? null : Fields.mapping(node, problems);
        if (groups == null) {
            return;
        }
        Set<String> known = new LinkedHashSet<>(HostSettings.topKeys());
        known.add(HOSTS);
        known.add(HOSTS_CSV);
        groups.members().forEach((name, groupNode) -> {
            try {
                Values.name().parse(name);
            } catch (InvalidValue e) {
                problems.add(groupNode, "group name " + e.getMessage());
            }
            YamlNode.Mapping group = Fields.mapping(groupNode, problems);
            if (group == null) {
                return;
            }
            Fields.rejectUnknown(group, known, problems);
            SettingsLayer layer = SettingsLayer.read(group, SettingsLayer.Level.GROUP, problems);
            validator.checkLayer(layer);
            groupLayers.put(name, layer);
            readHostList(group.get(HOSTS), name, layer);
            YamlNode csv = group.get(HOSTS_CSV);
            if (csv != null) {
                for (YamlNode.Mapping row : readCsv(csv)) {
                    YamlNode column = row.get(CsvHosts.GROUP_COLUMN);
                    if (column instanceof YamlNode.Scalar s && !s.text().equals(name)) {
                        problems.add(column, "this row is in group '" + name + "' (it comes from that group's hostsCsv)"
                                + " but its group column says '" + Excerpt.of(s.text()) + "'; leave the column empty or write '" + name + "'");
                        continue;
                    }
                    readHost(withoutGroupColumn(row), name, layer);
                }
            }
        });
    }

    /** Rows of a top-level hostsCsv may name a group (defined under groups) in their group column. */
    private void readTopLevelCsv(YamlNode csv) {
        if (csv == null) {
            return;
        }
        for (YamlNode.Mapping row : readCsv(csv)) {
            YamlNode column = row.get(CsvHosts.GROUP_COLUMN);
            String group = column instanceof YamlNode.Scalar s ? s.text() : null;
            SettingsLayer layer = SettingsLayer.NONE;
            if (group != null) {
                layer = groupLayers.get(group);
                if (layer == null) {
                    String hint = Suggestions.nearest(group, groupLayers.keySet()).map(g -> "; did you mean '" + g + "'?")
                            .orElse(groupLayers.isEmpty() ? "; the inventory defines no groups"
                                    : "; defined: " + String.join(", ", groupLayers.keySet()));
                    problems.add(column, "group '" + Excerpt.of(group) + "' is not defined under groups" + hint);
                    continue;
                }
            }
            readHost(withoutGroupColumn(row), group, layer);
        }
    }

    private List<YamlNode.Mapping> readCsv(YamlNode reference) {
        String name = Fields.value(reference, Values.nonBlank(), problems);
        if (name == null) {
            return List.of();
        }
        Path csv = file.resolveSibling(name).normalize();
        if (!checkFile(csv, InputLimits.CSV_FILE_BYTES, reference.path(), reference.line(), reference.file(), "hostsCsv")) {
            return List.of();
        }
        List<String> columns = new ArrayList<>(List.of("name", "address", CsvHosts.GROUP_COLUMN));
        columns.addAll(HostSettings.csvColumns());
        return CsvHosts.read(csv, columns, problems);
    }

    private static YamlNode.Mapping withoutGroupColumn(YamlNode.Mapping row) {
        Map<String, YamlNode> members = new LinkedHashMap<>(row.members());
        members.remove(CsvHosts.GROUP_COLUMN);
        return new YamlNode.Mapping(row.file(), row.line(), row.path(), members);
    }

    private void readHostList(YamlNode node, String group, SettingsLayer groupLayer) {
        YamlNode.Sequence list = node == null ? null : Fields.sequence(node, problems);
        if (list == null) {
            return;
        }
        for (YamlNode item : list.items()) {
            YamlNode.Mapping host = Fields.mapping(item, problems);
            if (host != null) {
                readHost(host, group, groupLayer);
            }
        }
    }

    /** One host entry, from YAML or a CSV row (whose columns CsvHosts already checked). */
    private void readHost(YamlNode.Mapping host, String group, SettingsLayer groupLayer) {
        Set<String> known = new LinkedHashSet<>(List.of("name", "address"));
        known.addAll(HostSettings.topKeys());
        Fields.rejectUnknown(host, known, problems);
        String name = Fields.required(host, "name", Values.name(), problems);
        String address = Fields.required(host, "address", Values.address(), problems);
        SettingsLayer own = SettingsLayer.read(host, SettingsLayer.Level.HOST, problems);
        validator.checkLayer(own);
        if (name != null && address != null) {
            hosts.add(new HostDraft(name, host.get("name"), group, address,
                    new SettingsChain(own, groupLayer, defaults), host));
        }
    }
}
