package org.wsusremediator.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An independent client, Debian's pywinrm, against non-English and WinRM 1.1 hosts (docs/simulator-localized-hosts.md):
 * code pages asked with WINRS_CODEPAGE, translated words, and WinRM 1.1's shell and envelope quotas. CI installs
 * python3-winrm and sets CI, so there a missing pywinrm fails the test; elsewhere it is skipped.
 */
class LocalizedHostsPywinrmIT {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String PASSWORD = "localized-pywinrm-5";
    private static FleetSimulator simulator;

    @BeforeAll
    static void start() {
        FleetFile fleet = FleetFile.builder()
                .port(LabHosts.fleetOnFreePort().defaults().port())
                .account(LabHosts.USER, "WSUS_LAB_PASSWORD")
                // legacy setting: the script speaks Basic (transport plaintext) over plain HTTP
                .winrm(WinRmServiceSpec.legacyBasicOverHttp())
                .host(SimulatedHostSpec.typicalSp1Server2008("ja", "127.65.9.1").locale(HostLocale.JA_JP).build())
                .host(SimulatedHostSpec.typicalSp1Server2008("de", "127.65.9.2").locale(HostLocale.DE_DE).build())
                .host(SimulatedHostSpec.typicalSp1Server2008("stack11", "127.65.9.3").wsmanStack(WsmanStack.V1_1).build())
                .build();
        simulator = FleetSimulator.start(fleet, Map.of("WSUS_LAB_PASSWORD", PASSWORD));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void pywinrmSeesTheCodePagesWordsAndQuotas() throws Exception {
        Path log = Files.createTempFile("pywinrm-locale", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of(PYTHON, "-c", "import winrm"));
            if (pb.start().waitFor() != 0) {
                if (System.getenv("CI") != null) {
                    fail("pywinrm is not installed, but CI must provide it: apt-get install -y python3-winrm");
                }
                Assumptions.abort("pywinrm is not installed (apt-get install -y python3-winrm); skipped outside CI");
            }
            ProcessBuilder check = new ProcessBuilder(List.of(PYTHON, "src/test/interop/pywinrm_locale_check.py",
                    simulator.endpoint("ja"), simulator.endpoint("de"), simulator.endpoint("stack11"), LabHosts.USER))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            check.environment().put("WSUS_LAB_PASSWORD", PASSWORD);
            Process p = check.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("pywinrm_locale_check.py timed out: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).contains("ja-JP code page 932", "WinRM 1.1 envelope over 150 KB refused").doesNotContain("FAILED");
            assertThat(simulator.host("stack11").openShellCount()).isZero();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
