package org.wsusremediator.inventory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.input.Problem;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wsusremediator.inventory.InventoryFiles.HEAD;
import static org.wsusremediator.inventory.InventoryFiles.onlyProblem;
import static org.wsusremediator.inventory.InventoryFiles.problems;
import static org.wsusremediator.inventory.ProblemAssert.assertProblem;

/** CSV host lists, referenced by hostsCsv from a group or from the top level of a YAML inventory. */
class CsvHostListTest {

    @TempDir
    Path dir;
    InventoryFiles files;

    @BeforeEach
    void setUp() {
        files = new InventoryFiles(dir);
    }

    private Path groupWithCsv(String csv) {
        files.write("lists/lab.csv", csv);
        return files.write("inventory.yaml", HEAD + """
                groups:
                  lab:
                    port: 55985
                    auth: basic
                    allowUnencrypted: true
                    hosts:
                      - { name: yaml-host, address: 127.0.0.1 }
                    hostsCsv: lists/lab.csv
                """);
    }

    @Test
    void rowsJoinTheGroupAndEmptyCellsInherit() {
        Path csv = dir.resolve("lists/lab.csv");
        Inventory inventory = InventoryReader.read(groupWithCsv("""
                # lab hosts, one per row
                name,address,port,rtmPolicy,verifyTls,group

                csv-one, 127.0.0.2 ,,,,
                csv-two,127.0.0.3,6000,workaround,false,lab
                "csv-three","127.0.0.4",,,,
                ,,,,,
                """));

        assertThat(inventory.hosts()).extracting(HostEntry::name)
                .containsExactly("yaml-host", "csv-one", "csv-two", "csv-three");
        HostEntry one = inventory.host("csv-one").orElseThrow();
        assertThat(one.group()).isEqualTo("lab");
        assertThat(one.address()).isEqualTo("127.0.0.2");
        assertThat(one.port()).isEqualTo(55985);
        assertThat(one.auth()).isEqualTo(AuthScheme.BASIC);
        assertThat(one.allowUnencrypted()).isTrue();
        assertThat(one.credential()).isEqualTo("prod");
        assertThat(one.sourceFile()).isEqualTo(csv.toString());
        assertThat(one.line()).isEqualTo(4); // comment and blank line counted
        HostEntry two = inventory.host("csv-two").orElseThrow();
        assertThat(two.port()).isEqualTo(6000);
        assertThat(two.rtmPolicy()).isEqualTo(RtmPolicy.WORKAROUND);
        assertThat(two.verifyTls()).isFalse(); // a row is a host entry: the opt-out is allowed there
        assertThat(inventory.host("csv-three").orElseThrow().line()).isEqualTo(6);
    }

    @Test
    void headerColumnsAreMatchedIgnoringCase() {
        Inventory inventory = InventoryReader.read(groupWithCsv("Name,ADDRESS,Port\ncsv-one,127.0.0.2,7000\n"));
        assertThat(inventory.host("csv-one").orElseThrow().port()).isEqualTo(7000);
    }

    @Test
    void anUnknownHeaderColumnIsReportedOnTheHeaderLineWithASuggestion() {
        groupWithCsv("# comment\nname,adress,port\ncsv-one,127.0.0.2,7000\n");
        List<Problem> problems = problems(dir.resolve("inventory.yaml"));
        Path csv = dir.resolve("lists/lab.csv");
        assertThat(problems).anySatisfy(p -> assertProblem(p, csv, 2, "", "column 2 is not a known column (its text is not shown)", "allowed columns: name,address,"));
        assertThat(problems).anySatisfy(p -> assertProblem(p, csv, 2, "", "the 'address' column is required"));
    }

    @Test
    void aRowWithTheWrongNumberOfColumnsGivesItsLine() {
        groupWithCsv("""
                name,address,port
                csv-one,127.0.0.2,7000
                # a comment line

                csv-two,127.0.0.3
                csv-three,127.0.0.4,1,2
                """);
        List<Problem> problems = problems(dir.resolve("inventory.yaml"));
        Path csv = dir.resolve("lists/lab.csv");
        assertThat(problems).hasSize(2);
        assertProblem(problems.get(0), csv, 5, "", "has 2 columns, the header has 3 (name,address,port)");
        assertProblem(problems.get(1), csv, 6, "", "has 4 columns, the header has 3");
    }

