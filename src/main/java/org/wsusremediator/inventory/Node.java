package org.wsusremediator.inventory;

import java.nio.file.Path;
import org.wsusremediator.input.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value read from an inventory file together with where it was written. Jackson's own trees forget token
 * locations, so the reader validates this tree instead: every problem can then name file, line and field path.
 * CSV rows are turned into the same {@link Mapping}s, so hosts from YAML and CSV go through the same checks.
 */
sealed interface Node extends Location permits Node.Mapping, Node.Sequence, Node.Scalar {

    /** How the value reads in a message: "a mapping", "a list", "a single value", "nothing". */
    String kind();

    static String member(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** {@code key: value} lines. Members keep their written order. */
    record Mapping(Path file, int line, String path, Map<String, Node> members) implements Node {
        public Mapping {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        static Mapping empty(Node where) {
            return new Mapping(where.file(), where.line(), where.path(), Map.of());
        }

        Node get(String key) {
            return members.get(key);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A list ({@code - item} lines or {@code [a, b]}). */
    record Sequence(Path file, int line, String path, List<Node> items) implements Node {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A single value as written; {@code text} is null for YAML's null (an empty value or {@code ~}). */
    record Scalar(Path file, int line, String path, String text) implements Node {
        boolean isNull() {
            return text == null;
        }

        @Override
        public String kind() {
            return text == null ? "nothing" : "a single value";
        }
    }
}
