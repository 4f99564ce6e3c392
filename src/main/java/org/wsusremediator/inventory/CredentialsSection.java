package org.wsusremediator.inventory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.wsusremediator.input.ProblemList;
import org.wsusremediator.yaml.YamlNode;

/**
 * Reads {@code credentials:}. Only references are accepted ({@code env:NAME}, {@code file:PATH}, or a
 * properties {@code file:}); a literal password is refused. No message here quotes a password value, not
 * even a refused one: it may be a real secret that was pasted in by mistake.
 */
final class CredentialsSection {

    static final String ENV_PREFIX = "env:";
    static final String FILE_PREFIX = "file:";
    private static final List<String> KNOWN = List.of("username", "password", "file");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Path baseDir;
    private final ProblemList problems;
    private final Map<String, CredentialRef> refs = new LinkedHashMap<>();
    /** Every name written, valid or not: a host referring to a broken entry gets no second "not defined". */
    private final Set<String> names = new LinkedHashSet<>();

    private CredentialsSection(Path baseDir, ProblemList problems) {
        this.baseDir = baseDir;
        this.problems = problems;
    }

    /** @param section the {@code credentials} node, or null when the inventory has none */
    static CredentialsSection read(YamlNode section, Path baseDir, ProblemList problems) {
        CredentialsSection credentials = new CredentialsSection(baseDir, problems);
        if (section != null) {
            YamlNode.Mapping mapping = Fields.mapping(section, problems);
            if (mapping != null) {
                mapping.members().forEach(credentials::readEntry);
            }
        }
        return credentials;
    }

    Map<String, CredentialRef> refs() {
        return refs;
    }

    boolean isDefined(String name) {
        return names.contains(name);
    }

    Set<String> names() {
        return names;
    }

    private void readEntry(String name, YamlNode node) {
        names.add(name);
        try {
            Values.name().parse(name);
        } catch (InvalidValue e) {
            problems.add(node, "credential name " + e.getMessage());
        }
        YamlNode.Mapping entry = Fields.mapping(node, problems);
        if (entry == null) {
            return;
        }
        Fields.rejectUnknown(entry, KNOWN, problems);
        YamlNode file = entry.get("file");
        YamlNode password = entry.get("password");
        if (file != null) {
            if (password != null || entry.get("username") != null) {
                problems.add(node, "use either 'file' (a properties file holding username= and password=)"
                        + " or 'username' with 'password', not both");
                return;
            }
            String path = Fields.value(file, Values.nonBlank(), problems);
            if (path != null) {
                refs.put(name, new CredentialRef.PropertiesFile(resolve(path)));
            }
            return;
        }
        String username = Fields.required(entry, "username", Values.nonBlank(), problems);
        if (password == null) {
            problems.add(entry.file(), entry.line(), YamlNode.member(entry.path(), "password"),
                    "is required: env:NAME or file:PATH (or replace username/password by 'file' with a properties file)");
            return;
        }
        // The password is checked even when the username is missing, so both problems show up in one run.
        Function<String, CredentialRef> ref = passwordRef(password);
        if (ref != null && username != null) {
            refs.put(name, ref.apply(username));
        }
    }

    /** How to build the reference once the username is known; null (and a problem) when the password is unusable. */
    private Function<String, CredentialRef> passwordRef(YamlNode password) {
        String text = password instanceof YamlNode.Scalar s ? s.text() : null;
        if (text == null) {
            problems.add(password, "must be env:NAME or file:PATH, not " + password.kind());
            return null;
        }
        if (text.startsWith(ENV_PREFIX)) {
            String variable = text.substring(ENV_PREFIX.length()).strip();
            if (!ENV_NAME.matcher(variable).matches()) {
                problems.add(password, "env: must be followed by an environment variable name"
                        + " (letters, digits and '_', not starting with a digit)");
                return null;
            }
            return username -> new CredentialRef.EnvPassword(username, variable);
        }
        if (text.startsWith(FILE_PREFIX)) {
            String path = text.substring(FILE_PREFIX.length()).strip();
            if (path.isEmpty()) {
                problems.add(password, "file: must be followed by the path of a file holding the password");
                return null;
            }
            if (path.chars().anyMatch(Character::isISOControl)) {
                problems.add(password, "file: the path must not contain a control character");
                return null;
            }
            Path file = resolve(path);
            return username -> new CredentialRef.PasswordFile(username, file);
        }
        problems.add(password, "looks like a literal password, which is refused: passwords never go in the inventory."
                + " Write env:NAME (an environment variable) or file:PATH (a file only its owner can read)");
        return null;
    }

    private Path resolve(String path) {
        return baseDir.resolve(path).normalize();
    }
}
