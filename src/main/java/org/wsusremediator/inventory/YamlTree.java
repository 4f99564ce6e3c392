package org.wsusremediator.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.wsusremediator.input.InputFileException;
import org.wsusremediator.input.InputFiles;
import org.wsusremediator.input.InputLimits;
import org.wsusremediator.input.ParserLimits;
import org.wsusremediator.input.ProblemList;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Location tracking: walks Jackson's YAML token stream and builds a {@link Node} tree where every value
 * remembers its line. Also catches what a plain {@code readTree} would hide: duplicate keys (Jackson keeps
 * the last one silently) and a second YAML document after the first. What it reads is bounded: the file's
 * size, and each key or value's length ({@link InputLimits}).
 */
final class YamlTree {

    // Explicit, because the builder's defaults differ from new YAMLFactory()'s: "key:" with nothing after it
    // must read as null (an empty section), and an empty file must stay empty, not become {}.
    private static final YAMLFactory FACTORY = ParserLimits.yaml(InputLimits.YAML_FILE_BYTES)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .disable(YAMLParser.Feature.EMPTY_DOCUMENT_AS_EMPTY_OBJECT)
            .build();

    private final Path file;
    private final ProblemList problems;
    private boolean oversized;

    private YamlTree(Path file, ProblemList problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The file's top-level mapping, or null when it has none (the reason is in {@code problems}). */
    static Node.Mapping read(Path file, ProblemList problems) {
        return new YamlTree(file, problems).read();
    }

    private Node.Mapping read() {
        try (InputStream in = InputFiles.open(file, InputLimits.YAML_FILE_BYTES); JsonParser p = FACTORY.createParser(in)) {
            if (p.nextToken() == null) {
                problems.add(file, 0, "", "the file is empty (or only comments); expected an inventory, see docs/inventory.md");
                return null;
            }
            Node root = readValue(p, "", line(p));
            if (p.nextToken() != null) {
                problems.add(file, line(p), "", "a second YAML document ('---') is not allowed; an inventory is one document");
            }
            if (oversized) {
                return null;
            }
            if (root instanceof Node.Mapping mapping) {
                return mapping;
            }
            problems.add(file, root.line(), "", "is not an inventory: expected 'key: value' lines at the top level"
                    + " (simulator, scan, credentials, defaults, groups, hosts), found " + root.kind());
            return null;
        } catch (InputFileException e) {
            problems.add(file, 0, "", "the inventory file " + e.reason());
            return null;
        } catch (JsonProcessingException e) {
            String limit = ParserLimits.limitHit(e);
            if (limit != null) {
                problems.add(file, 0, "", "the inventory file " + limit);
            } else {
                syntaxError(e);
            }
            return null;
        } catch (IOException e) {
            // Not YAML text at all (e.g. not UTF-8). The exception's message never holds file content.
            problems.add(file, 0, "", "cannot be read as YAML text: " + e.getMessage());
            return null;
        }
    }

    private Node readValue(JsonParser p, String path, int line) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Node> members = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = bounded(p.currentName(), line(p), Node.member(path, "…"));
                int keyLine = line(p);
                p.nextToken();
                Node value = readValue(p, Node.member(path, key), keyLine);
                Integer first = keyLines.putIfAbsent(key, keyLine);
                if (first != null) {
                    problems.add(file, keyLine, value.path(), "duplicate key; already set at line " + first);
                } else {
                    members.put(key, value);
                }
            }
            return new Node.Mapping(file, line, path, members);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(readValue(p, Node.item(path, items.size()), line(p)));
            }
            return new Node.Sequence(file, line, path, items);
        }
        String text = token == JsonToken.VALUE_NULL ? null : bounded(p.getText(), line, path);
        return new Node.Scalar(file, line, path, text);
    }

    /**
     * A key or value longer than the limit is a problem at its line; the read goes on to find others, but the
     * tree is not used. SnakeYAML has no per-value limit, so this is checked here, within the file's size limit.
     */
    private String bounded(String text, int line, String path) {
        if (text != null && text.length() > InputLimits.VALUE_CHARS) {
            problems.add(file, line, path, "is " + text.length() + " characters long; at most " + InputLimits.VALUE_CHARS
                    + " characters are read in one value");
            oversized = true;
            return "";
        }
        return text;
    }

    private static int line(JsonParser p) {
        return Math.max(0, p.currentTokenLocation().getLineNr());
    }

    /**
     * SnakeYAML's full message quotes the offending line, which may hold a secret typed where it does not
     * belong; only the problem description and its line are reported.
     */
    private void syntaxError(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                int line = marked.getProblemMark().getLine() + 1;
                StringBuilder message = new StringBuilder("YAML syntax error: ").append(marked.getProblem());
                Mark context = marked.getContextMark();
                if (marked.getContext() != null) {
                    message.append(" (").append(marked.getContext());
                    if (context != null && context.getLine() + 1 != line) {
                        message.append(" started at line ").append(context.getLine() + 1);
                    }
                    message.append(')');
                }
                problems.add(file, line, "", message.toString());
                return;
            }
        }
        int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
        problems.add(file, line, "", "not valid YAML: " + e.getOriginalMessage());
    }
}
