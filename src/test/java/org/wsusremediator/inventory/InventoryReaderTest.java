package org.wsusremediator.inventory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A valid inventory in the documented format reads into the model with inheritance applied. */
class InventoryReaderTest {

    @TempDir
    Path dir;
    InventoryFiles files;

    @BeforeEach
    void setUp() {
        files = new InventoryFiles(dir);
    }

    private static final String FULL = """
            simulator: fleet/lab-fleet.yaml
            scan:
              parallelism: 8
            credentials:
              lab-admin:
                username: LAB\\wsus-admin
                password: env:WSUS_LAB_PASSWORD
              branch:
                username: svc@corp.example
                password: file:secrets/branch.password
              prod:
                file: /etc/wsus-remediator/prod.credentials
            defaults:
              port: 5985
              transport: http
              auth: ntlm
              credential: prod
              allowUnencrypted: false
              timeouts: { connect: 5s, operation: 30s, receive: 60s }
              rtmPolicy: upgrade
            groups:
              lab:
                port: 55985
                auth: basic
                allowUnencrypted: true
                credential: lab-admin
                timeouts: { connect: 500ms, receive: PT3S }
                hosts:
                  - name: sp1-2008-x64
                    address: 127.54.0.11
                  - { name: rtm-2003-workaround, address: 127.54.0.14, rtmPolicy: workaround }
            hosts:
              - name: wsus01
                address: wsus01.corp.example
                transport: https
                port: 5986
                verifyTls: false
              - name: v6
                address: "[2001:db8::1]"
                auth: kerberos
                credential: branch
                allowUnencrypted: true
            """;

    @Test
    void readsTheDocumentedFormatWithInheritance() {
        files.write("fleet/lab-fleet.yaml", "hosts: []\n");
        Path file = files.write("lab.yaml", FULL);

        Inventory inventory = InventoryReader.read(file);

        assertThat(inventory.source()).isEqualTo(file);
        assertThat(inventory.simulatorFleet()).isEqualTo(dir.resolve("fleet/lab-fleet.yaml"));
        assertThat(inventory.parallelism()).isEqualTo(8);
        assertThat(inventory.hosts()).extracting(HostEntry::name)
                .containsExactly("sp1-2008-x64", "rtm-2003-workaround", "wsus01", "v6");

        HostEntry sp1 = inventory.hosts().get(0);
        assertThat(sp1).isEqualTo(new HostEntry("sp1-2008-x64", "lab", "127.54.0.11", 55985, Transport.HTTP,
                AuthScheme.BASIC, "lab-admin", true, true,
                // connect and receive from the group, operation from defaults: timeouts merge per field
                new Timeouts(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(3)),
                RtmPolicy.UPGRADE, file.toString(), 29));
        assertThat(sp1.endpoint()).isEqualTo("http://127.54.0.11:55985/wsman");
        assertThat(inventory.hosts().get(1).rtmPolicy()).isEqualTo(RtmPolicy.WORKAROUND);
        assertThat(inventory.hosts().get(1).line()).isEqualTo(31);

        HostEntry wsus01 = inventory.host("WSUS01").orElseThrow();
        assertThat(wsus01.group()).isNull();
        assertThat(wsus01.auth()).isEqualTo(AuthScheme.NTLM);
        assertThat(wsus01.credential()).isEqualTo("prod");
        assertThat(wsus01.verifyTls()).isFalse();
        assertThat(wsus01.allowUnencrypted()).isFalse();
        assertThat(wsus01.endpoint()).isEqualTo("https://wsus01.corp.example:5986/wsman");

        HostEntry v6 = inventory.host("v6").orElseThrow();
        assertThat(v6.address()).isEqualTo("2001:db8::1");
        assertThat(v6.endpoint()).isEqualTo("http://[2001:db8::1]:5985/wsman");
        assertThat(v6.auth()).isEqualTo(AuthScheme.KERBEROS);
    }

