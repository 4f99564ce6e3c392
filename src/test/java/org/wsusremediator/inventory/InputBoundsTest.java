package org.wsusremediator.inventory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.input.Problem;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.wsusremediator.inventory.InventoryFiles.HEAD;
import static org.wsusremediator.inventory.InventoryFiles.onlyProblem;
import static org.wsusremediator.inventory.ProblemAssert.assertProblem;

/**
 * What the inventory reader reads is bounded (issue 8, items 8, 9 and 14): file sizes and value lengths are
 * capped, only regular files are opened, and no message quotes more than a short excerpt of a value, or any
 * content of a file that is not what it was named as. Each test is guarded by a timeout so that a regression
 * fails instead of hanging the build.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InputBoundsTest {

    @TempDir
    Path dir;
    InventoryFiles files;

    @BeforeEach
    void setUp() {
        files = new InventoryFiles(dir);
    }

    /** Writes {@code before}, {@code count} times {@code c}, then {@code after}, without building the string. */
    private Path big(String name, String before, char c, int count, String after) throws IOException {
        Path file = dir.resolve(name);
        char[] chunk = new char[1 << 16];
        java.util.Arrays.fill(chunk, c);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(before);
            for (int left = count; left > 0; left -= chunk.length) {
                w.write(chunk, 0, Math.min(left, chunk.length));
            }
            w.write(after);
        }
        return file;
    }

    private static void assertShortAndWithoutRuns(InvalidInventoryException e) {
        assertThat(e.getMessage().length()).as("the message").isLessThan(2_000);
        assertThat(e.getMessage()).doesNotContain("x".repeat(61));
    }

    @Test
    void aThirtyMegabyteYamlValueIsRefusedAtOnceWithoutQuotingIt() throws IOException {
        Path inventory = big("inventory.yaml", HEAD + "hosts:\n  - { name: h1, address: ", 'x', 30 << 20, " }\n");
        InvalidInventoryException e = InventoryFiles.failure(inventory);
        assertThat(e.problems()).hasSize(1);
        assertProblem(e.problems().get(0), inventory, 0, "", "bytes", "at most");
        assertShortAndWithoutRuns(e);
    }

    @Test
    void aLongValueInASmallFileIsRefusedWithItsLineAndAnExcerpt() throws IOException {
        Path inventory = big("inventory.yaml", HEAD + "hosts:\n  - name: h1\n    address: ", 'x', 200_000, "\n");
        InvalidInventoryException e = InventoryFiles.failure(inventory);
        assertThat(e.problems()).hasSize(1);
        assertProblem(e.problems().get(0), inventory, 8, "hosts[0].address", "200000 characters", "at most");
        assertShortAndWithoutRuns(e);
    }

    @Test
    void aBadValueIsQuotedAsAShortExcerpt() {
        Path inventory = files.write("inventory.yaml", HEAD + "hosts:\n  - { name: h1, address: 127.0.0.1, port: \""
                + "9".repeat(3000) + "\" }\n");
        Problem p = onlyProblem(inventory);
        assertProblem(p, inventory, 7, "hosts[0].port", "must be");
        assertThat(p.message()).contains("9".repeat(60) + "…").doesNotContain("9".repeat(61));
    }

    @Test
    void aTwentyMegabyteCsvLineIsRefusedAtOnceWithoutQuotingIt() throws IOException {
        Path csv = big("hosts.csv", "name,address\nh1,", 'x', 20 << 20, "\n");
        Path inventory = files.write("inventory.yaml", HEAD + "hostsCsv: hosts.csv\n");
        InvalidInventoryException e = InventoryFiles.failure(inventory);
        assertThat(e.problems()).hasSize(1);
        assertProblem(e.problems().get(0), inventory, 6, "hostsCsv", csv.toString(), "bytes long", "at most");
        assertShortAndWithoutRuns(e);
    }

    @Test
    void aLongCsvCellInASmallFileIsRefusedWithItsLine() throws IOException {
        Path csv = big("hosts.csv", "name,address\nh1,", 'x', 100_000, "\n");
        Path inventory = files.write("inventory.yaml", HEAD + "hostsCsv: hosts.csv\n");
        InvalidInventoryException e = InventoryFiles.failure(inventory);
        assertThat(e.problems()).hasSize(1);
        assertProblem(e.problems().get(0), csv, 2, "", "characters", "at most");
        assertShortAndWithoutRuns(e);
    }

    /** Within the size limit, a row of 7 million cells or 3 million tiny rows must not fill the heap. */
    @Test
    void aCsvOfMillionsOfTinyCellsOrRowsIsRefusedWithoutHoldingThem() throws IOException {
        Path wide = dir.resolve("wide.csv");
        try (Writer w = Files.newBufferedWriter(wide, StandardCharsets.UTF_8)) {
            w.write("name,address\n");
            for (int i = 0; i < 7_000_000; i++) {
                w.write("a,");
            }
            w.write("\n");
        }
        Path inventory = files.write("inventory.yaml", HEAD + "hostsCsv: wide.csv\n");
        InvalidInventoryException e = InventoryFiles.failure(inventory);
        assertProblem(e.problems().get(0), wide, 2, "", "more than", "columns");
        assertShortAndWithoutRuns(e);

        Path tall = dir.resolve("tall.csv");
        try (Writer w = Files.newBufferedWriter(tall, StandardCharsets.UTF_8)) {
            w.write("name,address\n");
            for (int i = 0; i < 3_000_000; i++) {
                w.write("h,a\n");
            }
        }
        files.write("inventory.yaml", HEAD + "hostsCsv: tall.csv\n");
        e = InventoryFiles.failure(inventory);
        assertThat(e.problems()).anySatisfy(p -> assertProblem(p, tall, 100_002, "", "more than 100000 rows"));
        assertThat(e.problems()).as("every row is named h: duplicates, listed up to the limit").hasSizeLessThanOrEqualTo(1001);
    }

    @Test
    void aYamlListOfAMillionTinyItemsIsRefusedWithAThousandProblemsListed() throws IOException {
        Path inventory = dir.resolve("inventory.yaml");
        try (Writer w = Files.newBufferedWriter(inventory, StandardCharsets.UTF_8)) {
            w.write(HEAD + "hosts: [");
            for (int i = 0; i < 1_000_000; i++) {
                w.write("a,");
            }
            w.write("a]\n");
        }
        InvalidInventoryException e = InventoryFiles.failure(inventory);
        assertThat(e.problems()).hasSize(1001);
        assertThat(e.problems().get(0).message()).contains("must be a mapping");
    }

    @Test
    void aHostListOfThousandsOfBadRowsListsTheFirstThousandProblems() throws IOException {
        Path csv = dir.resolve("bad.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("name,address,port\n");
            for (int i = 0; i < 5_000; i++) {
                w.write("h" + i + ",10.0." + (i / 250) + "." + (i % 250) + ",eighty\n");
            }
        }
        Path inventory = files.write("inventory.yaml", HEAD + "hostsCsv: bad.csv\n");
        InvalidInventoryException e = InventoryFiles.failure(inventory);
        assertThat(e.problems()).hasSize(1001);
        assertThat(e.problems().get(1000).message()).contains("and 4000 more problems");
    }

    @Test
    void aFifoIsNotReadAsAnInventory() throws Exception {
        Path fifo = mkfifo("inventory.yaml");
        assertProblem(onlyProblem(fifo), fifo, 0, "", "not a regular file");
    }

    @Test
    void devZeroIsNotReadAsAHostList() {
        Path inventory = files.write("inventory.yaml", HEAD + "hostsCsv: /dev/zero\n");
        assertProblem(onlyProblem(inventory), inventory, 6, "hostsCsv", "not a regular file", "/dev/zero");
    }

    @Test
    void aFifoIsNotReadAsASimulatorFleet() throws Exception {
        mkfifo("fleet.yaml");
        Path inventory = files.write("inventory.yaml", "simulator: fleet.yaml\n" + HEAD + "hosts:\n  - { name: h1, address: 127.0.0.1 }\n");
        assertProblem(onlyProblem(inventory), inventory, 1, "simulator", "not a regular file");
    }

    @Test
    void aCsvHeaderErrorNeverQuotesTheFile() {
        files.writeSecret("secrets/branch.password", "Br4nchS3cretXYZZY\n", "rw-------");
        Path inventory = files.write("inventory.yaml", HEAD + "hostsCsv: secrets/branch.password\n");
        InvalidInventoryException e = InventoryFiles.failure(inventory);
        assertThat(e.getMessage()).doesNotContain("Br4nch").doesNotContain("XYZZY")
                .contains("column 1", "name,address");
    }

    @Test
    void etcPasswdAsAHostListIsRefusedWithoutItsFirstLine() throws IOException {
        String firstLine = Files.readAllLines(Path.of("/etc/passwd")).get(0);
        Path inventory = files.write("inventory.yaml", HEAD + "hostsCsv: /etc/passwd\n");
        InvalidInventoryException e = InventoryFiles.failure(inventory);
        for (String part : firstLine.split("[:,]")) {
            if (part.length() > 3) {
                assertThat(e.getMessage()).doesNotContain(part);
            }
        }
    }

    @Test
    void anOversizedPasswordFileIsRefusedByName() throws IOException {
        Path secret = big("big.password", "", 'p', 1 << 20, "\n");
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        CredentialException e = catchThrowableOfType(CredentialException.class, () -> new CredentialResolver(Map.of())
                .resolve("prod", new CredentialRef.PasswordFile("svc", secret)));
        assertThat(e.problems()).singleElement().asString().contains("big.password", "bytes", "at most");
        assertThat(e.getMessage()).doesNotContain("ppp");
    }

    @Test
    void aFifoIsNotReadAsAPasswordFile() throws Exception {
        Path fifo = mkfifo("fifo.password");
        CredentialException e = catchThrowableOfType(CredentialException.class, () -> new CredentialResolver(Map.of())
                .resolve("prod", new CredentialRef.PasswordFile("svc", fifo)));
        assertThat(e.problems()).singleElement().asString().contains("not a regular file");
    }

    private Path mkfifo(String name) throws Exception {
        Path fifo = dir.resolve(name);
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as("mkfifo").isTrue();
        return fifo;
    }

    static List<String> lines(String s) {
        return s.lines().toList();
    }
}