    @Test
    void aBadCellIsReportedAtItsRowAndColumn() {
        groupWithCsv("name,address,port,transport\ncsv-one,127.0.0.2,70000,http\ncsv-two,127.0.0.3,,smtp\n");
        List<Problem> problems = problems(dir.resolve("inventory.yaml"));
        Path csv = dir.resolve("lists/lab.csv");
        assertThat(problems).hasSize(2);
        assertProblem(problems.get(0), csv, 2, "port", "must be between 1 and 65535 (was 70000)");
        assertProblem(problems.get(1), csv, 3, "transport", "must be one of http, https (was 'smtp')");
    }

    @Test
    void aRowMustNotClaimAnotherGroup() {
        groupWithCsv("name,address,group\ncsv-one,127.0.0.2,prod\n");
        assertProblem(onlyProblem(dir.resolve("inventory.yaml")), dir.resolve("lists/lab.csv"), 2, "group",
                "this row is in group 'lab'", "says 'prod'");
    }

    @Test
    void basicOverHttpIsRefusedForARowToo() {
        files.write("hosts.csv", "name,address,auth\ncsv-one,127.0.0.2,basic\n");
        Path file = files.write("inventory.yaml", HEAD + "hostsCsv: hosts.csv\n");
        assertProblem(onlyProblem(file), dir.resolve("hosts.csv"), 2, "", "host 'csv-one': basic authentication over http");
    }

    @Test
    void aTopLevelListMayPlaceRowsInDefinedGroups() {
        files.write("hosts.csv", """
                name,address,group,credential
                in-lab,10.0.0.1,lab,
                ungrouped,10.0.0.2,,
                other-cred,10.0.0.3,,branch
                """);
        Inventory inventory = InventoryReader.read(files.write("inventory.yaml", """
                credentials:
                  prod: { username: svc, password: env:P }
                  branch: { username: br, password: env:B }
                defaults: { credential: prod }
                groups:
                  lab: { port: 55985 }
                hostsCsv: hosts.csv
                """));
        assertThat(inventory.hosts()).extracting(HostEntry::name, HostEntry::group, HostEntry::port, HostEntry::credential)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("in-lab", "lab", 55985, "prod"),
                        org.assertj.core.groups.Tuple.tuple("ungrouped", null, 5985, "prod"),
                        org.assertj.core.groups.Tuple.tuple("other-cred", null, 5985, "branch"));
    }

    @Test
    void aTopLevelRowNamingAnUndefinedGroupOrCredentialIsRefused() {
        files.write("hosts.csv", "name,address,group,credential\na,10.0.0.1,labb,\nb,10.0.0.2,,nobody\n");
        Path file = files.write("inventory.yaml", HEAD + "groups:\n  lab: {}\nhostsCsv: hosts.csv\n");
        List<Problem> problems = problems(file);
        Path csv = dir.resolve("hosts.csv");
        assertThat(problems).hasSize(2);
        assertProblem(problems.get(0), csv, 2, "group", "group 'labb' is not defined under groups; did you mean 'lab'?");
        assertProblem(problems.get(1), csv, 3, "credential", "credential 'nobody' is not defined");
    }

    @Test
    void aMissingCsvFileIsReportedWhereItIsReferenced() {
        Path file = files.write("inventory.yaml", HEAD + "groups:\n  lab:\n    hostsCsv: lab.csv\nhostsCsv: more.csv\n");
        List<Problem> problems = problems(file);
        assertThat(problems).anySatisfy(p -> assertProblem(p, file, 8, "groups.lab.hostsCsv", "hostsCsv file not found"));
        assertThat(problems).anySatisfy(p -> assertProblem(p, file, 9, "hostsCsv", "hostsCsv file not found",
                dir.resolve("more.csv").toString()));
    }

    @Test
    void anEmptyCsvFile() {
        groupWithCsv("");
        assertProblem(onlyProblem(dir.resolve("inventory.yaml")), dir.resolve("lists/lab.csv"), 0, "",
                "the CSV file is empty; expected a header row");
    }

    @Test
    void anUnterminatedQuote() {
        groupWithCsv("name,address\n\"csv-one,127.0.0.2\n");
        Problem p = onlyProblem(dir.resolve("inventory.yaml"));
        assertThat(p.file()).isEqualTo(dir.resolve("lists/lab.csv"));
        assertThat(p.message()).startsWith("not valid CSV:");
    }

    @Test
    void namesAreUniqueAcrossYamlAndCsv() {
        groupWithCsv("name,address\nYAML-HOST,127.0.0.9\n");
        Path yaml = dir.resolve("inventory.yaml");
        assertProblem(onlyProblem(yaml), dir.resolve("lists/lab.csv"), 2, "name",
                "duplicate host name 'YAML-HOST'", "first defined as 'yaml-host' at " + yaml + ":12");
    }
}
