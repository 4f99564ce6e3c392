package org.wsusremediator.inventory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wsusremediator.input.Problem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wsusremediator.inventory.InventoryFiles.HEAD;
import static org.wsusremediator.inventory.InventoryFiles.onlyProblem;
import static org.wsusremediator.inventory.InventoryFiles.problems;
import static org.wsusremediator.inventory.ProblemAssert.assertHasProblem;
import static org.wsusremediator.inventory.ProblemAssert.assertProblem;

/**
 * One test per validation rule of docs/inventory.md. Each invalid file breaks one rule (so the test would
 * pass nothing if the rule were gone) and most have a valid twin showing the rule is not over-eager.
 * {@link InventoryFiles#HEAD} is 5 lines: what a test appends starts on line 6.
 */
class InventoryValidationTest {

    @TempDir
    Path dir;
    InventoryFiles files;

    @BeforeEach
    void setUp() {
        files = new InventoryFiles(dir);
    }

    private Path inventory(String body) {
        return files.write("inventory.yaml", HEAD + body);
    }

    @Test
    void aProblemNamesFileLineAndFieldPath() {
        Path file = files.write("lab.yaml", HEAD + """
                groups:
                  lab:
                    port: 55985
                    auth: ntlm
                    hosts:
                      - name: sp1-2008-x64
                        address: 127.54.0.11
                      - name: sp1-2003-x86
                        port: 70000
                        address: 127.54.0.12
                """);

        Problem problem = onlyProblem(file);

        assertThat(problem.toString())
                .isEqualTo(file + ":14: groups.lab.hosts[1].port: must be between 1 and 65535 (was 70000)");
    }

    @Test
    void everyProblemIsReportedInOneExceptionInLineOrder() {
        Path file = inventory("""
                scan: { parallelism: 0 }
                hosts:
                  - { name: a, address: a.example, port: 0 }
                  - { name: b, address: b.example, transport: ftp }
                  - { name: c, address: c.example, timeouts: { connect: soon } }
                """);

        InvalidInventoryException e = InventoryFiles.failure(file);

        assertThat(e.problems()).extracting(Problem::line).containsExactly(6, 8, 9, 10);
        assertThat(e.problems()).extracting(Problem::field).containsExactly(
                "scan.parallelism", "hosts[0].port", "hosts[1].transport", "hosts[2].timeouts.connect");
        assertThat(e.getMessage()).startsWith("Invalid inventory (4 problems):\n");
    }

    @Nested
    class UnknownFields {

        @Test
        void aTypoIsRejectedWithTheNearestKnownName() {
            Path file = inventory("""
                  prot: 5985
                hosts:
                  - { name: a, adress: a.example }
                """);

            List<Problem> problems = problems(file);

            assertHasProblem(problems, 6, "defaults.prot", "unknown field 'prot'; did you mean 'port'?");
            assertHasProblem(problems, 8, "hosts[0].adress", "unknown field 'adress'; did you mean 'address'?");
        }

        @Test
        void typosAreFoundAtEveryLevel() {
            Path file = inventory("""
                  timeouts: { recieve: 5s }
                scan: { paralelism: 4 }
                groups:
                  g:
                    verifyTLS: true
                    hosts: [ { name: a, address: a.example } ]
                host:
                  - { name: b, address: b.example }
                """);

            List<Problem> problems = problems(file);

            assertHasProblem(problems, 6, "defaults.timeouts.recieve", "did you mean 'receive'?");
            assertHasProblem(problems, 7, "scan.paralelism", "did you mean 'parallelism'?");
            assertHasProblem(problems, 10, "groups.g.verifyTLS", "did you mean 'verifyTls'?");
            assertHasProblem(problems, 12, "host", "did you mean 'hosts'?");
        }

