package org.wsusremediator.inventory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A password value never shows up in an error message or a toString, wherever it was written by mistake:
 * as a literal in the inventory, next to a syntax error, as a wrong type, or in a malformed secret file.
 */
class SecretLeakTest {

    private static final String SECRET = "Zx9-Secret-Value-42";

    @TempDir
    Path dir;
    InventoryFiles files;

    @BeforeEach
    void setUp() {
        files = new InventoryFiles(dir);
    }

    private static String everythingAbout(Throwable t) {
        List<String> texts = new ArrayList<>();
        texts.add(t.toString());
        texts.add(String.valueOf(t.getMessage()));
        if (t instanceof InvalidInventoryException e) {
            e.problems().forEach(p -> texts.add(p.toString()));
        }
        if (t instanceof CredentialException e) {
            texts.addAll(e.problems());
        }
        return String.join("\n", texts);
    }

    @Test
    void inventoryMistakesNeverQuoteThePassword() {
        List<String> inventories = List.of(
                // a literal password
                "credentials:\n  prod:\n    username: svc\n    password: " + SECRET + "\nhosts: [ { name: a, address: a.example, credential: prod } ]\n",
                // quoted, with a prefix that is almost right
                "credentials:\n  prod:\n    username: svc\n    password: \"Env:" + SECRET + "\"\n",
                // an env: reference whose "name" is the password itself
                "credentials:\n  prod:\n    username: svc\n    password: \"env:" + SECRET + "!\"\n",
                // a syntax error on the password's line
                "credentials:\n  prod:\n    username: svc\n    password: \"" + SECRET + "\n",
                "credentials:\n  prod:\n    username: svc\n    password: " + SECRET + ": oops\n     bad: indent\n",
                // a password given as a list or mapping
                "credentials:\n  prod:\n    username: svc\n    password: [" + SECRET + "]\n",
                "credentials:\n  prod:\n    username: svc\n    password: { value: " + SECRET + " }\n",
                // both a file and a password
                "credentials:\n  prod:\n    file: x.credentials\n    password: " + SECRET + "\n");

        for (String inventory : inventories) {
            Throwable t = catchThrowable(() -> InventoryReader.read(files.write("inventory.yaml", inventory)));
            assertThat(t).as(inventory).isInstanceOf(InvalidInventoryException.class);
            assertThat(everythingAbout(t)).as(inventory).doesNotContain(SECRET);
        }
    }

    @Test
    void secretFileMistakesNeverQuoteThePassword() {
        List<CredentialRef> refs = List.of(
                new CredentialRef.PasswordFile("svc", files.writeSecret("lax", SECRET + "\n", "rw-r--r--")),
                new CredentialRef.PasswordFile("svc", files.writeSecret("two-lines", SECRET + "\n" + SECRET + "\n", "rw-------")),
                new CredentialRef.PropertiesFile(files.writeSecret("bare", "username=svc\n" + SECRET + "\n", "rw-------")),
                new CredentialRef.PropertiesFile(files.writeSecret("key", SECRET + "=x\npassword=y\n", "rw-------")),
                new CredentialRef.PropertiesFile(files.writeSecret("twice", "username=u\npassword=" + SECRET + "\npassword=" + SECRET + "\n", "rw-------")),
                new CredentialRef.PropertiesFile(files.writeSecret("no-user", "password=" + SECRET + "\n", "rw-------")),
                new CredentialRef.PropertiesFile(files.writeSecret("lax-props", "username=u\npassword=" + SECRET + "\n", "rw----r--")));

        for (CredentialRef ref : refs) {
            Throwable t = catchThrowable(() -> new CredentialResolver(Map.of()).resolve("prod", ref));
            assertThat(t).as(ref.toString()).isInstanceOf(CredentialException.class);
            assertThat(everythingAbout(t)).as(ref.toString()).doesNotContain(SECRET);
        }
    }

    @Test
    void resolvedCredentialsAndTheInventoryNeverShowThePassword() {
        Path pw = files.writeSecret("pw", SECRET + "\n", "rw-------");
        Inventory inventory = InventoryReader.read(files.write("inventory.yaml", """
                credentials:
                  env: { username: svc, password: env:SECRET_VAR }
                  file: { username: svc, password: file:pw }
                hosts:
                  - { name: a, address: a.example, credential: env }
                  - { name: b, address: b.example, credential: file }
                """));

        Map<String, Credential> resolved = new CredentialResolver(Map.of("SECRET_VAR", SECRET)).resolveAll(inventory);

        assertThat(resolved.values()).extracting(Credential::password).containsOnly(SECRET);
        assertThat(resolved.toString()).doesNotContain(SECRET);
        assertThat(inventory.toString()).doesNotContain(SECRET);
        assertThat(pw).exists();
    }
}
