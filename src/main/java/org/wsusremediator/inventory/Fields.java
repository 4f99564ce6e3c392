package org.wsusremediator.inventory;

import org.wsusremediator.input.Excerpt;
import org.wsusremediator.input.ProblemList;
import org.wsusremediator.yaml.Suggestions;
import org.wsusremediator.yaml.YamlNode;
import java.util.Collection;
import java.util.Map;

/** Shape checks shared by every section: "this must be a mapping", unknown keys, typed values. */
final class Fields {

    private Fields() {
    }

    /** The node as a mapping; an empty value counts as an empty mapping. Null (and a problem) otherwise. */
    static YamlNode.Mapping mapping(YamlNode node, ProblemList problems) {
        if (node instanceof YamlNode.Mapping m) {
            return m;
        }
        if (node instanceof YamlNode.Scalar s && s.isNull()) {
            return YamlNode.Mapping.empty(node);
        }
        problems.add(node, "must be a mapping (key: value lines), not " + node.kind());
        return null;
    }

    /** The node as a list; an empty value counts as an empty list (e.g. every entry commented out). */
    static YamlNode.Sequence sequence(YamlNode node, ProblemList problems) {
        if (node instanceof YamlNode.Sequence s) {
            return s;
        }
        if (node instanceof YamlNode.Scalar s && s.isNull()) {
            return new YamlNode.Sequence(node.file(), node.line(), node.path(), java.util.List.of());
        }
        problems.add(node, "must be a list (lines starting with '- '), not " + node.kind());
        return null;
    }

    /** Parses a single value; null (and a problem) when it is missing its value, not a scalar, or invalid. */
    static <T> T value(YamlNode node, ValueParser<T> parser, ProblemList problems) {
        if (!(node instanceof YamlNode.Scalar scalar)) {
            problems.add(node, "must be a single value, not " + node.kind());
            return null;
        }
        if (scalar.isNull()) {
            problems.add(node, "has no value");
            return null;
        }
        try {
            return parser.parse(scalar.text());
        } catch (InvalidValue e) {
            problems.add(node, e.getMessage());
            return null;
        }
    }

    /** A required member: reports it missing at the mapping's line, with the member's would-be path. */
    static <T> T required(YamlNode.Mapping mapping, String key, ValueParser<T> parser, ProblemList problems) {
        YamlNode node = mapping.get(key);
        if (node == null) {
            problems.add(mapping.file(), mapping.line(), YamlNode.member(mapping.path(), key), "is required");
            return null;
        }
        return value(node, parser, problems);
    }

    /** Typos must not be silently ignored: a misspelt {@code verifyTls} would otherwise keep the default. */
    static void rejectUnknown(YamlNode.Mapping mapping, Collection<String> known, ProblemList problems) {
        for (Map.Entry<String, YamlNode> member : mapping.members().entrySet()) {
            String key = member.getKey();
            if (!known.contains(key)) {
                String hint = Suggestions.nearest(key, known)
                        .map(s -> "did you mean '" + s + "'?")
                        .orElse("known fields here: " + String.join(", ", known));
                problems.add(member.getValue(), "unknown field '" + Excerpt.of(key) + "'; " + hint);
            }
        }
    }
}
