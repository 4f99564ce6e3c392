package org.wsusremediator.inventory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code file: PATH}: {@code username=} and {@code password=} lines. Deliberately not
 * {@link java.util.Properties}: its backslash escapes would turn {@code LAB\wsus-admin} into
 * {@code LABwsus-admin} and mangle passwords holding a backslash. Here a value is taken literally,
 * with the whitespace around it removed; lines starting with # or ! are comments.
 */
final class CredentialProperties {

    private CredentialProperties() {
    }

    static Credential read(Path file) throws InvalidValue {
        String text = SecretFiles.read(file, "credentials file");
        Map<String, String> values = new HashMap<>();
        String[] lines = text.split("\\r?\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? null : line.substring(0, eq).strip();
            // Messages give line numbers only: a malformed line may well be a bare password.
            if (key == null || !(key.equals("username") || key.equals("password"))) {
                throw new InvalidValue("credentials file " + file + ", line " + (i + 1)
                        + ": expected username=... or password=...");
            }
            if (values.putIfAbsent(key, line.substring(eq + 1).strip()) != null) {
                throw new InvalidValue("credentials file " + file + ", line " + (i + 1) + ": " + key + " is set twice");
            }
        }
        String username = values.get("username");
        String password = values.get("password");
        if (username == null || username.isEmpty()) {
            throw new InvalidValue("credentials file " + file + " has no username= line (or it is empty)");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidValue("credentials file " + file + " has no password= line (or it is empty)");
        }
        return new Credential(username, password);
    }
}
