package org.wsusremediator.yaml;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsusremediator.input.Location;

/**
 * A YAML value with the file and line it was written on and its field path. Jackson's {@code JsonNode} forgets
 * where a value came from, and every problem in a configuration file (inventory, change windows, recipes) must
 * name its line; {@link YamlNodeReader} builds these from the token stream instead. A CSV host list's rows are
 * {@link Mapping}s too, so hosts from YAML and CSV go through the same checks.
 */
public sealed interface YamlNode extends Location permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    /** 1-based; for a mapping member the line of its key, for a list item the line it starts on; 0 for an empty file. */
    @Override
    int line();

    /** E.g. {@code windows[0].start} or {@code groups.lab.hosts[1].port}; "" for the top level and for a CSV row. */
    @Override
    String path();

    /** How the value reads in a message: "a mapping", "a list", "a single value", "nothing". */
    String kind();

    static String member(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** {@code key: value} lines, in written order. */
    record Mapping(Path file, int line, String path, Map<String, YamlNode> members) implements YamlNode {
        public Mapping {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        /** A mapping with no members where {@code where} was written: what an empty value stands for. */
        public static Mapping empty(YamlNode where) {
            return new Mapping(where.file(), where.line(), where.path(), Map.of());
        }

        public YamlNode get(String key) {
            return members.get(key);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** {@code - item} lines or {@code [a, b]}. */
    record Sequence(Path file, int line, String path, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A single value as written (numbers and booleans too); {@code text} is null for YAML's null ({@code ~} or nothing). */
    record Scalar(Path file, int line, String path, String text) implements YamlNode {
        public boolean isNull() {
            return text == null;
        }

        @Override
        public String kind() {
            return text == null ? "nothing" : "a single value";
        }
    }
}
