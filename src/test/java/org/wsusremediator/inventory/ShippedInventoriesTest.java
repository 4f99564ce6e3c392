package org.wsusremediator.inventory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.wsusremediator.input.Problem;
import org.wsusremediator.probe.Architecture;
import org.wsusremediator.recipe.Recipe;
import org.wsusremediator.recipe.RecipeReader;
import org.wsusremediator.recipe.RecipeStep;

import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The inventories shipped in inventory/ stay valid and say what the docs say they say. */
class ShippedInventoriesTest {

    private static final Path INVENTORY_DIR = Path.of("inventory");
    private static final String LAB_RECIPE = "recipes/lab-rtm-workaround.yaml";

    @TempDir
    Path dir;

    private static final Map<String, String> LAB_HOSTS = new LinkedHashMap<>();

    static {
        String[] names = {"sp1-2008-x64", "sp1-2003-x86", "sp1-fixed-2008", "rtm-2003-workaround", "rtm-2008-upgrade",
                "sp2-2008r2", "wsus2-2003", "console-only-2008", "no-wsus-2008", "sp1-nops-2003", "sp1-dll-missing",
                "garbled-output", "probe-fails", "refused", "bad-credentials", "soap-fault", "malformed-xml", "stall",
                "drop", "sp1-ia64", "sp1-2008-tampered", "sp1-2008-1603", "sp1-2008-3010", "sp1-2008-task-hangs",
                "sp1-2008-drop-install", "rtm-2008-recipe-fails"};
        for (int i = 0; i < names.length; i++) {
            LAB_HOSTS.put(names[i], "127.54.0." + (11 + i));
        }
        // the stock-Windows hosts, from 127.54.0.40
        String[] stock = {"sp1-2008-de", "sp1-2003-es", "sp1-2008-ja", "sp1-2003r2-winrm11", "sp1-2008-denied",
                "sp1-2008-wrongname", "sp1-2008-nossl-plain"};
        for (int i = 0; i < stock.length; i++) {
            LAB_HOSTS.put(stock[i], "127.54.0." + (40 + i));
        }
    }

    /** lab.yaml next to a stand-in fleet file (the real lab-fleet.yaml belongs to the simulator) and its recipe. */
    private Inventory readLab() throws Exception {
        Path lab = Files.copy(INVENTORY_DIR.resolve("lab.yaml"), dir.resolve("lab.yaml"));
        Files.createDirectories(dir.resolve("recipes"));
        Files.copy(INVENTORY_DIR.resolve(LAB_RECIPE), dir.resolve(LAB_RECIPE));
        Files.copy(Path.of(getClass().getResource("/inventory/lab-fleet.yaml").toURI()), dir.resolve("lab-fleet.yaml"));
        // What the simulator writes at start (LabCaFileForTests made sure there is one in inventory/).
        Files.copy(INVENTORY_DIR.resolve("lab-ca.pem"), dir.resolve("lab-ca.pem"));
        return InventoryReader.read(lab);
    }

    @Test
    void labYamlHasTheThirtyThreeSimulatedHosts() throws Exception {
        Inventory lab = readLab();

        assertThat(lab.simulatorFleet()).isEqualTo(dir.resolve("lab-fleet.yaml"));
        assertThat(lab.parallelism()).isEqualTo(8);
        assertThat(lab.hosts()).hasSize(33);
        Map<String, String> addresses = new LinkedHashMap<>();
        lab.hosts().forEach(h -> addresses.put(h.name(), h.address()));
        assertThat(addresses).containsExactlyEntriesOf(LAB_HOSTS);
        assertThat(lab.credentials()).containsExactly(
                Map.entry("lab-admin", new CredentialRef.EnvPassword("LAB\\wsus-admin", "WSUS_LAB_PASSWORD")));
    }

