package org.wsusremediator.recipe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** One test per rule of docs/recipes.md, on real files in a temporary directory. */
class RecipeReaderTest {

    static final String VALID = """
            name: rtm-workaround
            description: an example
            steps:
              - name: mark
                powershell: |
                  New-Item -Path 'HKLM:\\SOFTWARE\\Lab' -Force
              - name: set
                powershell: Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Lab' -Name W -Value 'applied'
            verify:
              name: holds
              powershell: |
                if ((Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Lab' -Name W).W -eq 'applied') { exit 0 } else { exit 1 }
            """;

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("recipe.yaml"), content);
    }

    static String sha256(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    private Recipe read(String content) throws Exception {
        return RecipeReader.read(write(content), sha256(content));
    }

    private RecipeException failure(String content) throws Exception {
        Path file = write(content);
        RecipeException e = catchThrowableOfType(RecipeException.class, () -> RecipeReader.read(file, sha256(content)));
        assertThat(e).as("reading should fail").isNotNull();
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.getMessage().lines().skip(1).toList()).containsExactlyElementsOf(e.problems());
        return e;
    }

    private String onlyProblem(String content) throws Exception {
        List<String> problems = failure(content).problems();
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    private String at(int line, String field) {
        return dir.resolve("recipe.yaml") + ":" + line + ": " + field + ": ";
    }

    @Test
    void aValidRecipeIsRead() throws Exception {
        Recipe recipe = read(VALID);

        assertThat(recipe.name()).isEqualTo("rtm-workaround");
        assertThat(recipe.description()).isEqualTo("an example");
        assertThat(recipe.steps()).extracting(RecipeStep::name).containsExactly("mark", "set");
        assertThat(recipe.steps().get(0).powershell()).isEqualTo("New-Item -Path 'HKLM:\\SOFTWARE\\Lab' -Force\n");
        assertThat(recipe.steps().get(1).powershell())
                .isEqualTo("Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Lab' -Name W -Value 'applied'");
        assertThat(recipe.verify().name()).isEqualTo("holds");
        assertThat(recipe.verify().powershell()).startsWith("if ((Get-ItemProperty");
    }

    @Test
    void theDescriptionIsOptional() throws Exception {
        assertThat(read(VALID.replace("description: an example\n", "")).description()).isEmpty();
    }

    @Test
    void theHashIsCheckedFirstAndAMismatchNamesBothHashesAndTheFile() throws Exception {
        Path file = write(VALID);
        String expected = "ab".repeat(32);
        RecipeException e = catchThrowableOfType(RecipeException.class, () -> RecipeReader.read(file, expected));

        assertThat(e.problems()).singleElement().asString()
                .startsWith(file + ": ")
                .contains("SHA-256 mismatch", "expects " + expected, "file's is " + sha256(VALID));
        assertThat(e.getMessage()).contains(file.toString());
    }

    @Test
    void aMismatchIsReportedBeforeAnyContentProblem() throws Exception {
        Path file = write("steps: not-a-list\n");
        RecipeException e = catchThrowableOfType(RecipeException.class, () -> RecipeReader.read(file, "0".repeat(64)));
        assertThat(e.problems()).singleElement().asString().contains("SHA-256 mismatch");
    }

    @Test
    void theExpectedHashIsComparedIgnoringCase() throws Exception {
        Path file = write(VALID);
        assertThat(RecipeReader.read(file, sha256(VALID).toUpperCase()).name()).isEqualTo("rtm-workaround");
        assertThat(RecipeReader.sha256(file)).isEqualTo(sha256(VALID));
    }

    @Test
    void aMalformedExpectedHashIsRefused() throws Exception {
        Path file = write(VALID);
        RecipeException e = catchThrowableOfType(RecipeException.class, () -> RecipeReader.read(file, "abc"));
        assertThat(e.problems()).singleElement().asString().contains("64 hexadecimal digits");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nope.yaml");
        RecipeException e = catchThrowableOfType(RecipeException.class, () -> RecipeReader.read(file, "0".repeat(64)));
        assertThat(e.problems()).singleElement().asString().isEqualTo(file + ": recipe file not found");
    }

    @Test
    void nameIsRequired() throws Exception {
        assertThat(onlyProblem(VALID.replace("name: rtm-workaround\n", ""))).isEqualTo(at(1, "name") + "is required");
        assertThat(onlyProblem(VALID.replace("name: rtm-workaround", "name: 'rtm workaround'")))
                .startsWith(at(1, "name")).contains("letters, digits");
    }

    @Test
    void atLeastOneStepIsRequired() throws Exception {
        String noSteps = VALID.replaceAll("(?s)steps:.*?verify:", "verify:");
        assertThat(onlyProblem(noSteps)).isEqualTo(at(1, "steps") + "at least one step is required");
        String emptySteps = VALID.replaceAll("(?s)steps:.*?verify:", "steps: []\nverify:");
        assertThat(onlyProblem(emptySteps)).isEqualTo(at(3, "steps") + "at least one step is required");
        String nullSteps = VALID.replaceAll("(?s)steps:.*?verify:", "steps:\nverify:");
        assertThat(onlyProblem(nullSteps)).isEqualTo(at(3, "steps") + "at least one step is required");
        assertThat(onlyProblem(VALID.replaceAll("(?s)steps:.*?verify:", "steps: mark\nverify:")))
                .startsWith(at(3, "steps")).contains("must be a list");
    }

    @Test
    void verifyIsRequired() throws Exception {
        String noVerify = VALID.substring(0, VALID.indexOf("verify:"));
        assertThat(onlyProblem(noVerify)).startsWith(at(1, "verify") + "is required");
        assertThat(onlyProblem(VALID.replaceAll("(?s)verify:.*", "verify: exit 0\n")))
                .startsWith(at(9, "verify")).contains("must be a mapping");
    }

    @Test
    void stepNamesAreUniqueIgnoringCaseAndTheVerifyNameToo() throws Exception {
        assertThat(onlyProblem(VALID.replace("- name: set", "- name: MARK")))
                .startsWith(at(7, "steps[1].name")).contains("duplicate step name 'MARK'", "line 4");
        assertThat(onlyProblem(VALID.replace("name: holds", "name: set")))
                .startsWith(at(10, "verify.name")).contains("also a step's name (line 7)");
    }

    @Test
    void aStepNeedsANameAndAScript() throws Exception {
        List<String> problems = failure(VALID.replace("  - name: mark\n", "  - \n").replace(
                "    powershell: Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Lab' -Name W -Value 'applied'\n", "")).problems();
        // the first step lost its name line, the second its script
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("steps[0]").contains("name: is required"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("steps[1].powershell: is required"));
    }

    @Test
    void scriptsAreNotEmpty() throws Exception {
        assertThat(onlyProblem(VALID.replace(
                "powershell: Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Lab' -Name W -Value 'applied'", "powershell: ''")))
                .isEqualTo(at(8, "steps[1].powershell") + "must not be empty");
        assertThat(onlyProblem(VALID.replace(
                "powershell: Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Lab' -Name W -Value 'applied'", "powershell: '   '")))
                .isEqualTo(at(8, "steps[1].powershell") + "must not be empty");
    }

    @Test
    void scriptsAreAtMost2500Characters() throws Exception {
        String limit = "#".repeat(RecipeReader.MAX_SCRIPT_CHARS);
        assertThat(read(VALID.replace("powershell: Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Lab' -Name W -Value 'applied'",
                "powershell: '" + limit + "'")).steps().get(1).powershell()).hasSize(2_500);

        String problem = onlyProblem(VALID.replace(
                "powershell: Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Lab' -Name W -Value 'applied'",
                "powershell: '" + limit + "#'"));
        assertThat(problem).startsWith(at(8, "steps[1].powershell")).contains("is 2501 characters", "at most 2500")
                .doesNotContain("###");
    }

    @Test
    void unknownFieldsAndDuplicateKeysAreRejected() throws Exception {
        List<String> problems = failure(VALID.replace("description: an example", "description: a\nversion: 2")
                .replace("    powershell: Set-ItemProperty", "    shell: cmd\n    powershell: Set-ItemProperty")
                + "name: again\n").problems();
        assertThat(problems).containsExactly(
                at(3, "version") + "unknown field 'version'; known fields here: name, description, steps, verify",
                at(9, "steps[1].shell") + "unknown field 'shell'; known fields here: name, powershell",
                at(15, "name") + "written twice; already set at line 1");
    }

    @Test
    void everyProblemIsReportedAtOnceInLineOrder() throws Exception {
        String content = """
                description: [not, text]
                steps:
                  - name: a
                    powershell: ''
                  - name: a
                    powershell: exit 0
                """;
        List<String> problems = failure(content).problems();
        assertThat(problems).hasSize(5);
        assertThat(problems).extracting(p -> Integer.parseInt(p.substring(dir.resolve("recipe.yaml").toString().length() + 1,
                p.indexOf(':', dir.resolve("recipe.yaml").toString().length() + 1)))).isSorted();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(at(1, "description")).contains("must be a single value"));
        assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo(at(1, "name") + "is required"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(at(1, "verify")));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(at(4, "steps[0].powershell")));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(at(5, "steps[1].name")).contains("duplicate"));
        assertThat(failure(content).getMessage()).startsWith("Unusable workaround recipe " + dir.resolve("recipe.yaml")
                + " (5 problems):\n");
    }

    @Test
    void syntaxErrorsGiveTheLineWithoutQuotingIt() throws Exception {
        String problem = onlyProblem("name: x\nsteps:\n  - name: 'unclosed\n    powershell: Secr3tValue\n");
        assertThat(problem).contains("YAML syntax error").doesNotContain("Secr3tValue");
    }

    @Test
    void theFileIsOneYamlMapping() throws Exception {
        assertThat(onlyProblem("")).contains("the file is empty");
        assertThat(onlyProblem("- a\n- b\n")).contains("is not a recipe");
        assertThat(failure(VALID + "---\nname: second\n").problems())
                .anySatisfy(p -> assertThat(p).contains("second YAML document"));
    }
}
