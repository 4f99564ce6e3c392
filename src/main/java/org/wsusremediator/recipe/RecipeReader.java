package org.wsusremediator.recipe;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a workaround recipe (docs/recipes.md). The file's SHA-256 is checked before anything is parsed: a
 * recipe runs PowerShell as an administrator on production servers, so only the exact file the inventory
 * names by hash is used. Then every rule is checked and all problems come back in one {@link RecipeException},
 * each with file, line and field. Messages never quote a script.
 */
public final class RecipeReader {

    /**
     * Scripts travel as {@code powershell -EncodedCommand <base64 of UTF-16LE>}: 2,500 characters become at
     * most 6,668 base64 characters, which with the command itself stays under cmd.exe's 8,191-character line.
     */
    public static final int MAX_SCRIPT_CHARS = 2_500;

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .disable(YAMLParser.Feature.EMPTY_DOCUMENT_AS_EMPTY_OBJECT)
            .build();
    private static final Pattern SHA256 = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final List<String> ROOT_KEYS = List.of("name", "description", "steps", "verify");
    private static final List<String> STEP_KEYS = List.of("name", "powershell");

    private final Path file;
    private final List<Problem> problems = new ArrayList<>();

    private record Problem(int line, String field, String message) {
    }

    /** The small tree the rules run on: Jackson's own trees forget lines. */
    private sealed interface Y permits YMap, YList, YText {
        int line();

        String path();
    }

    private record YMap(int line, String path, Map<String, Y> members) implements Y {
    }

    private record YList(int line, String path, List<Y> items) implements Y {
    }

    /** {@code text} is null for YAML's null (a key with nothing after it). */
    private record YText(int line, String path, String text) implements Y {
    }

    private RecipeReader(Path file) {
        this.file = file;
    }

    /**
     * Reads the recipe at {@code file}, which must have the SHA-256 {@code expectedSha256} (64 hex digits,
     * case-insensitive).
     *
     * @throws RecipeException when the file cannot be read, its hash differs (then nothing is parsed), or it
     *                         breaks a rule (every problem listed)
     */
    public static Recipe read(Path file, String expectedSha256) {
        return new RecipeReader(file).read(expectedSha256);
    }

    /** The SHA-256 of a file as 64 lowercase hex digits, as {@code sha256sum} prints it. */
    public static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private Recipe read(String expectedSha256) {
        if (expectedSha256 == null || !SHA256.matcher(expectedSha256.trim()).matches()) {
            fail(0, "", "the expected SHA-256 must be 64 hexadecimal digits; check the inventory's workaroundRecipe.sha256");
        }
        String actual;
        try {
            if (!Files.isRegularFile(file)) {
                fail(0, "", Files.exists(file) ? "is not a file" : "recipe file not found");
            }
            actual = sha256(file);
        } catch (IOException e) {
            fail(0, "", "cannot be read: " + e.getClass().getSimpleName());
            return null;
        }
        String expected = expectedSha256.trim().toLowerCase(Locale.ROOT);
        if (!actual.equals(expected)) {
            fail(0, "", "SHA-256 mismatch: the inventory expects " + expected + " but the file's is " + actual
                    + "; the file was changed or the inventory names the wrong one. Nothing of it is used."
                    + " If the change is intended, put the new hash (sha256sum) in workaroundRecipe.sha256");
        }

        YMap root = parse();
        if (root == null) {
            throwIfAny();
        }
        rejectUnknown(root, ROOT_KEYS);
        String name = requiredText(root, "name");
        if (name != null && !NAME.matcher(name).matches()) {
            problem(root.members().get("name"), "must start with a letter or digit and hold only letters, digits,"
                    + " '.', '-' and '_' (was '" + name + "')");
        }
        String description = optionalText(root.members().get("description"));
        List<RecipeStep> steps = readSteps(root);
        RecipeStep verify = null;
        Y verifyNode = root.members().get("verify");
        if (verifyNode == null) {
            problems.add(new Problem(root.line(), "verify", "is required: the script that proves the workaround holds"
                    + " (it also runs first, so a host where it passes is left alone)"));
        } else {
            verify = readStep(verifyNode);
        }
        checkUniqueNames(root, steps, verify);
        throwIfAny();
        return new Recipe(name, description, steps, verify);
    }

