package org.wsusremediator.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.wsusremediator.input.InputFileException;
import org.wsusremediator.input.InputFiles;
import org.wsusremediator.input.InputLimits;
import org.wsusremediator.input.ParserLimits;
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
 * Walks Jackson's YAML token stream into {@link YamlNode}s that remember their lines. It also reports what a
 * plain {@code readTree} hides: a key written twice (Jackson silently keeps the last) and a second document.
 * Only regular files of at most {@link InputLimits#YAML_FILE_BYTES} are read, and no key or value longer than
 * {@link InputLimits#VALUE_CHARS} is passed on.
 */
public final class YamlNodeReader {

    /** Where the reader reports what is wrong, by line and field path ("" for the whole file). */
    @FunctionalInterface
    public interface Problems {
        void add(int line, String field, String message);
    }

    // "key:" with nothing after it reads as null, and an empty file stays empty instead of becoming {}.
    private static final YAMLFactory FACTORY = ParserLimits.yaml(InputLimits.YAML_FILE_BYTES)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .disable(YAMLParser.Feature.EMPTY_DOCUMENT_AS_EMPTY_OBJECT)
            .build();

    private final Problems problems;
    private boolean oversized;

    private YamlNodeReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * The file's top-level value: {@link #EMPTY} for an empty file (or one with only comments); null when the
     * file cannot be used at all, with the reason added to {@code problems}. What the top level must be is the
     * caller's to check.
     */
    public static YamlNode read(Path file, Problems problems) {
        return new YamlNodeReader(problems).readFile(file);
    }

    /** Like {@link #read(Path, Problems)}, for content already read (and, say, hashed) by the caller. */
    public static YamlNode read(byte[] content, Problems problems) {
        return new YamlNodeReader(problems).readStream(new java.io.ByteArrayInputStream(content));
    }

    /** What an empty document reads as: YAML's null at line 0. */
    public static final YamlNode.Scalar EMPTY = new YamlNode.Scalar(0, "", null);

    private YamlNode readFile(Path file) {
        try {
            return readStream(InputFiles.open(file, InputLimits.YAML_FILE_BYTES));
        } catch (InputFileException e) {
            problems.add(0, "", e.reason().equals("not found") ? "cannot be read: no such file" : e.reason());
            return null;
        }
    }

    private YamlNode readStream(InputStream content) {
        try (InputStream in = content; JsonParser p = FACTORY.createParser(in)) {
            if (p.nextToken() == null) {
                return EMPTY;
            }
            YamlNode root = readValue(p, "", line(p));
            if (p.nextToken() != null) {
                problems.add(line(p), "", "a second YAML document ('---') is not allowed; the file is one document");
            }
            return oversized ? null : root;
        } catch (InputFileException e) {
            problems.add(0, "", e.reason().equals("not found") ? "cannot be read: no such file" : e.reason());
            return null;
        } catch (JsonProcessingException e) {
            String limit = ParserLimits.limitHit(e);
            if (limit != null) {
                problems.add(0, "", limit);
            } else {
                syntaxError(e);
            }
            return null;
        } catch (IOException e) {
            problems.add(0, "", "cannot be read (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    private YamlNode readValue(JsonParser p, String path, int line) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode> members = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = bounded(p.currentName(), line(p), path);
                int keyLine = line(p);
                p.nextToken();
                YamlNode value = readValue(p, YamlNode.member(path, key), keyLine);
                Integer first = keyLines.putIfAbsent(key, keyLine);
                if (first != null) {
                    problems.add(keyLine, value.path(), "written twice; already set at line " + first);
                } else {
                    members.put(key, value);
                }
            }
            return new YamlNode.Mapping(line, path, members);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(readValue(p, YamlNode.item(path, items.size()), line(p)));
            }
            return new YamlNode.Sequence(line, path, items);
        }
        return new YamlNode.Scalar(line, path, token == JsonToken.VALUE_NULL ? null : bounded(p.getText(), line, path));
    }

    /** A key or value over the limit is reported at its line; the read goes on to find others, the tree is not used. */
    private String bounded(String text, int line, String path) {
        if (text != null && text.length() > InputLimits.VALUE_CHARS) {
            problems.add(line, path, "is " + text.length() + " characters long; at most " + InputLimits.VALUE_CHARS
                    + " characters are read in one value");
            oversized = true;
            return "";
        }
        return text;
    }

    private static int line(JsonParser p) {
        return Math.max(0, p.currentTokenLocation().getLineNr());
    }

    /** Reports SnakeYAML's description and line, not its multi-line excerpt of the file. */
    private void syntaxError(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
                problems.add(marked.getProblemMark().getLine() + 1, "",
                        "YAML syntax error: " + marked.getProblem() + context);
                return;
            }
        }
        int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
        problems.add(line, "", "not valid YAML: " + e.getOriginalMessage());
    }
}