    @Test
    void labHostsShareTheGroupSettings() throws Exception {
        Inventory lab = readLab();

        Timeouts timeouts = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(3));
        List<String> https = List.of("sp1-fixed-2008", "sp2-2008r2", "sp1-2008-wrongname");
        assertThat(lab.hosts()).filteredOn(h -> https.contains(h.name())).allSatisfy(h -> {
            assertThat(h.endpoint()).isEqualTo("https://" + LAB_HOSTS.get(h.name()) + ":5986/wsman");
            assertThat(h.caFile().file()).isEqualTo(dir.resolve("lab-ca.pem"));
            assertThat(h.verifyTls()).isTrue();
        });
        assertThat(lab.hosts()).filteredOn(h -> !https.contains(h.name())).allSatisfy(h -> {
            // WinRM 1.1 listens on HTTP's own port 80
            int port = h.name().equals("sp1-2003r2-winrm11") ? 80 : 55985;
            assertThat(h.port()).isEqualTo(port);
            assertThat(h.transport()).isEqualTo(Transport.HTTP);
            assertThat(h.caFile()).isNull();
            assertThat(h.endpoint()).isEqualTo("http://" + LAB_HOSTS.get(h.name()) + ":" + port + "/wsman");
        });
        assertThat(lab.hosts()).allSatisfy(h -> {
            assertThat(h.group()).isEqualTo("lab");
            // stock Windows: NTLM (sealed over http); the one legacy host keeps Basic over http, allowed on it alone;
            // sp1-2008-nossl-plain is a careless admin's Basic over http to a stock host (refused: UNREACHABLE)
            boolean legacy = h.name().equals("sp1-nops-2003") || h.name().equals("sp1-2008-nossl-plain");
            assertThat(h.auth()).isEqualTo(legacy ? AuthScheme.BASIC : AuthScheme.NTLM);
            assertThat(h.allowUnencrypted()).isEqualTo(legacy);
            assertThat(h.verifyTls()).isTrue();
            assertThat(h.credential()).isEqualTo("lab-admin");
            assertThat(h.timeouts()).isEqualTo(timeouts);
        });
        assertThat(lab.hosts()).filteredOn(h -> h.rtmPolicy() == RtmPolicy.WORKAROUND)
                .extracting(HostEntry::name).containsExactly("rtm-2003-workaround", "rtm-2008-recipe-fails");
        assertThat(lab.hosts()).noneMatch(HostEntry::allowReboot);
    }

    @Test
    void eachLabHostIsReachedWithASchemeItsSimulatedWinRmServiceAccepts() throws Exception {
        var fleet = org.wsusremediator.simulator.FleetFile.load(java.nio.file.Path.of("inventory/lab-fleet.yaml"));
        for (HostEntry h : readLab().hosts()) {
            var winrm = fleet.hosts().stream().filter(f -> f.name().equals(h.name())).findFirst().orElseThrow()
                    .effectiveWinRm(fleet.defaults());
            if (h.name().equals("sp1-2008-nossl-plain")) {
                // on purpose the one mismatch: Basic over http to a stock host, which refuses it
                assertThat(h.auth()).isEqualTo(AuthScheme.BASIC);
                assertThat(winrm.basic()).as(h.name() + ": stock, Basic off").isFalse();
                assertThat(winrm.allowUnencrypted()).as(h.name() + ": stock, unencrypted refused").isFalse();
            } else if (h.auth() == AuthScheme.BASIC) {
                assertThat(winrm.basic()).as(h.name() + ": Basic on").isTrue();
                assertThat(winrm.allowUnencrypted()).as(h.name() + ": unencrypted allowed").isTrue();
            } else {
                assertThat(winrm.negotiate()).as(h.name() + ": Negotiate on").isTrue();
                assertThat(winrm.allowUnencrypted()).as(h.name() + ": stock, unencrypted refused").isFalse();
            }
        }
    }

    @Test
    void labYamlRemediatesWithTheLabPackagesAndRecipe() throws Exception {
        Inventory inventory = readLab();
        RemediationSettings r = inventory.remediation();

        // remediation.lab is deprecated and ignored (README, Remediate): the shipped lab no longer sets it.
        assertThat(r.lab()).isFalse();
        assertThat(r.installTimeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(r.installerArguments()).isEqualTo("/quiet /norestart");
        assertThat(r.upgradeSink()).isEqualTo("file:reports/upgrades");
        for (Architecture arch : List.of(Architecture.X86, Architecture.X64)) {
            String fileName = "WSUS3.0SP1-KB954960-" + arch.label() + ".exe";
            PackageSource p = r.packageFor(arch).orElseThrow();
            assertThat(p.source()).isEqualTo("\\\\labfs\\wsus\\" + fileName);
            assertThat(p.sha256()).as("the SHA-256 of the package the lab fleet serves")
                    .isEqualTo(org.wsusremediator.simulator.FleetFile.load(java.nio.file.Path.of("inventory/lab-fleet.yaml"))
                            .packageAt(p.source()).orElseThrow().sha256());
        }
        assertThat(r.workaroundRecipe().file()).isEqualTo(dir.resolve(LAB_RECIPE));
    }

    @Test
    void theLabRecipeHasThePinnedHashAndUsesOnlyTheSimulatorsPowerShell() throws Exception {
        Inventory inventory = readLab();
        RemediationSettings r = inventory.remediation();
        Recipe recipe = RecipeReader.read(INVENTORY_DIR.resolve(LAB_RECIPE), r.workaroundRecipe().sha256());

        assertThat(recipe.name()).isEqualTo("kb954960-rtm-workaround-lab");
        assertThat(recipe.description()).contains("not found in any stored copy of the KB");
        assertThat(Files.readString(INVENTORY_DIR.resolve(LAB_RECIPE))).contains("NOT the KB954960 workaround", "DOMAIN.md");
        // docs/remediation-protocol.md section 4: the only PowerShell the simulator understands
        Pattern subset = Pattern.compile(String.join("|",
                "Set-ItemProperty -Path 'HKLM:\\\\[^']+' -Name (\\w+) -Value '[^']*'",
                "New-Item -Path 'HKLM:\\\\[^']+' -Force",
                "if \\(\\(Get-ItemProperty -Path 'HKLM:\\\\[^']+' -Name (\\w+)\\)\\.\\2 -eq '[^']*'\\) \\{ exit 0 \\} else \\{ exit 1 \\}",
                "exit \\d+"));
        List<RecipeStep> all = new java.util.ArrayList<>(recipe.steps());
        all.add(recipe.verify());
        assertThat(all).flatMap(step -> step.powershell().lines().toList())
                .allSatisfy(line -> assertThat(line).matches(subset));
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void labYamlNeedsItsSimulatorFleet() throws Exception {
        Path lab = Files.copy(INVENTORY_DIR.resolve("lab.yaml"), dir.resolve("lab.yaml"));
        Files.createDirectories(dir.resolve("recipes"));
        Files.copy(INVENTORY_DIR.resolve(LAB_RECIPE), dir.resolve(LAB_RECIPE));
        Files.copy(INVENTORY_DIR.resolve("lab-ca.pem"), dir.resolve("lab-ca.pem"));
        Problem p = InventoryFiles.onlyProblem(lab);
        assertThat(p.field()).isEqualTo("simulator");
        assertThat(p.message()).contains("simulator fleet file not found");
    }

    @Test
    void labYamlWithoutTheLabCasCertificateNamesTheMissingFileAtEachHttpsHost() throws Exception {
        Path lab = Files.copy(INVENTORY_DIR.resolve("lab.yaml"), dir.resolve("lab.yaml"));
        Files.createDirectories(dir.resolve("recipes"));
        Files.copy(INVENTORY_DIR.resolve(LAB_RECIPE), dir.resolve(LAB_RECIPE));
        Files.copy(Path.of(getClass().getResource("/inventory/lab-fleet.yaml").toURI()), dir.resolve("lab-fleet.yaml"));

        List<Problem> problems = InventoryFiles.problems(lab);

        assertThat(problems).hasSize(3).allSatisfy(p -> {
            assertThat(p.field()).endsWith(".caFile");
            assertThat(p.message()).contains("CA file not found: " + dir.resolve("lab-ca.pem"));
        });
    }

    @Test
    void theProductionExampleAndItsCsvAreValid() {
        Inventory prod = InventoryReader.read(INVENTORY_DIR.resolve("example-production.yaml"));

        assertThat(prod.simulatorFleet()).isNull();
        assertThat(prod.hosts()).extracting(HostEntry::name).containsExactly("wsus-hq01", "wsus-hq02",
                "wsus-br-madrid", "wsus-br-lisbon", "wsus-br-porto", "wsus-dmz", "wsus-legacy");
        assertThat(prod.host("wsus-hq01").orElseThrow().endpoint()).isEqualTo("https://wsus-hq01.corp.example:5986/wsman");
        assertThat(prod.host("wsus-hq01").orElseThrow().auth()).isEqualTo(AuthScheme.NTLM);
        HostEntry madrid = prod.host("wsus-br-madrid").orElseThrow();
        assertThat(madrid.auth()).isEqualTo(AuthScheme.KERBEROS);
        assertThat(madrid.group()).isEqualTo("branches");
        assertThat(madrid.sourceFile()).endsWith("example-hosts.csv");
        assertThat(prod.host("wsus-dmz").orElseThrow().verifyTls()).isFalse();
        assertThat(prod.host("wsus-legacy").orElseThrow().endpoint()).isEqualTo("https://[2001:db8::40]:443/wsman");
        assertThat(prod.credentials().get("prod")).isInstanceOf(CredentialRef.PropertiesFile.class);
        assertThat(prod.credentials().get("branch")).isInstanceOf(CredentialRef.PasswordFile.class);
        assertThat(prod.hosts()).allMatch(h -> h.transport() == Transport.HTTPS);
    }
}
