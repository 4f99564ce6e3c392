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
import org.wsusremediator.input.ProblemList;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks Jackson's YAML token stream into {@link YamlNode}s that remember their file and line. It also reports
 * what a plain {@code readTree} hides: a key written twice (Jackson silently keeps the last) and a second
 * document. Only regular files of at most {@link InputLimits#YAML_FILE_BYTES} are read, and no key or value
 * longer than {@link InputLimits#VALUE_CHARS} is passed on. The one reader of every YAML file whose problems
 * must name a line: the inventory, the change-window file and workaround recipes.
 */
public final class YamlNodeReader {

    // Explicit, because the builder's defaults differ from new YAMLFactory()'s: "key:" with nothing after it
    // must read as null (an empty section), and an empty file must stay empty, not become {}.
    private static final YAMLFactory FACTORY = ParserLimits.yaml(InputLimits.YAML_FILE_BYTES)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .disable(YAMLParser.Feature.EMPTY_DOCUMENT_AS_EMPTY_OBJECT)
            .build();

    private final Path file;
    private final ProblemList problems;
    private final YamlWording wording;
    private boolean oversized;

    private YamlNodeReader(Path file, ProblemList problems, YamlWording wording) {
        this.file = file;
        this.problems = problems;
        this.wording = wording;
    }

    /**
     * The file's top-level value: an {@linkplain #isEmptyDocument empty document} for an empty file (or one with
     * only comments); null when the file cannot be used at all, with the reason added to {@code problems}. What
     * the top level must be is the caller's to check.
     */
    public static YamlNode read(Path file, ProblemList problems) {
        return read(file, problems, YamlWording.PLAIN);
    }

    /** Like {@link #read(Path, ProblemList)}, with problems with the file as a whole worded by {@code wording}. */
    public static YamlNode read(Path file, ProblemList problems, YamlWording wording) {
        YamlNodeReader reader = new YamlNodeReader(file, problems, wording);
        try {
            return reader.readStream(InputFiles.open(file, InputLimits.YAML_FILE_BYTES));
        } catch (InputFileException e) {
            reader.wholeFile(wording.unreadable(e.reason()));
            return null;
        }
    }

    /** Like {@link #read(Path, ProblemList)}, for content already read (and, say, hashed) by the caller. */
    public static YamlNode read(Path file, byte[] content, ProblemList problems) {
        return new YamlNodeReader(file, problems, YamlWording.PLAIN).readStream(new ByteArrayInputStream(content));
    }

    /** Whether {@code top} is what an empty file reads as: YAML's null at line 0 (a written {@code ~} has a line). */
    public static boolean isEmptyDocument(YamlNode top) {
        return top instanceof YamlNode.Scalar scalar && scalar.line() == 0 && scalar.isNull();
    }

    private YamlNode readStream(InputStream content) {
        try (InputStream in = content; JsonParser p = FACTORY.createParser(in)) {
            if (p.nextToken() == null) {
                return new YamlNode.Scalar(file, 0, "", null);
            }
            YamlNode root = readValue(p, "", line(p));
            if (p.nextToken() != null) {
                problems.add(file, line(p), "", wording.secondDocument());
            }
            return oversized ? null : root;
        } catch (InputFileException e) {
            wholeFile(wording.unreadable(e.reason()));
            return null;
        } catch (JsonProcessingException e) {
            String limit = ParserLimits.limitHit(e);
            if (limit != null) {
                wholeFile(wording.unreadable(limit));
            } else {
                syntaxError(e);
            }
            return null;
        } catch (IOException e) {
            // Not YAML text at all (e.g. not UTF-8). The exception's message never holds file content.
            wholeFile(wording.notYamlText(e));
            return null;
        }
    }

    private YamlNode readValue(JsonParser p, String path, int line) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode> members = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = bounded(p.currentName(), line(p), wording.oversizedKeyPath(path));
                int keyLine = line(p);
                p.nextToken();
                YamlNode value = readValue(p, YamlNode.member(path, key), keyLine);
                Integer first = keyLines.putIfAbsent(key, keyLine);
                if (first != null) {
                    problems.add(file, keyLine, value.path(), wording.duplicateKey(first));
                } else {
                    members.put(key, value);
                }
            }
            return new YamlNode.Mapping(file, line, path, members);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(readValue(p, YamlNode.item(path, items.size()), line(p)));
            }
            return new YamlNode.Sequence(file, line, path, items);
        }
        String text = token == JsonToken.VALUE_NULL ? null : bounded(p.getText(), line, path);
        return new YamlNode.Scalar(file, line, path, text);
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

    private void wholeFile(String message) {
        problems.add(file, 0, "", message);
    }

    /**
     * SnakeYAML's full message quotes the offending line, which may hold a secret typed where it does not
     * belong; only the problem description and its line are reported.
     */
    private void syntaxError(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                int line = marked.getProblemMark().getLine() + 1;
                String context = marked.getContext() == null ? ""
                        : wording.syntaxContext(marked.getContext(), marked.getContextMark() == null ? line
                                : marked.getContextMark().getLine() + 1, line);
                problems.add(file, line, "", "YAML syntax error: " + marked.getProblem() + context);
                return;
            }
        }
        int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
        problems.add(file, line, "", "not valid YAML: " + e.getOriginalMessage());
    }
}
