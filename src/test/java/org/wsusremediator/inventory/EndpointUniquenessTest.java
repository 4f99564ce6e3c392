package org.wsusremediator.inventory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.input.Problem;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wsusremediator.inventory.InventoryFiles.HEAD;
import static org.wsusremediator.inventory.InventoryFiles.onlyProblem;
import static org.wsusremediator.inventory.ProblemAssert.assertProblem;

/**
 * Two entries for one endpoint would act on one machine twice, at once (issue 8, item 1): the inventory refuses
 * them, naming both places. The port compared is the effective one, after defaults, groups and the transport's
 * default port.
 */
class EndpointUniquenessTest {

    @TempDir
    Path dir;
    InventoryFiles files;

    @BeforeEach
    void setUp() {
        files = new InventoryFiles(dir);
    }

    @Test
    void twoNamesForOneAddressAndPortAreRefusedNamingBothLines() {
        // HEAD's defaults say transport: http, so the first host's port is 5985 without writing it.
        Path inventory = files.write("inventory.yaml", HEAD + """
                hosts:
                  - { name: wsus01, address: wsus01.corp.example }
                  - { name: wsus01-alias, address: WSUS01.Corp.Example, port: 5985 }
                """);
        Problem p = onlyProblem(inventory);
        assertProblem(p, inventory, 8, "hosts[1]", "same endpoint", "wsus01.corp.example:5985",
                "'wsus01'", inventory + ":7", "'wsus01-alias'");
    }

    @Test
    void aCsvRowAndAYamlHostForOneEndpointAreRefusedWithBothFiles() {
        Path csv = files.write("more.csv", """
                name,address,port
                branch-7,10.0.0.7,5986
                """);
        Path inventory = files.write("inventory.yaml", HEAD + """
                groups:
                  branch:
                    transport: https
                    hosts:
                      - { name: branch-seven, address: 10.0.0.7 }
                hostsCsv: more.csv
                """);
        Problem p = onlyProblem(inventory);
        assertProblem(p, csv, 2, "", "same endpoint", "10.0.0.7:5986", "'branch-seven'", inventory + ":10");
    }

    @Test
    void oneIpv6AddressWrittenTwoWaysIsOneEndpoint() {
        Path inventory = files.write("inventory.yaml", HEAD + """
                hosts:
                  - { name: six-a, address: "fd00::1" }
                  - { name: six-b, address: "[FD00:0:0:0:0:0:0:1]" }
                """);
        assertProblem(onlyProblem(inventory), inventory, 8, "hosts[1]", "same endpoint", "'six-a'");
    }

    @Test
    void oneAddressOnTwoPortsIsTwoEndpoints() {
        Path inventory = files.write("inventory.yaml", HEAD + """
                hosts:
                  - { name: one, address: 127.0.0.1 }
                  - { name: two, address: 127.0.0.1, port: 55985 }
                  - { name: three, address: 127.0.0.1, transport: https }
                """);
        assertThat(InventoryReader.read(inventory).hosts()).extracting(HostEntry::port).containsExactly(5985, 55985, 5986);
    }
}