        @Test
        void aNameNothingLikeAKnownOneListsTheKnownFields() {
            Problem p = onlyProblem(inventory("""
                hosts:
                  - { name: a, address: a.example, colour: blue }
                """));
            assertProblem(p, dir.resolve("inventory.yaml"), 7, "hosts[0].colour",
                    "unknown field 'colour'; known fields here: name, address, port, transport");
        }

        @Test
        void aDuplicateKeyIsRejectedRatherThanSilentlyOverwritten() {
            Problem p = onlyProblem(inventory("""
                hosts:
                  - name: a
                    address: a.example
                    port: 5985
                    port: 5986
                """));
            assertProblem(p, dir.resolve("inventory.yaml"), 10, "hosts[0].port", "duplicate key; already set at line 9");
        }
    }

    @Nested
    class Hosts {

        @Test
        void nameAndAddressAreRequired() {
            List<Problem> problems = problems(inventory("""
                hosts:
                  - { address: a.example }
                  - name: b
                """));
            assertHasProblem(problems, 7, "hosts[0].name", "is required");
            assertHasProblem(problems, 8, "hosts[1].address", "is required");
            assertThat(problems).hasSize(2);
        }

        @Test
        void hostNamesAreUniqueIgnoringCaseAndTheMessageSaysWhereTheFirstOneIs() {
            Path file = inventory("""
                groups:
                  g:
                    hosts:
                      - { name: wsus01, address: a.example }
                hosts:
                  - { name: WSUS01, address: b.example }
                """);

            Problem p = onlyProblem(file);

            assertProblem(p, file, 11, "hosts[0].name", "duplicate host name 'WSUS01'", "first defined as 'wsus01' at "
                    + file + ":9");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "65536", "-1"})
        void portMustBeInRange(String port) {
            Problem p = onlyProblem(inventory("hosts:\n  - { name: a, address: a.example, port: " + port + " }\n"));
            assertProblem(p, dir.resolve("inventory.yaml"), 7, "hosts[0].port", "must be between 1 and 65535 (was " + port + ")");
        }

        @Test
        void portsAtTheEdgesOfTheRangeAreFine() {
            Inventory inventory = InventoryReader.read(inventory("""
                hosts:
                  - { name: a, address: a.example, port: 1 }
                  - { name: b, address: b.example, port: 65535 }
                """));
            assertThat(inventory.hosts()).extracting(HostEntry::port).containsExactly(1, 65535);
        }

        @Test
        void aNameMustBePlain() {
            Problem p = onlyProblem(inventory("hosts:\n  - { name: 'wsus 01/x', address: a.example }\n"));
            assertThat(p.field()).isEqualTo("hosts[0].name");
            assertThat(p.message()).contains("only letters, digits, '.', '-' and '_'");
        }

        @Test
        void anAddressIsAHostNameOrIpNotAUrlOrHostAndPort() {
            List<Problem> problems = problems(inventory("""
                hosts:
                  - { name: a, address: "http://a.example:5985/wsman" }
                  - { name: b, address: "b.example:5985" }
                  - { name: c, address: "c example" }
                """));
            assertHasProblem(problems, 7, "hosts[0].address", "not a URL");
            assertHasProblem(problems, 8, "hosts[1].address", "must not contain a port", "set port: instead");
            assertHasProblem(problems, 9, "hosts[2].address", "must be a host name or IP address");
        }