    @Test
    void credentialReferencesKeepUsernamesAsWrittenAndResolveRelativePathsAgainstTheInventory() {
        files.write("fleet/lab-fleet.yaml", "hosts: []\n");
        Inventory inventory = InventoryReader.read(files.write("conf/lab.yaml", FULL.replace("fleet/", "../fleet/")));

        assertThat(inventory.credentials()).containsOnlyKeys("lab-admin", "branch", "prod");
        assertThat(inventory.credentials().keySet()).containsExactly("lab-admin", "branch", "prod");
        assertThat(inventory.credentials().get("lab-admin"))
                .isEqualTo(new CredentialRef.EnvPassword("LAB\\wsus-admin", "WSUS_LAB_PASSWORD"));
        assertThat(inventory.credentials().get("branch"))
                .isEqualTo(new CredentialRef.PasswordFile("svc@corp.example", dir.resolve("conf/secrets/branch.password")));
        assertThat(inventory.credentials().get("prod"))
                .isEqualTo(new CredentialRef.PropertiesFile(Path.of("/etc/wsus-remediator/prod.credentials")));
        assertThat(inventory.simulatorFleet()).isEqualTo(dir.resolve("fleet/lab-fleet.yaml"));
    }

    @Test
    void builtInDefaultsApplyWhenNoLevelSetsAValue() {
        Inventory inventory = InventoryReader.read(files.write("min.yaml", """
                credentials:
                  prod: { username: svc, password: env:P }
                hosts:
                  - { name: plain, address: wsus.example, credential: prod }
                  - { name: secure, address: wsus2.example, credential: prod, transport: https }
                """));

        assertThat(inventory.simulatorFleet()).isNull();
        assertThat(inventory.parallelism()).isEqualTo(16);
        HostEntry plain = inventory.hosts().get(0);
        assertThat(plain.port()).isEqualTo(5985);
        assertThat(plain.transport()).isEqualTo(Transport.HTTP);
        assertThat(plain.auth()).isEqualTo(AuthScheme.NTLM);
        assertThat(plain.allowUnencrypted()).isFalse();
        assertThat(plain.verifyTls()).isTrue();
        assertThat(plain.timeouts()).isEqualTo(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60)));
        assertThat(plain.rtmPolicy()).isEqualTo(RtmPolicy.UPGRADE);
        // Without an explicit port anywhere, the port follows the transport.
        assertThat(inventory.hosts().get(1).port()).isEqualTo(5986);
    }

    @Test
    void hostLevelBeatsGroupBeatsDefaults() {
        Inventory inventory = InventoryReader.read(files.write("levels.yaml", InventoryFiles.HEAD + """
                  port: 1000
                  rtmPolicy: workaround
                groups:
                  g:
                    port: 2000
                    hosts:
                      - { name: inherits-group, address: a.example }
                      - { name: own-port, address: b.example, port: 3000, rtmPolicy: upgrade }
                hosts:
                  - { name: inherits-defaults, address: c.example }
                """));

        assertThat(inventory.hosts()).extracting(HostEntry::name, HostEntry::port, HostEntry::rtmPolicy).containsExactly(
                org.assertj.core.groups.Tuple.tuple("inherits-group", 2000, RtmPolicy.WORKAROUND),
                org.assertj.core.groups.Tuple.tuple("own-port", 3000, RtmPolicy.UPGRADE),
                org.assertj.core.groups.Tuple.tuple("inherits-defaults", 1000, RtmPolicy.WORKAROUND));
    }

    @Test
    void enumValuesAndDurationsAreReadCaseInsensitivelyAndInEveryDocumentedForm() {
        Inventory inventory = InventoryReader.read(files.write("forms.yaml", InventoryFiles.HEAD + """
                hosts:
                  - name: h
                    address: h.example
                    transport: HTTPS
                    auth: Kerberos
                    rtmPolicy: WorkAround
                    timeouts: { connect: 250ms, operation: 2m, receive: pt1m30s }
                """));

        HostEntry h = inventory.hosts().get(0);
        assertThat(h.transport()).isEqualTo(Transport.HTTPS);
        assertThat(h.auth()).isEqualTo(AuthScheme.KERBEROS);
        assertThat(h.rtmPolicy()).isEqualTo(RtmPolicy.WORKAROUND);
        assertThat(h.timeouts()).isEqualTo(new Timeouts(Duration.ofMillis(250), Duration.ofMinutes(2), Duration.ofSeconds(90)));
    }

    @Test
    void emptySectionsAreAllowed() {
        // e.g. every host of a group commented out for a while
        Inventory inventory = InventoryReader.read(files.write("empty-sections.yaml", InventoryFiles.HEAD + """
                groups:
                  parked:
                    hosts:
                hosts:
                  - { name: h, address: h.example }
                """));
        assertThat(inventory.hosts()).hasSize(1);
    }
}
