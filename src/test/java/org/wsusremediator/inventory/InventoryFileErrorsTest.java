package org.wsusremediator.inventory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.input.Problem;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wsusremediator.inventory.InventoryFiles.HEAD;
import static org.wsusremediator.inventory.InventoryFiles.onlyProblem;
import static org.wsusremediator.inventory.ProblemAssert.assertProblem;

/** Files that are not an inventory at all give one clear sentence, never a stack trace or a parser dump. */
class InventoryFileErrorsTest {

    @TempDir
    Path dir;
    InventoryFiles files;

    @BeforeEach
    void setUp() {
        files = new InventoryFiles(dir);
    }

    @Test
    void fileNotFound() {
        Path missing = dir.resolve("nope.yaml");
        assertProblem(onlyProblem(missing), missing, 0, "", "inventory file not found: " + missing);
    }

    @Test
    void aDirectory() {
        assertProblem(onlyProblem(dir), dir, 0, "", "is a directory, not a file");
    }

    @Test
    void anEmptyFile() {
        Path file = files.write("empty.yaml", "");
        assertProblem(onlyProblem(file), file, 0, "", "the file is empty");
    }

    @Test
    void onlyComments() {
        Path file = files.write("comments.yaml", "# hosts: to be added\n\n");
        assertProblem(onlyProblem(file), file, 0, "", "the file is empty");
    }

    @Test
    void aYamlSyntaxErrorGivesItsLine() {
        Path file = files.write("bad.yaml", HEAD + """
                hosts:
                  - name: a
                     address: a.example
                """);
        Problem p = onlyProblem(file);
        assertProblem(p, file, 8, "", "YAML syntax error:");
        // SnakeYAML's own message would quote the line with a caret under it; only its description is kept
        assertThat(p.message()).doesNotContain("a.example").doesNotContain("^");
    }

    @Test
    void anUnclosedQuoteSaysWhereItStarted() {
        Path file = files.write("quote.yaml", HEAD + "hosts:\n  - { name: \"a, address: a.example }\n");
        Problem p = onlyProblem(file);
        assertThat(p.message()).contains("YAML syntax error", "started at line 7");
    }

    @Test
    void tabsForIndentation() {
        Path file = files.write("tabs.yaml", "hosts:\n\t- name: a\n");
        Problem p = onlyProblem(file);
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.message()).contains("YAML syntax error", "TAB");
    }

    @Test
    void notAMappingAtTheTop() {
        Path list = files.write("list.yaml", "- wsus01\n- wsus02\n");
        assertProblem(onlyProblem(list), list, 1, "", "is not an inventory", "found a list");
        Path text = files.write("text.yaml", "just some words\n");
        assertProblem(onlyProblem(text), text, 1, "", "is not an inventory", "found a single value");
    }

    @Test
    void binaryContent() throws Exception {
        Path file = dir.resolve("binary.yaml");
        Files.write(file, new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3, (byte) 0xff, (byte) 0xfe});
        Problem p = onlyProblem(file);
        assertThat(p.file()).isEqualTo(file);
        assertThat(p.message()).isNotBlank();
    }

    @Test
    void aSecondYamlDocument() {
        Path file = files.write("two.yaml", HEAD + "hosts: [ { name: a, address: a.example } ]\n---\nhosts: []\n");
        assertProblem(onlyProblem(file), file, 8, "", "a second YAML document");
    }

    @Test
    void aBareCsvFileIsRefusedWithTheWayToUseIt() {
        Path csv = files.write("hosts.csv", "name,address\nwsus01,10.0.0.1\n");
        Problem p = onlyProblem(csv);
        assertProblem(p, csv, 0, "", "a CSV host list cannot be read on its own", "hostsCsv: hosts.csv");
    }

    @Test
    void theMessageIsReadableWithoutTheProblemsList() {
        Path missing = dir.resolve("nope.yaml");
        InvalidInventoryException e = InventoryFiles.failure(missing);
        assertThat(e.getMessage()).isEqualTo("Invalid inventory (1 problem):\n" + missing + ": inventory file not found: " + missing);
    }
}