    private List<RecipeStep> readSteps(YMap root) {
        Y node = root.members().get("steps");
        List<RecipeStep> steps = new ArrayList<>();
        if (node == null || (node instanceof YText t && t.text() == null)) {
            problems.add(new Problem(node == null ? root.line() : node.line(), "steps", "at least one step is required"));
            return steps;
        }
        if (!(node instanceof YList list)) {
            problem(node, "must be a list of steps (lines starting with '- '), not " + kind(node));
            return steps;
        }
        if (list.items().isEmpty()) {
            problem(node, "at least one step is required");
        }
        for (Y item : list.items()) {
            RecipeStep step = readStep(item);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    private RecipeStep readStep(Y node) {
        if (!(node instanceof YMap step)) {
            problem(node, "must be a mapping with name and powershell, not " + kind(node));
            return null;
        }
        rejectUnknown(step, STEP_KEYS);
        String name = requiredText(step, "name");
        if (name != null && !NAME.matcher(name).matches()) {
            problem(step.members().get("name"), "must start with a letter or digit and hold only letters, digits,"
                    + " '.', '-' and '_' (was '" + name + "')");
            name = null;
        }
        String script = requiredText(step, "powershell");
        if (script != null && script.length() > MAX_SCRIPT_CHARS) {
            problem(step.members().get("powershell"), "is " + script.length() + " characters; at most " + MAX_SCRIPT_CHARS
                    + " fit on one command line once encoded for -EncodedCommand (split it into several steps)");
            script = null;
        }
        return name != null && script != null ? new RecipeStep(name, script) : null;
    }

    private void checkUniqueNames(YMap root, List<RecipeStep> steps, RecipeStep verify) {
        Map<String, Integer> seen = new HashMap<>();
        Y stepsNode = root.members().get("steps");
        List<Y> items = stepsNode instanceof YList l ? l.items() : List.of();
        for (Y item : items) {
            if (item instanceof YMap m && m.members().get("name") instanceof YText t && t.text() != null) {
                Integer first = seen.putIfAbsent(t.text().trim().toLowerCase(Locale.ROOT), t.line());
                if (first != null) {
                    problem(t, "duplicate step name '" + t.text().trim() + "' (compared ignoring case); first used at line "
                            + first + ". Reports name a failing step, so names must tell steps apart");
                }
            }
        }
        if (root.members().get("verify") instanceof YMap m && m.members().get("name") instanceof YText t
                && t.text() != null) {
            Integer first = seen.get(t.text().trim().toLowerCase(Locale.ROOT));
            if (first != null) {
                problem(t, "the verify script's name '" + t.text().trim() + "' is also a step's name (line " + first
                        + "); reports must tell them apart");
            }
        }
    }

    /** A required single value, trimmed for names; scripts keep their text. Blank counts as missing. */
    private String requiredText(YMap map, String key) {
        Y node = map.members().get(key);
        if (node == null) {
            problems.add(new Problem(map.line(), member(map.path(), key), "is required"));
            return null;
        }
        if (!(node instanceof YText t)) {
            problem(node, "must be a single value, not " + kind(node));
            return null;
        }
        if (t.text() == null || t.text().isBlank()) {
            problem(node, "must not be empty");
            return null;
        }
        return key.equals("powershell") ? t.text() : t.text().trim();
    }

    private String optionalText(Y node) {
        if (node == null || (node instanceof YText t && t.text() == null)) {
            return "";
        }
        if (node instanceof YText t) {
            return t.text().trim();
        }
        problem(node, "must be a single value, not " + kind(node));
        return "";
    }

    private void rejectUnknown(YMap map, Collection<String> known) {
        map.members().forEach((key, node) -> {
            if (!known.contains(key)) {
                problem(node, "unknown field '" + key + "'; known fields here: " + String.join(", ", known));
            }
        });
    }

    private static String kind(Y node) {
        if (node instanceof YMap) {
            return "a mapping";
        }
        if (node instanceof YList) {
            return "a list";
        }
        return ((YText) node).text() == null ? "nothing" : "a single value";
    }

    private static String member(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    private void problem(Y at, String message) {
        problems.add(new Problem(at.line(), at.path(), message));
    }

    private void fail(int line, String field, String message) {
        problems.add(new Problem(line, field, message));
        throwIfAny();
    }

    private void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        List<String> lines = problems.stream()
                .sorted((a, b) -> Integer.compare(a.line(), b.line()))
                .map(p -> file + (p.line() > 0 ? ":" + p.line() : "") + ": "
                        + (p.field().isEmpty() ? "" : p.field() + ": ") + p.message())
                .toList();
        throw new RecipeException(file, lines);
    }

    // --- YAML with lines ---------------------------------------------------------------------------------

    private YMap parse() {
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            if (p.nextToken() == null) {
                problems.add(new Problem(0, "", "the file is empty; expected a recipe (name, description, steps, verify),"
                        + " see docs/recipes.md"));
                return null;
            }
            Y root = value(p, "", line(p));
            if (p.nextToken() != null) {
                problems.add(new Problem(line(p), "", "a second YAML document ('---') is not allowed; a recipe is one document"));
            }
            if (root instanceof YMap map) {
                return map;
            }
            problems.add(new Problem(root.line(), "", "is not a recipe: expected name, description, steps and verify,"
                    + " found " + kind(root)));
            return null;
        } catch (JsonProcessingException e) {
            syntaxError(e);
            return null;
        } catch (IOException e) {
            problems.add(new Problem(0, "", "cannot be read as YAML text: " + e.getClass().getSimpleName()));
            return null;
        }
    }

    private Y value(JsonParser p, String path, int line) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Y> members = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = line(p);
                p.nextToken();
                Y value = value(p, member(path, key), keyLine);
                Integer first = keyLines.putIfAbsent(key, keyLine);
                if (first != null) {
                    problems.add(new Problem(keyLine, value.path(), "duplicate key; already set at line " + first));
                } else {
                    members.put(key, value);
                }
            }
            return new YMap(line, path, members);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Y> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(value(p, path + "[" + items.size() + "]", line(p)));
            }
            return new YList(line, path, items);
        }
        return new YText(line, path, token == JsonToken.VALUE_NULL ? null : p.getText());
    }

    private static int line(JsonParser p) {
        return Math.max(0, p.currentTokenLocation().getLineNr());
    }

    /** The problem and its line only: SnakeYAML's full message quotes the source line. */
    private void syntaxError(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
                problems.add(new Problem(marked.getProblemMark().getLine() + 1, "",
                        "YAML syntax error: " + marked.getProblem() + context));
                return;
            }
        }
        int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
        problems.add(new Problem(line, "", "not valid YAML: " + e.getOriginalMessage()));
    }
}
