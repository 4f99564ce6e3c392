package org.wsusremediator.simulator;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetPackagesTest {

    static final String X86_SHA256 = "e5f5c264e6de7a550c2c8d0592d8e6f67c02fcdce927116ed6d3402634e4694f";
    static final String X64_SHA256 = "6f8c6f26379e01ca1962bc51d162fe375830d78a5f23d19177cea8803d8c7029";

    private static final String HEADER = """
            accounts:
              - { username: LAB\\wsus-admin, passwordEnv: WSUS_LAB_PASSWORD }
            hosts: []
            """;

    @Test
    void theLabFleetOffersBothPackagesWithTheDocumentedHashes() {
        FleetFile fleet = LabHosts.FLEET;
        assertThat(fleet.packages()).extracting(PackageSpec::source).containsExactly(
                "\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x86.exe",
                "\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x64.exe",
                "http://labfs.lab.example/wsus/WSUS3.0SP1-KB954960-x64.exe");
        assertThat(fleet.packageAt("\\\\LABFS\\wsus\\wsus3.0sp1-kb954960-x86.exe")).get()
                .extracting(PackageSpec::sha256).isEqualTo(X86_SHA256);
        assertThat(fleet.packages().get(1).sha256()).isEqualTo(X64_SHA256);
        assertThat(fleet.packages().get(2).sha256()).isEqualTo(X64_SHA256);
        assertThat(fleet.packages().get(2).isUrl()).isTrue();
        assertThat(fleet.packages().get(0).fileName()).isEqualTo("WSUS3.0SP1-KB954960-x86.exe");
    }

    @Test
    void sha256IsOfTheUtf8Bytes() {
        PackageSpec p = new PackageSpec("\\\\s\\share\\a.exe", "caf\u00e9");
        assertThat(p.bytes()).isEqualTo("caf\u00e9".getBytes(StandardCharsets.UTF_8));
        assertThat(p.sha256()).isEqualTo(PackageSpec.sha256Hex("caf\u00e9")).hasSize(64).matches("[0-9a-f]{64}");
        // SHA-256 of the empty input
        assertThat(PackageSpec.sha256Hex(new byte[0])).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(p.toString()).doesNotContain("caf");
    }

    @Test
    void badPackagesAreRejectedWithFileAndField() {
        assertThatThrownBy(() -> FleetFile.parse(HEADER + """
                packages:
                  - { source: 'C:\\pkg\\a.exe', content: x }
                """, "bad.yaml"))
                .isInstanceOf(FleetFileException.class)
                .hasMessageStartingWith("bad.yaml: packages[0].source: 'C:\\pkg\\a.exe' is neither a UNC path");
        assertThatThrownBy(() -> FleetFile.parse(HEADER + """
                packages:
                  - { source: '\\\\s\\share\\a.exe' }
                """, "bad.yaml"))
                .hasMessageStartingWith("bad.yaml: packages[0].content: required");
        assertThatThrownBy(() -> FleetFile.parse(HEADER + """
                packages:
                  - { source: '\\\\s\\share\\a.exe', content: x }
                  - { source: '\\\\S\\share\\A.exe', content: y }
                """, "bad.yaml"))
                .hasMessageContaining("packages[1].source: '\\\\S\\share\\A.exe' is already listed as packages[0]");
        assertThatThrownBy(() -> FleetFile.parse(HEADER + """
                packages:
                  - { source: 'http://x/a.exe', content: x, sha256: abc }
                """, "bad.yaml"))
                .hasMessageStartingWith("bad.yaml: packages[0].sha256: unknown field");
    }
}
