package org.wsusremediator.inventory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wsusremediator.input.Problem;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wsusremediator.inventory.InventoryFiles.HEAD;
import static org.wsusremediator.inventory.InventoryFiles.onlyProblem;
import static org.wsusremediator.inventory.ProblemAssert.assertProblem;

/**
 * Values that Java's lenient parsers accepted although no admin means them (issue 8, item 10): a signed or
 * full-width port, a transport with a NUL, an address with an empty label, and durations so long that the
 * first host visit overflowed.
 */
class StrictValuesTest {

    @TempDir
    Path dir;
    InventoryFiles files;

    @BeforeEach
    void setUp() {
        files = new InventoryFiles(dir);
    }

    private Path host(String settings) {
        return files.write("inventory.yaml", HEAD + "hosts:\n  - { name: h1, address: 127.0.0.1, " + settings + " }\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"+80\"", "\"８０\"", "\"٨٠\"", "\"0x50\""})
    void aPortIsPlainAsciiDigits(String port) {
        Path inventory = host("port: " + port);
        assertProblem(onlyProblem(inventory), inventory, 7, "hosts[0].port", "must be a whole number");
    }

    @Test
    void aTransportWithANulIsRefusedAndTheNulIsNotPrinted() {
        Path inventory = host("transport: \"https\\0\"");
        Problem p = onlyProblem(inventory);
        assertProblem(p, inventory, 7, "hosts[0].transport", "must be one of http, https");
        assertThat(p.message()).doesNotContain("\0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", ".corp", "corp.", "-wsus.corp", "wsus-.corp", "wsus_01.corp", "999.0.0.1", "1.2.3",
            "fd00:::1", "fd00::g", "\"wsus\\u00A0corp\"", "\"wsus\\u0000\""})
    void anAddressIsAnRfc1123NameOrAnIpLiteral(String address) {
        Path inventory = files.write("inventory.yaml", HEAD + "hosts:\n  - { name: h1, address: " + address + " }\n");
        assertProblem(onlyProblem(inventory), inventory, 7, "hosts[0].address", "must be a host name");
    }

    @Test
    void aLabelLongerThan63CharactersIsRefused() {
        Path inventory = files.write("inventory.yaml", HEAD + "hosts:\n  - { name: h1, address: " + "a".repeat(64) + ".corp }\n");
        assertProblem(onlyProblem(inventory), inventory, 7, "hosts[0].address", "63");
    }

    @Test
    void namesAndLiteralsThatAreRightStillRead() {
        Path inventory = files.write("inventory.yaml", HEAD + """
                hosts:
                  - { name: h1, address: wsus01.corp.example }
                  - { name: h2, address: 10.0.0.255 }
                  - { name: h3, address: "[fe80::1%eth0]" }
                  - { name: h4, address: "::ffff:10.0.0.9" }
                  - { name: h5, address: 3com-wsus }
                """);
        assertThat(InventoryReader.read(inventory).hosts()).hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT99999999999999999S", "P3650D", "999999999h", "2h"})
    void aTimeoutHasAnUpperBound(String receive) {
        Path inventory = host("timeouts: { receive: " + receive + " }");
        assertProblem(onlyProblem(inventory), inventory, 7, "hosts[0].timeouts.receive", "at most");
    }

    @Test
    void anInstallTimeoutHasAnUpperBound() {
        Path inventory = files.write("inventory.yaml", HEAD + """
                hosts:
                  - { name: h1, address: 127.0.0.1 }
                remediation:
                  installTimeout: PT99999999999999999S
                """);
        assertProblem(onlyProblem(inventory), inventory, 9, "remediation.installTimeout", "at most");
    }

    @Test
    void timeoutsWithinTheirBoundsRead() {
        Path inventory = host("timeouts: { connect: 5m, operation: 1h, receive: PT1H }");
        Timeouts t = InventoryReader.read(inventory).hosts().get(0).timeouts();
        assertThat(t.receive()).isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:pass\\0word", "file:password\\0", "env:PROD_PASSWORD\\0"})
    void aCredentialReferenceWithANulIsAProblemNotACrash(String reference) {
        Path inventory = files.write("inventory.yaml", """
                credentials:
                  prod: { username: svc, password: "%s" }
                defaults: { credential: prod }
                hosts:
                  - { name: h1, address: 127.0.0.1 }
                """.formatted(reference));
        assertProblem(onlyProblem(inventory), inventory, 2, "credentials.prod.password", "");
    }
}
