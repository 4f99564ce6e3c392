package org.wsusremediator.inventory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wsusremediator.input.Problem;
import org.wsusremediator.probe.Architecture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wsusremediator.inventory.InventoryFiles.HEAD;
import static org.wsusremediator.inventory.InventoryFiles.onlyProblem;
import static org.wsusremediator.inventory.InventoryFiles.problems;
import static org.wsusremediator.inventory.ProblemAssert.assertHasProblem;
import static org.wsusremediator.inventory.ProblemAssert.assertProblem;

/**
 * The {@code remediation:} section and the {@code allowReboot} host setting (docs/inventory.md). HEAD is 5
 * lines and the host list 2, so a remediation section appended by {@link #inventory} starts on line 8.
 */
class RemediationSectionTest {

    static final String HASH_A = "a".repeat(64);
    static final String HASH_B = "0123456789ABCDEF".repeat(4);

    @TempDir
    Path dir;
    InventoryFiles files;

    @BeforeEach
    void setUp() {
        files = new InventoryFiles(dir);
    }

    private Path inventory(String remediation) {
        return files.write("inventory.yaml", HEAD + """
                hosts:
                  - { name: wsus01, address: wsus01.example }
                """ + remediation);
    }

    @Test
    void withoutTheSectionEveryFieldHasItsDefault() {
        Inventory inventory = InventoryReader.read(inventory(""));

        RemediationSettings r = inventory.remediation();
        assertThat(r).isEqualTo(RemediationSettings.defaults());
        assertThat(r.packages()).isEmpty();
        assertThat(r.installerArguments()).isEqualTo("/quiet /norestart");
        assertThat(r.installTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(r.workaroundRecipe()).isNull();
        assertThat(r.recipe()).isEmpty();
        assertThat(r.upgradeSink()).isEqualTo("file:reports/upgrades");
        assertThat(r.lab()).isFalse();
        assertThat(r.packageFor(Architecture.X64)).isEmpty();
    }

    @Test
    void anEmptySectionIsTheDefaults() {
        assertThat(InventoryReader.read(inventory("remediation:\n")).remediation()).isEqualTo(RemediationSettings.defaults());
    }

    @Test
    void everyFieldIsRead() {
        files.write("recipes/rtm.yaml", "name: x\n");
        Inventory inventory = InventoryReader.read(inventory("""
                remediation:
                  packages:
                    x86: { source: '\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x86.exe', sha256: %s }
                    x64: { source: 'https://files.example/kb/WSUS3.0SP1-KB954960-x64.exe', sha256: %s }
                  installerArguments: /quiet /norestart /log:C:\\Windows\\Temp\\kb.log
                  installTimeout: 20s
                  workaroundRecipe: { file: recipes/rtm.yaml, sha256: %s }
                  upgradeSink: "seda:upgrades"
                  lab: true
                """.formatted(HASH_A, HASH_B, HASH_A)));

        RemediationSettings r = inventory.remediation();
        assertThat(r.packageFor(Architecture.X86)).contains(
                new PackageSource("\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x86.exe", HASH_A));
        PackageSource x64 = r.packageFor(Architecture.X64).orElseThrow();
        assertThat(x64.sha256()).as("hashes are kept in lowercase").isEqualTo(HASH_B.toLowerCase());
        assertThat(x64.isUrl()).isTrue();
        assertThat(x64.fileName()).isEqualTo("WSUS3.0SP1-KB954960-x64.exe");
        assertThat(r.packageFor(Architecture.X86).orElseThrow().isUrl()).isFalse();
        assertThat(r.packageFor(Architecture.X86).orElseThrow().fileName()).isEqualTo("WSUS3.0SP1-KB954960-x86.exe");
        assertThat(r.packageFor(Architecture.IA64)).isEmpty();
        assertThat(r.installerArguments()).isEqualTo("/quiet /norestart /log:C:\\Windows\\Temp\\kb.log");
        assertThat(r.installTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(r.workaroundRecipe()).isEqualTo(new RecipeRef(dir.resolve("recipes/rtm.yaml"), HASH_A));
        assertThat(r.upgradeSink()).isEqualTo("seda:upgrades");
        assertThat(r.lab()).isTrue();
    }

    @Test
    void oneArchitectureAloneIsFine() {
        RemediationSettings r = InventoryReader.read(inventory("""
                remediation:
                  packages:
                    x64: { source: 'http://files.example/WSUS3.0SP1-KB954960-x64.exe', sha256: %s }
                """.formatted(HASH_A))).remediation();
        assertThat(r.packages()).containsOnlyKeys(Architecture.X64);
    }

    @Test
    void unknownFieldsAreRejectedAtEveryLevelWithSuggestions() {
        List<Problem> problems = problems(inventory("""
                remediation:
                  instalTimeout: 5m
                  packages:
                    ia64: { source: '\\\\fs\\s\\a.exe', sha256: %s }
                    x64: { source: '\\\\fs\\s\\a.exe', sha256: %s, size: 3 }
                  workaroundRecipe: { fil: r.yaml, sha256: %s }
                """.formatted(HASH_A, HASH_A, HASH_A)));

        assertHasProblem(problems, 9, "remediation.instalTimeout", "unknown field 'instalTimeout'", "installTimeout");
        assertHasProblem(problems, 11, "remediation.packages.ia64", "unknown field 'ia64'", "x64, x86");
        assertHasProblem(problems, 12, "remediation.packages.x64.size", "unknown field 'size'");
        assertHasProblem(problems, 13, "remediation.workaroundRecipe.fil", "unknown field 'fil'");
        assertHasProblem(problems, 13, "remediation.workaroundRecipe.file", "is required");
        assertThat(problems).hasSize(5);
    }

    @Test
    void theSectionAndItsPartsHaveShapes() {
        List<Problem> problems = problems(inventory("""
                remediation:
                  packages: [x86]
                  workaroundRecipe: recipes/rtm.yaml
                  installTimeout:
                """));
        assertHasProblem(problems, 9, "remediation.packages", "must be a mapping");
        assertHasProblem(problems, 10, "remediation.workaroundRecipe", "must be a mapping");
        assertHasProblem(problems, 11, "remediation.installTimeout", "has no value");
        assertThat(problems).hasSize(3);

        assertProblem(onlyProblem(inventory("remediation: yes\n")), dir.resolve("inventory.yaml"), 8, "remediation",
                "must be a mapping");
    }

    @Test
    void aPackageNeedsSourceAndHash() {
        List<Problem> problems = problems(inventory("""
                remediation:
                  packages:
                    x86: { sha256: %s }
                    x64: { source: '\\\\fs\\share\\WSUS3.0SP1-KB954960-x64.exe' }
                """.formatted(HASH_A)));
        assertHasProblem(problems, 10, "remediation.packages.x86.source", "is required");
        assertHasProblem(problems, 11, "remediation.packages.x64.sha256", "is required");
        assertThat(problems).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x86.exe",
            "\\\\labfs\\wsus\\hotfixes\\2008\\kb954960_x86.EXE",
            "\\\\labfs\\wsus share\\WSUS3.0SP1-KB954960-x86.exe",
            "https://files.example/WSUS3.0SP1-KB954960-x86.exe",
            "http://files.example:8080/a/b/WSUS3.0SP1-KB954960-x86.exe",
            "HTTPS://files.example/WSUS3.0SP1-KB954960-x86.exe"})
    void validSources(String source) {
        Inventory inventory = InventoryReader.read(inventory(packageWithSource(source)));
        assertThat(inventory.remediation().packageFor(Architecture.X86).orElseThrow().source()).isEqualTo(source);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\\\\labfs\\WSUS3.0SP1-KB954960-x86.exe",         // no share
            "\\\\labfs\\wsus\\",                               // no file name
            "\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x86.msi",   // not an .exe
            "\\\\labfs\\wsus/WSUS3.0SP1-KB954960-x86.exe",    // forward slash in a UNC path
            "C:\\packages\\WSUS3.0SP1-KB954960-x86.exe",       // a local path: SYSTEM on the host reads its own C:
            "ftp://files.example/WSUS3.0SP1-KB954960-x86.exe",
            "https://files.example/",
            "https://files.example/download?id=954960",
            "https://files.example/WSUS3.0SP1-KB954960-x86.exe#x",
            "https:/WSUS3.0SP1-KB954960-x86.exe",
            "WSUS3.0SP1-KB954960-x86.exe",
            "\\\\labfs\\wsus\\KB 954960.exe",                  // the file name is staged: plain characters only
    })
    void invalidSources(String source) {
        Problem p = onlyProblem(inventory(packageWithSource(source)));
        assertProblem(p, dir.resolve("inventory.yaml"), 11, "remediation.packages.x86.source", "must");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "&", "|", "<", ">", "^", "%", "'", "\t"})
    void commandLineSpecialsAreRefusedInTheSource(String special) {
        String source = "\\\\labfs\\wsus" + special + "x\\WSUS3.0SP1-KB954960-x86.exe";
        Problem p = onlyProblem(inventory(packageWithSource(source)));
        assertThat(p.field()).isEqualTo("remediation.packages.x86.source");
        assertThat(p.message()).containsAnyOf("must not contain " + special, "control character");
    }

    @Test
    void aUrlWithCredentialsIsRefusedAndNotQuoted() {
        Problem p = onlyProblem(inventory(packageWithSource(
                "https://svc:Hunter2Secret@files.example/WSUS3.0SP1-KB954960-x86.exe")));
        assertThat(p.message()).contains("credentials never go in the inventory").doesNotContain("Hunter2Secret");
        assertThat(InventoryFiles.failure(inventory(packageWithSource(
                "https://svc:Hunter2Secret@files.example/x.msi"))).getMessage()).doesNotContain("Hunter2Secret");
    }

    /** The package source as a YAML double-quoted scalar (so a tab and quotes can be written), on line 11. */
    private static String packageWithSource(String source) {
        String quoted = source.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t");
        return """
                remediation:
                  packages:
                    x86:
                      source: "%s"
                      sha256: %s
                """.formatted(quoted, HASH_A);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "g" + "0000000000000000000000000000000000000000000000000000000000000000"})
    void aHashIsExactly64HexDigits(String hash) {
        Problem p = onlyProblem(inventory("""
                remediation:
                  packages:
                    x64: { source: '\\\\fs\\s\\WSUS3.0SP1-KB954960-x64.exe', sha256: %s }
                """.formatted(hash)));
        assertProblem(p, dir.resolve("inventory.yaml"), 10, "remediation.packages.x64.sha256", "64 hexadecimal digits",
                "was " + hash.length() + " characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "&", "|", "<", ">", "^", "%"})
    void commandLineSpecialsAreRefusedInTheArguments(String special) {
        String value = "/quiet /log:a" + special + "b";
        Problem p = onlyProblem(inventory("remediation:\n  installerArguments: '"
                + value.replace("'", "''") + "'\n"));
        assertProblem(p, dir.resolve("inventory.yaml"), 9, "remediation.installerArguments", "must not contain " + special);
    }

    @Test
    void controlCharactersAreRefusedInTheArgumentsAndEmptyArgumentsToo() {
        assertThat(onlyProblem(inventory("remediation:\n  installerArguments: \"/quiet\\u0007\"\n")).message())
                .contains("control character");
        assertThat(onlyProblem(inventory("remediation:\n  installerArguments: '  '\n")).message())
                .contains("must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "0s", "-5m", "soon"})
    void theInstallTimeoutIsAPositiveDurationWithAUnit(String value) {
        Problem p = onlyProblem(inventory("remediation:\n  installTimeout: " + value + "\n"));
        assertProblem(p, dir.resolve("inventory.yaml"), 9, "remediation.installTimeout", "(was '" + value + "')");
    }

    /** Issue 14: the restart's timeout and delay, with their defaults and bounds (a wait is always bounded). */
    @Test
    void theRestartTimeoutAndDelayHaveDefaultsAndBounds() {
        RemediationSettings defaults = InventoryReader.read(inventory("")).remediation();
        assertThat(defaults.restartTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.restartDelay()).isEqualTo(Duration.ofSeconds(10));
        RemediationSettings set = InventoryReader.read(inventory("remediation:\n  restartTimeout: 20m\n  restartDelay: 2s\n"))
                .remediation();
        assertThat(set.restartTimeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(set.restartDelay()).isEqualTo(Duration.ofSeconds(2));
        assertProblem(onlyProblem(inventory("remediation:\n  restartTimeout: 3h\n")), dir.resolve("inventory.yaml"), 9,
                "remediation.restartTimeout", "(was '3h')");
        assertProblem(onlyProblem(inventory("remediation:\n  restartTimeout: 0s\n")), dir.resolve("inventory.yaml"), 9,
                "remediation.restartTimeout", "(was '0s')");
        assertProblem(onlyProblem(inventory("remediation:\n  restartDelay: 11m\n")), dir.resolve("inventory.yaml"), 9,
                "remediation.restartDelay", "(was '11m')");
    }

    @Test
    void theInstallTimeoutTakesIsoDurations() {
        assertThat(InventoryReader.read(inventory("remediation:\n  installTimeout: PT1H30M\n")).remediation()
                .installTimeout()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void theRecipeFileMustExistRelativeToTheInventory() {
        Problem p = onlyProblem(inventory("""
                remediation:
                  workaroundRecipe: { file: recipes/missing.yaml, sha256: %s }
                """.formatted(HASH_A)));
        assertProblem(p, dir.resolve("inventory.yaml"), 9, "remediation.workaroundRecipe.file",
                "workaround recipe file not found", dir.resolve("recipes/missing.yaml").toString());

        files.write("recipes/dir/keep", "");
        assertThat(onlyProblem(inventory("""
                remediation:
                  workaroundRecipe: { file: recipes/dir, sha256: %s }
                """.formatted(HASH_A))).message()).contains("is a directory");
    }

    @Test
    void theRecipeNeedsItsHash() {
        files.write("r.yaml", "name: x\n");
        List<Problem> problems = problems(inventory("""
                remediation:
                  workaroundRecipe:
                    file: r.yaml
                    sha256: nothex
                """));
        assertHasProblem(problems, 11, "remediation.workaroundRecipe.sha256", "64 hexadecimal digits");
        assertThat(problems).hasSize(1);
        assertHasProblem(problems(inventory("remediation:\n  workaroundRecipe: { file: r.yaml }\n")), 9,
                "remediation.workaroundRecipe.sha256", "is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:reports/upgrades", "file:/var/lib/wsus/upgrades?fileName=x.json", "seda:upgrades",
            "smtp://mail.example?to=wsus@corp.example&password={{upgrade.password}}"})
    void upgradeSinksAreCamelEndpointUris(String uri) {
        assertThat(InventoryReader.read(inventory("remediation:\n  upgradeSink: \"" + uri + "\"\n")).remediation()
                .upgradeSink()).isEqualTo(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reports/upgrades", "file: reports", "1file:x", ":x"})
    void anUpgradeSinkThatIsNoUriIsRefused(String uri) {
        Problem p = onlyProblem(inventory("remediation:\n  upgradeSink: \"" + uri + "\"\n"));
        assertProblem(p, dir.resolve("inventory.yaml"), 9, "remediation.upgradeSink", "Camel endpoint URI");
    }

    @ParameterizedTest
    @ValueSource(strings = {"smtp://mail.example?to=a@b.example&password=Hunter2Secret",
            "ftp://user:Hunter2Secret@ftp.example/upgrades", "http://x.example/u?apiToken=Hunter2Secret"})
    void anUpgradeSinkWithAPasswordIsRefusedAndNotQuoted(String uri) {
        InvalidInventoryException e = InventoryFiles.failure(inventory("remediation:\n  upgradeSink: \"" + uri + "\"\n"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("remediation.upgradeSink");
            assertThat(p.message()).contains("passwords never go in the inventory");
        });
        assertThat(e.getMessage()).doesNotContain("Hunter2Secret");
    }

    @Test
    void labIsTrueOrFalse() {
        assertProblem(onlyProblem(inventory("remediation:\n  lab: yes\n")), dir.resolve("inventory.yaml"), 9,
                "remediation.lab", "must be true or false");
    }

    @Test
    void everyProblemOfTheSectionIsReportedAtOnceWithTheRestOfTheInventory() {
        List<Problem> problems = problems(files.write("inventory.yaml", HEAD + """
                hosts:
                  - { name: wsus01, address: wsus01.example, port: 0 }
                remediation:
                  installTimeout: 0s
                  lab: 1
                  upgradeSink: nope
                """));
        assertThat(problems).extracting(Problem::line).containsExactly(7, 9, 10, 11);
    }

    // --- allowReboot ------------------------------------------------------------------------------------

    @Test
    void allowRebootIsFalseByDefaultAndInheritedLikeOtherSettings() {
        files.write("rows.csv", """
                name,address,allowReboot
                csv-default,c1.example,
                csv-no,c2.example,false
                """);
        Inventory inventory = InventoryReader.read(files.write("inventory.yaml", HEAD + """
                groups:
                  rebootable:
                    allowReboot: true
                    hosts:
                      - { name: g-inherits, address: g1.example }
                      - { name: g-refuses, address: g2.example, allowReboot: false }
                    hostsCsv: rows.csv
                hosts:
                  - { name: plain, address: p.example }
                  - { name: own, address: o.example, allowReboot: true }
                """));

        assertThat(inventory.hosts()).extracting(HostEntry::name, HostEntry::allowReboot).containsExactly(
                org.assertj.core.groups.Tuple.tuple("g-inherits", true),
                org.assertj.core.groups.Tuple.tuple("g-refuses", false),
                org.assertj.core.groups.Tuple.tuple("csv-default", true),
                org.assertj.core.groups.Tuple.tuple("csv-no", false),
                org.assertj.core.groups.Tuple.tuple("plain", false),
                org.assertj.core.groups.Tuple.tuple("own", true));
    }

    @Test
    void allowRebootInDefaultsAppliesToEveryHost() {
        Inventory inventory = InventoryReader.read(files.write("inventory.yaml", HEAD.replace("defaults:\n",
                "defaults:\n  allowReboot: true\n") + "hosts:\n  - { name: a, address: a.example }\n"));
        assertThat(inventory.hosts().get(0).allowReboot()).isTrue();
    }

    @Test
    void allowRebootIsABooleanAndTyposAreCaught() {
        List<Problem> problems = problems(files.write("inventory.yaml", HEAD + """
                hosts:
                  - { name: a, address: a.example, allowReboot: on }
                  - { name: b, address: b.example, allowReboots: true }
                """));
        assertHasProblem(problems, 7, "hosts[0].allowReboot", "must be true or false (was 'on')");
        assertHasProblem(problems, 8, "hosts[1].allowReboots", "did you mean 'allowReboot'?");
    }

    @Test
    void hostEntriesBuiltWithoutAllowRebootDoNotAllowIt() {
        HostEntry h = new HostEntry("a", null, "a.example", 5985, Transport.HTTP, AuthScheme.NTLM, "c", false, true,
                new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), RtmPolicy.UPGRADE,
                "x.yaml", 1);
        assertThat(h.allowReboot()).isFalse();
        Inventory inventory = new Inventory(Path.of("x.yaml"), null, 1, List.of(h), java.util.Map.of());
        assertThat(inventory.remediation()).isEqualTo(RemediationSettings.defaults());
    }
}
