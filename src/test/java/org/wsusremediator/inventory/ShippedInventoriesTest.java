package org.wsusremediator.inventory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The inventories shipped in inventory/ stay valid and say what the docs say they say. */
class ShippedInventoriesTest {

    private static final Path INVENTORY_DIR = Path.of("inventory");

    @TempDir
    Path dir;

    private static final Map<String, String> LAB_HOSTS = new LinkedHashMap<>();

    static {
        String[] names = {"sp1-2008-x64", "sp1-2003-x86", "sp1-fixed-2008", "rtm-2003-workaround", "rtm-2008-upgrade",
                "sp2-2008r2", "wsus2-2003", "console-only-2008", "no-wsus-2008", "sp1-nops-2003", "sp1-dll-missing",
                "garbled-output", "probe-fails", "refused", "bad-credentials", "soap-fault", "malformed-xml", "stall",
                "drop", "sp1-ia64"};
        for (int i = 0; i < names.length; i++) {
            LAB_HOSTS.put(names[i], "127.54.0." + (11 + i));
        }
    }

    /** lab.yaml next to a stand-in fleet file: the real lab-fleet.yaml belongs to the simulator. */
    private Inventory readLab() throws Exception {
        Path lab = Files.copy(INVENTORY_DIR.resolve("lab.yaml"), dir.resolve("lab.yaml"));
        Files.copy(Path.of(getClass().getResource("/inventory/lab-fleet.yaml").toURI()), dir.resolve("lab-fleet.yaml"));
        return InventoryReader.read(lab);
    }

    @Test
    void labYamlHasTheTwentySimulatedHosts() throws Exception {
        Inventory lab = readLab();

        assertThat(lab.simulatorFleet()).isEqualTo(dir.resolve("lab-fleet.yaml"));
        assertThat(lab.parallelism()).isEqualTo(8);
        assertThat(lab.hosts()).hasSize(20);
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
        assertThat(lab.hosts()).allSatisfy(h -> {
            assertThat(h.group()).isEqualTo("lab");
            assertThat(h.port()).isEqualTo(55985);
            assertThat(h.transport()).isEqualTo(Transport.HTTP);
            assertThat(h.auth()).isEqualTo(AuthScheme.BASIC);
            assertThat(h.allowUnencrypted()).isTrue();
            assertThat(h.verifyTls()).isTrue();
            assertThat(h.credential()).isEqualTo("lab-admin");
            assertThat(h.timeouts()).isEqualTo(timeouts);
            assertThat(h.endpoint()).isEqualTo("http://" + LAB_HOSTS.get(h.name()) + ":55985/wsman");
        });
        assertThat(lab.hosts()).filteredOn(h -> h.rtmPolicy() == RtmPolicy.WORKAROUND)
                .extracting(HostEntry::name).containsExactly("rtm-2003-workaround");
    }

    @Test
    void labYamlNeedsItsSimulatorFleet() throws Exception {
        Path lab = Files.copy(INVENTORY_DIR.resolve("lab.yaml"), dir.resolve("lab.yaml"));
        InventoryProblem p = InventoryFiles.onlyProblem(lab);
        assertThat(p.field()).isEqualTo("simulator");
        assertThat(p.message()).contains("simulator fleet file not found");
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