        @Test
        void anInventoryWithoutHostsIsRefused() {
            Problem p = onlyProblem(inventory("groups:\n  empty: {}\n"));
            assertThat(p.field()).isEqualTo("hosts");
            assertThat(p.message()).contains("defines no hosts");
        }
    }

    @Nested
    class Values {

        @Test
        void enumValuesListTheAllowedOnes() {
            List<Problem> problems = problems(inventory("""
                hosts:
                  - { name: a, address: a.example, transport: htps }
                  - { name: b, address: b.example, auth: digest }
                  - { name: c, address: c.example, rtmPolicy: ignore }
                """));
            assertHasProblem(problems, 7, "hosts[0].transport", "must be one of http, https (was 'htps')");
            assertHasProblem(problems, 8, "hosts[1].auth", "must be one of basic, ntlm, kerberos (was 'digest')");
            assertHasProblem(problems, 9, "hosts[2].rtmPolicy", "must be one of workaround, upgrade (was 'ignore')");
        }

        @Test
        void durationsMustParseAndBePositive() {
            List<Problem> problems = problems(inventory("""
                  timeouts:
                    connect: 5
                    operation: 0s
                    receive: a minute
                hosts:
                  - { name: a, address: a.example, timeouts: { connect: PT0S, receive: -5s } }
                """));
            assertHasProblem(problems, 7, "defaults.timeouts.connect", "needs a unit, e.g. 5s");
            assertHasProblem(problems, 8, "defaults.timeouts.operation", "must be a positive duration (was '0s')");
            assertHasProblem(problems, 9, "defaults.timeouts.receive", "must be a duration such as 500ms, 5s, 2m or PT5S");
            assertHasProblem(problems, 11, "hosts[0].timeouts.connect", "must be a positive duration (was 'PT0S')");
            assertHasProblem(problems, 11, "hosts[0].timeouts.receive", "must be a duration such as");
            assertThat(problems).hasSize(5);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "1025", "many"})
        void parallelismMustBeBetween1And1024(String value) {
            Problem p = onlyProblem(inventory("scan:\n  parallelism: " + value
                    + "\nhosts:\n  - { name: a, address: a.example }\n"));
            assertProblem(p, dir.resolve("inventory.yaml"), 7, "scan.parallelism", "between 1 and 1024");
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 1024})
        void parallelismAtTheEdgesIsFine(int value) {
            Inventory inventory = InventoryReader.read(inventory("scan:\n  parallelism: " + value
                    + "\nhosts:\n  - { name: a, address: a.example }\n"));
            assertThat(inventory.parallelism()).isEqualTo(value);
        }

        @Test
        void wrongTypesAreClearErrors() {
            List<Problem> problems = problems(inventory("""
                  port: "eighty"
                  timeouts: 5s
                  verifyTls: yes
                groups: [ lab ]
                hosts:
                  - just-a-name
                  - { name: [a, b], address: a.example }
                """));
            assertHasProblem(problems, 6, "defaults.port", "must be a whole number between 1 and 65535 (was 'eighty')");
            assertHasProblem(problems, 7, "defaults.timeouts", "must be a mapping (key: value lines), not a single value");
            assertHasProblem(problems, 8, "defaults.verifyTls", "must be true or false (was 'yes')");
            assertHasProblem(problems, 9, "groups", "must be a mapping (key: value lines), not a list");
            assertHasProblem(problems, 11, "hosts[0]", "must be a mapping (key: value lines), not a single value");
            assertHasProblem(problems, 12, "hosts[1].name", "must be a single value, not a list");
        }

        @Test
        void aKeyWithoutAValueIsAnError() {
            Problem p = onlyProblem(inventory("hosts:\n  - name: a\n    address: a.example\n    port:\n"));
            assertProblem(p, dir.resolve("inventory.yaml"), 9, "hosts[0].port", "has no value");
        }
    }

    @Nested
    class Credentials {

        @Test
        void aCredentialReferenceMustNameADefinedCredential() {
            List<Problem> problems = problems(files.write("inventory.yaml", """
                credentials:
                  prod: { username: svc, password: env:P }
                defaults:
                  credential: prd
                groups:
                  g:
                    credential: lab
                    hosts: [ { name: a, address: a.example } ]
                hosts:
                  - { name: b, address: b.example, credential: staging }
                """));
            assertHasProblem(problems, 4, "defaults.credential", "credential 'prd' is not defined under credentials; did you mean 'prod'?");
            assertHasProblem(problems, 7, "groups.g.credential", "credential 'lab' is not defined", "defined: prod");
            assertHasProblem(problems, 10, "hosts[0].credential", "credential 'staging' is not defined");
            // Reported where the reference is written, not once more per inheriting host.
            assertThat(problems).hasSize(3);
        }

        @Test
        void everyHostNeedsACredentialFromSomeLevel() {
            Problem p = onlyProblem(files.write("inventory.yaml", """
                credentials:
                  prod: { username: svc, password: env:P }
                hosts:
                  - { name: a, address: a.example }
                """));
            assertProblem(p, dir.resolve("inventory.yaml"), 4, "hosts[0]", "host 'a' has no credential");
        }

        @Test
        void aLiteralPasswordIsRefusedWithTheReason() {
            Problem p = onlyProblem(files.write("inventory.yaml", """
                credentials:
                  prod:
                    username: svc
                    password: Winter2008!
                defaults: { credential: prod }
                hosts: [ { name: a, address: a.example } ]
                """));
            assertProblem(p, dir.resolve("inventory.yaml"), 4, "credentials.prod.password",
                    "literal password", "passwords never go in the inventory", "env:NAME", "file:PATH");
        }

        @Test
        void aNumericPasswordIsALiteralToo() {
            Problem p = onlyProblem(files.write("inventory.yaml", """
                credentials:
                  prod: { username: svc, password: 12345678 }
                defaults: { credential: prod }
                hosts: [ { name: a, address: a.example } ]
                """));
            assertThat(p.message()).contains("passwords never go in the inventory");
        }

        @Test
        void credentialEntriesMustBeComplete() {
            List<Problem> problems = problems(files.write("inventory.yaml", """
                credentials:
                  no-user: { password: env:P }
                  no-password: { username: svc }
                  both: { file: /etc/x.credentials, username: svc }
                  bad-env: { username: svc, password: "env:1 NOT A NAME" }
                  empty-file: { username: svc, password: "file:" }
                  typo: { username: svc, pasword: env:P }
                defaults: { credential: no-user }
                hosts: [ { name: a, address: a.example } ]
                """));
            assertHasProblem(problems, 2, "credentials.no-user.username", "is required");
            assertHasProblem(problems, 3, "credentials.no-password.password", "is required: env:NAME or file:PATH");
            assertHasProblem(problems, 4, "credentials.both", "use either 'file'");
            assertHasProblem(problems, 5, "credentials.bad-env.password", "env: must be followed by an environment variable name");
            assertHasProblem(problems, 6, "credentials.empty-file.password", "file: must be followed by the path");
            assertHasProblem(problems, 7, "credentials.typo.pasword", "did you mean 'password'?");
            // the host's credential 'no-user' exists (though broken): no second "not defined" problem
            assertThat(problems).noneSatisfy(p -> assertThat(p.message()).contains("not defined"));
        }
    }

    @Nested
    class Encryption {

        @Test
        void verifyTlsFalseIsRefusedInDefaultsAndGroups() {
            List<Problem> problems = problems(inventory("""
                  verifyTls: false
                groups:
                  g:
                    verifyTls: false
                    hosts: [ { name: a, address: a.example, transport: https } ]
                """));
            assertHasProblem(problems, 6, "defaults.verifyTls", "allowed only on a single host entry");
            assertHasProblem(problems, 9, "groups.g.verifyTls", "allowed only on a single host entry");
            assertThat(problems).hasSize(2);
        }

        @Test
        void verifyTlsFalseIsAllowedOnAHostEntry() {
            Inventory inventory = InventoryReader.read(inventory("""
                  verifyTls: true
                hosts:
                  - { name: a, address: a.example, transport: https, verifyTls: false }
                  - { name: b, address: b.example, transport: https }
                """));
            assertThat(inventory.hosts()).extracting(HostEntry::verifyTls).containsExactly(false, true);
        }

        @Test
        void basicOverHttpIsRefused() {
            Path file = inventory("""
                hosts:
                  - name: a
                    address: a.example
                    auth: basic
                """);
            Problem p = onlyProblem(file);
            assertProblem(p, file, 7, "hosts[0]", "host 'a': basic authentication over http is refused",
                    "allowUnencrypted: true");
        }

        @Test
        void basicOverHttpIsAllowedWhenTheHostOrItsGroupAllowsIt() {
            Inventory inventory = InventoryReader.read(inventory("""
                groups:
                  lab:
                    auth: basic
                    allowUnencrypted: true
                    hosts: [ { name: a, address: a.example } ]
                hosts:
                  - { name: b, address: b.example, auth: basic, allowUnencrypted: true }
                """));
            assertThat(inventory.hosts()).allSatisfy(h -> {
                assertThat(h.auth()).isEqualTo(AuthScheme.BASIC);
                assertThat(h.allowUnencrypted()).isTrue();
            });
        }

        @Test
        void defaultsMayNotAllowUnencryptedAndTheRefusedValueDoesNotCount() {
            Path file = inventory("""
                  allowUnencrypted: true
                hosts:
                  - { name: a, address: a.example, auth: basic }
                """);
            List<Problem> problems = problems(file);
            assertHasProblem(problems, 6, "defaults.allowUnencrypted", "not allowed in defaults");
            assertHasProblem(problems, 8, "hosts[0]", "basic authentication over http is refused");
            assertThat(problems).hasSize(2);
        }

        @Test
        void allowUnencryptedFalseInDefaultsIsFine() {
            assertThat(InventoryReader.read(inventory("  allowUnencrypted: false\nhosts: [ { name: a, address: a.example } ]\n"))
                    .hosts()).hasSize(1);
        }

        @Test
        void basicOrKerberosOverHttpsAndNtlmOverHttpAreFine() {
            Inventory inventory = InventoryReader.read(inventory("""
                hosts:
                  - { name: a, address: a.example, auth: basic, transport: https }
                  - { name: b, address: b.example, auth: ntlm, transport: http }
                  - { name: c, address: c.example, auth: kerberos, transport: https }
                """));
            assertThat(inventory.hosts()).hasSize(3);
            assertThat(inventory.hosts()).noneMatch(HostEntry::allowUnencrypted);
        }

        @Test
        void kerberosOverHttpIsRefusedUnlessTheHostAllowsUnencryptedTraffic() {
            Path file = inventory("""
                groups:
                  legacy:
                    allowUnencrypted: true
                    hosts:
                      - { name: a, address: a.example, auth: kerberos, transport: http }
                hosts:
                  - { name: b, address: b.example, auth: kerberos }
                """);
            Problem p = onlyProblem(file);
            assertThat(p.message()).contains("host 'b'").contains("kerberos over http is refused")
                    .contains("winrm4j#151").contains("transport: https");
        }
    }

    @Nested
    class Simulator {

        @Test
        void theSimulatorFleetFileMustExistRelativeToTheInventory() throws Exception {
            Path file = files.write("sub/inventory.yaml", "simulator: lab-fleet.yaml\n" + HEAD
                    + "hosts: [ { name: a, address: a.example } ]\n");
            // a file of that name in the working directory of the process must not count
            Problem p = onlyProblem(file);
            assertProblem(p, file, 1, "simulator", "simulator fleet file not found", dir.resolve("sub/lab-fleet.yaml").toString());

            files.write("sub/lab-fleet.yaml", "hosts: []\n");
            assertThat(InventoryReader.read(file).simulatorFleet()).isEqualTo(dir.resolve("sub/lab-fleet.yaml"));
        }

        @Test
        void theSimulatorFleetMustBeAFile() throws Exception {
            Files.createDirectories(dir.resolve("fleet"));
            Problem p = onlyProblem(files.write("inventory.yaml", "simulator: fleet\n" + HEAD
                    + "hosts: [ { name: a, address: a.example } ]\n"));
            assertThat(p.message()).contains("is a directory");
        }
    }
}
