package org.wsusremediator.inventory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CredentialResolverTest {

    @TempDir
    Path dir;
    InventoryFiles files;

    @BeforeEach
    void setUp() {
        files = new InventoryFiles(dir);
    }

    private static CredentialException failure(Runnable call) {
        CredentialException e = catchThrowableOfType(CredentialException.class, call::run);
        assertThat(e).as("expected a CredentialException").isNotNull();
        return e;
    }

    // --- env:NAME

    @Test
    void anEnvironmentVariableHoldsThePasswordAndTheUsernameIsKeptAsWritten() {
        CredentialResolver resolver = new CredentialResolver(Map.of("LAB_PW", "pa55-lab", "UPN_PW", "pa55-upn"));

        assertThat(resolver.resolve("lab", new CredentialRef.EnvPassword("LAB\\wsus-admin", "LAB_PW")))
                .isEqualTo(new Credential("LAB\\wsus-admin", "pa55-lab"));
        assertThat(resolver.resolve("upn", new CredentialRef.EnvPassword("svc@corp.example", "UPN_PW")))
                .isEqualTo(new Credential("svc@corp.example", "pa55-upn"));
    }

    @Test
    void aMissingEnvironmentVariableNamesCredentialAndVariable() {
        CredentialException e = failure(() -> new CredentialResolver(Map.of())
                .resolve("lab-admin", new CredentialRef.EnvPassword("u", "WSUS_LAB_PASSWORD")));
        assertThat(e.problems()).containsExactly("credential 'lab-admin': environment variable WSUS_LAB_PASSWORD is not set");
    }

    @Test
    void anEmptyEnvironmentVariableIsAnError() {
        CredentialException e = failure(() -> new CredentialResolver(Map.of("PW", ""))
                .resolve("lab-admin", new CredentialRef.EnvPassword("u", "PW")));
        assertThat(e.problems()).containsExactly("credential 'lab-admin': environment variable PW is empty");
    }

    // --- file:PATH

    @Test
    void aPasswordFileReadableOnlyByItsOwnerIsUsedWithoutItsFinalLineBreak() {
        Path file = files.writeSecret("pw", "s3cret with spaces \n", "rw-------");
        assertThat(new CredentialResolver(Map.of()).resolve("c", new CredentialRef.PasswordFile("svc", file)))
                .isEqualTo(new Credential("svc", "s3cret with spaces "));
        Path readOnly = files.writeSecret("pw2", "other\r\n", "r--------");
        assertThat(new CredentialResolver(Map.of()).resolve("c", new CredentialRef.PasswordFile("svc", readOnly)).password())
                .isEqualTo("other");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw----r--", "rw-rw-rw-", "r--r--r--"})
    void aPasswordFileReadableByGroupOrOthersIsRefused(String permissions) {
        Path file = files.writeSecret("pw", "s3cret\n", permissions);
        CredentialException e = failure(() -> new CredentialResolver(Map.of())
                .resolve("branch", new CredentialRef.PasswordFile("svc", file)));
        assertThat(e.problems()).singleElement().asString()
                .startsWith("credential 'branch': password file " + file + " is readable by group or others (" + permissions + ")")
                .contains("chmod 600");
    }

    /** Whoever can write the file chooses the password sent, and so where the fleet's credential works (issue 8, item 15). */
    @ParameterizedTest
    @ValueSource(strings = {"rw--w--w-", "rw--w----", "rw-----w-"})
    void aPasswordFileOthersCanWriteIsRefused(String permissions) {
        Path file = files.writeSecret("pw", "s3cret\n", permissions);
        CredentialException e = catchThrowableOfType(CredentialException.class,
                () -> new CredentialResolver(Map.of()).resolve("c", new CredentialRef.PasswordFile("svc", file)));
        assertThat(e.problems()).singleElement().asString()
                .contains("writable by group or others", permissions, "chmod 600").doesNotContain("s3cret");
    }

    @Test
    void aMissingPasswordFileNamesCredentialAndFile() {
        Path file = dir.resolve("missing.password");
        CredentialException e = failure(() -> new CredentialResolver(Map.of())
                .resolve("branch", new CredentialRef.PasswordFile("svc", file)));
        assertThat(e.problems()).containsExactly("credential 'branch': password file " + file + " not found");
    }

    @Test
    void anEmptyOrMultiLinePasswordFileIsRefused() {
        Path empty = files.writeSecret("empty", "\n", "rw-------");
        assertThat(failure(() -> new CredentialResolver(Map.of()).resolve("c", new CredentialRef.PasswordFile("svc", empty)))
                .problems()).singleElement().asString().contains("is empty");
        Path twoLines = files.writeSecret("two", "username=svc\npassword=x\n", "rw-------");
        assertThat(failure(() -> new CredentialResolver(Map.of()).resolve("c", new CredentialRef.PasswordFile("svc", twoLines)))
                .problems()).singleElement().asString().contains("must hold just the password on one line");
    }

    @Test
    void aDirectoryIsNotAPasswordFile() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertThat(failure(() -> new CredentialResolver(Map.of()).resolve("c", new CredentialRef.PasswordFile("svc", sub)))
                .problems()).singleElement().asString().contains("is a directory");
    }

    // --- properties file

    @Test
    void aPropertiesFileKeepsBackslashesLiterally() {
        Path file = files.writeSecret("prod.credentials", """
                # service account for the WSUS fleet
                username = CORP\\wsus-remediator
                password=p\\a=ss word
                """, "rw-------");
        assertThat(new CredentialResolver(Map.of()).resolve("prod", new CredentialRef.PropertiesFile(file)))
                .isEqualTo(new Credential("CORP\\wsus-remediator", "p\\a=ss word"));
    }

    @Test
    void aPropertiesFileNeedsBothValuesAndOnlyThose() {
        Path noPassword = files.writeSecret("a", "username=svc\npassword=\n", "rw-------");
        assertThat(failure(() -> new CredentialResolver(Map.of()).resolve("prod", new CredentialRef.PropertiesFile(noPassword)))
                .problems()).containsExactly("credential 'prod': credentials file " + noPassword + " has no password= line (or it is empty)");
        Path noUser = files.writeSecret("b", "password=x\n", "rw-------");
        assertThat(failure(() -> new CredentialResolver(Map.of()).resolve("prod", new CredentialRef.PropertiesFile(noUser)))
                .problems()).singleElement().asString().contains("has no username= line");
        Path unknown = files.writeSecret("c", "username=svc\npassword=x\ndomain=CORP\n", "rw-------");
        assertThat(failure(() -> new CredentialResolver(Map.of()).resolve("prod", new CredentialRef.PropertiesFile(unknown)))
                .problems()).singleElement().asString().contains("line 3: expected username=... or password=...");
    }

    @Test
    void aPropertiesFileIsSubjectToThePermissionRule() {
        Path file = files.writeSecret("prod.credentials", "username=svc\npassword=x\n", "rw-r--r--");
        assertThat(failure(() -> new CredentialResolver(Map.of()).resolve("prod", new CredentialRef.PropertiesFile(file)))
                .problems()).singleElement().asString().contains("credentials file " + file + " is readable by group or others");
    }

    // --- resolveAll

    @Test
    void resolveAllReportsEveryBrokenCredentialAtOnce() {
        files.writeSecret("lax.password", "pw\n", "rw-r--r--");
        Path inventoryFile = files.write("inventory.yaml", """
                credentials:
                  from-env: { username: LAB\\admin, password: env:MISSING_VAR }
                  lax-file: { username: svc, password: file:lax.password }
                  no-file: { file: nothere.credentials }
                  fine: { username: ok, password: env:PRESENT }
                hosts:
                  - { name: a, address: a.example, credential: from-env }
                  - { name: b, address: b.example, credential: lax-file }
                  - { name: c, address: c.example, credential: no-file }
                  - { name: d, address: d.example, credential: fine }
                """);
        Inventory inventory = InventoryReader.read(inventoryFile);

        CredentialException e = failure(() -> new CredentialResolver(Map.of("PRESENT", "x")).resolveAll(inventory));

        assertThat(e.problems()).containsExactly(
                "credential 'from-env': environment variable MISSING_VAR is not set",
                "credential 'lax-file': password file " + dir.resolve("lax.password")
                        + " is readable by group or others (rw-r--r--); allow only its owner: chmod 600 " + dir.resolve("lax.password"),
                "credential 'no-file': credentials file " + dir.resolve("nothere.credentials") + " not found");
        assertThat(e.getMessage()).startsWith("Cannot resolve credentials (3 problems):\n");
    }

    @Test
    void resolveAllReturnsTheUsedCredentialsAndSkipsUnusedOnes() {
        Inventory inventory = InventoryReader.read(files.write("inventory.yaml", """
                credentials:
                  used: { username: svc@corp.example, password: env:USED }
                  other-site: { username: x, password: env:NOT_SET_HERE }
                hosts:
                  - { name: a, address: a.example, credential: used }
                  - { name: b, address: b.example, credential: used }
                """));

        Map<String, Credential> resolved = new CredentialResolver(Map.of("USED", "pw")).resolveAll(inventory);

        assertThat(resolved).containsExactly(Map.entry("used", new Credential("svc@corp.example", "pw")));
        assertThat(new CredentialResolver(Map.of("USED", "pw")).resolve(inventory, inventory.hosts().get(1)))
                .isEqualTo(new Credential("svc@corp.example", "pw"));
    }

    @Test
    void credentialToStringHidesThePassword() {
        Credential c = new Credential("LAB\\wsus-admin", "Tr0ub4dor&3");
        assertThat(c.toString()).contains("LAB\\wsus-admin").doesNotContain("Tr0ub4dor&3");
        assertThat(c.password()).isEqualTo("Tr0ub4dor&3");
    }
}
