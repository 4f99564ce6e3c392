package org.wsusremediator.recipe;

import org.wsusremediator.input.Excerpt;
import org.wsusremediator.input.InputFileException;
import org.wsusremediator.input.InputFiles;
import org.wsusremediator.input.InputLimits;
import org.wsusremediator.input.Problem;
import org.wsusremediator.input.ProblemList;
import org.wsusremediator.yaml.YamlNode;
import org.wsusremediator.yaml.YamlNodeReader;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
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

    private static final Pattern SHA256 = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final List<String> ROOT_KEYS = List.of("name", "description", "steps", "verify");
    private static final List<String> STEP_KEYS = List.of("name", "powershell");

    private final Path file;
    private final ProblemList problems = new ProblemList();

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
        return sha256(InputFiles.readAllBytes(file, InputLimits.YAML_FILE_BYTES));
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private Recipe read(String expectedSha256) {
        if (expectedSha256 == null || !SHA256.matcher(expectedSha256.trim()).matches()) {
            fail(0, "", "the expected SHA-256 must be 64 hexadecimal digits; check the inventory's workaroundRecipe.sha256");
        }
        // Read once: the bytes hashed are the bytes parsed, so a file swapped in between cannot run unapproved steps.
        byte[] content;
        try {
            content = InputFiles.readAllBytes(file, InputLimits.YAML_FILE_BYTES);
        } catch (InputFileException e) {
            fail(0, "", e.reason().equals("not found") ? "recipe file not found" : e.reason());
            return null;
        }
        String actual = sha256(content);
        String expected = expectedSha256.trim().toLowerCase(Locale.ROOT);
        if (!actual.equals(expected)) {
            fail(0, "", "SHA-256 mismatch: the inventory expects " + expected + " but the file's is " + actual
                    + "; the file was changed or the inventory names the wrong one. Nothing of it is used."
                    + " If the change is intended, put the new hash (sha256sum) in workaroundRecipe.sha256");
        }

        YamlNode.Mapping root = parse(content);
        if (root == null) {
            throwIfAny();
        }
        rejectUnknown(root, ROOT_KEYS);
        String name = requiredText(root, "name");
        if (name != null && !NAME.matcher(name).matches()) {
            problem(root.get("name"), "must start with a letter or digit and hold only letters, digits,"
                    + " '.', '-' and '_' (was '" + Excerpt.of(name) + "')");
        }
        String description = optionalText(root.get("description"));
        List<RecipeStep> steps = readSteps(root);
        RecipeStep verify = null;
        YamlNode verifyNode = root.get("verify");
        if (verifyNode == null) {
            problems.add(file, root.line(), "verify", "is required: the script that proves the workaround holds"
                    + " (it also runs first, so a host where it passes is left alone)");
        } else {
            verify = readStep(verifyNode);
        }
        checkUniqueNames(root, steps, verify);
        throwIfAny();
        return new Recipe(name, description, steps, verify);
    }

    private List<RecipeStep> readSteps(YamlNode.Mapping root) {
        YamlNode node = root.get("steps");
        List<RecipeStep> steps = new ArrayList<>();
        if (node == null || (node instanceof YamlNode.Scalar t && t.text() == null)) {
            problems.add(file, node == null ? root.line() : node.line(), "steps", "at least one step is required");
            return steps;
        }
        if (!(node instanceof YamlNode.Sequence list)) {
            problem(node, "must be a list of steps (lines starting with '- '), not " + node.kind());
            return steps;
        }
        if (list.items().isEmpty()) {
            problem(node, "at least one step is required");
        }
        for (YamlNode item : list.items()) {
            RecipeStep step = readStep(item);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    private RecipeStep readStep(YamlNode node) {
        if (!(node instanceof YamlNode.Mapping step)) {
            problem(node, "must be a mapping with name and powershell, not " + node.kind());
            return null;
        }
        rejectUnknown(step, STEP_KEYS);
        String name = requiredText(step, "name");
        if (name != null && !NAME.matcher(name).matches()) {
            problem(step.get("name"), "must start with a letter or digit and hold only letters, digits,"
                    + " '.', '-' and '_' (was '" + Excerpt.of(name) + "')");
            name = null;
        }
        String script = requiredText(step, "powershell");
        if (script != null && script.length() > MAX_SCRIPT_CHARS) {
            problem(step.get("powershell"), "is " + script.length() + " characters; at most " + MAX_SCRIPT_CHARS
                    + " fit on one command line once encoded for -EncodedCommand (split it into several steps)");
            script = null;
        }
        return name != null && script != null ? new RecipeStep(name, script) : null;
    }

    private void checkUniqueNames(YamlNode.Mapping root, List<RecipeStep> steps, RecipeStep verify) {
        Map<String, Integer> seen = new HashMap<>();
        YamlNode stepsNode = root.get("steps");
        List<YamlNode> items = stepsNode instanceof YamlNode.Sequence l ? l.items() : List.of();
        for (YamlNode item : items) {
            if (item instanceof YamlNode.Mapping m && m.get("name") instanceof YamlNode.Scalar t && t.text() != null) {
                Integer first = seen.putIfAbsent(t.text().trim().toLowerCase(Locale.ROOT), t.line());
                if (first != null) {
                    problem(t, "duplicate step name '" + t.text().trim() + "' (compared ignoring case); first used at line "
                            + first + ". Reports name a failing step, so names must tell steps apart");
                }
            }
        }
        if (root.get("verify") instanceof YamlNode.Mapping m && m.get("name") instanceof YamlNode.Scalar t
                && t.text() != null) {
            Integer first = seen.get(t.text().trim().toLowerCase(Locale.ROOT));
            if (first != null) {
                problem(t, "the verify script's name '" + t.text().trim() + "' is also a step's name (line " + first
                        + "); reports must tell them apart");
            }
        }
    }

    /** A required single value, trimmed for names; scripts keep their text. Blank counts as missing. */
    private String requiredText(YamlNode.Mapping map, String key) {
        YamlNode node = map.get(key);
        if (node == null) {
            problems.add(file, map.line(), YamlNode.member(map.path(), key), "is required");
            return null;
        }
        if (!(node instanceof YamlNode.Scalar t)) {
            problem(node, "must be a single value, not " + node.kind());
            return null;
        }
        if (t.text() == null || t.text().isBlank()) {
            problem(node, "must not be empty");
            return null;
        }
        return key.equals("powershell") ? t.text() : t.text().trim();
    }

    private String optionalText(YamlNode node) {
        if (node == null || (node instanceof YamlNode.Scalar t && t.text() == null)) {
            return "";
        }
        if (node instanceof YamlNode.Scalar t) {
            return t.text().trim();
        }
        problem(node, "must be a single value, not " + node.kind());
        return "";
    }

    private void rejectUnknown(YamlNode.Mapping map, Collection<String> known) {
        map.members().forEach((key, node) -> {
            if (!known.contains(key)) {
                problem(node, "unknown field '" + key + "'; known fields here: " + String.join(", ", known));
            }
        });
    }

    private void problem(YamlNode at, String message) {
        problems.add(at, message);
    }

    private void fail(int line, String field, String message) {
        problems.add(file, line, field, message);
        throwIfAny();
    }

    private void throwIfAny() {
        problems.throwIfAny(found -> new RecipeException(file, found.stream().map(Problem::toString).toList()));
    }

    private YamlNode.Mapping parse(byte[] content) {
        YamlNode root = YamlNodeReader.read(file, content, problems);
        if (YamlNodeReader.isEmptyDocument(root)) {
            problems.add(file, 0, "", "the file is empty; expected a recipe (name, description, steps, verify),"
                    + " see docs/recipes.md");
            return null;
        }
        if (root == null || root instanceof YamlNode.Mapping) {
            return (YamlNode.Mapping) root;
        }
        problems.add(file, root.line(), "", "is not a recipe: expected name, description, steps and verify,"
                + " found " + root.kind());
        return null;
    }
}
