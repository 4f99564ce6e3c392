package org.wsusremediator.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.classify.Action;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.winrm.ErrorCategory;

/**
 * A scan writes its report whatever fails: the aggregation of the split must not adopt the exchange of a host
 * that went through the error handler (issue 8 item 5). Real routes, real WinRM4J, real HTTP to the simulator.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScanReportAlwaysWrittenTest {

    static ScanLab lab;

    @TempDir
    Path dir;

    @BeforeAll
    static void startFleet() throws Exception {
        lab = ScanLab.start("127.71.0", 3);
    }

    @AfterAll
    static void stopFleet() {
        lab.close();
    }

    @Test
    void aWrongFleetPasswordStillGivesAReportListingEveryHost() throws Exception {
        Inventory inventory = lab.inventory(dir, "{ connect: 2s, operation: 5s, receive: 3s }", List.of());
        Remediator.ScanResult result = scan(inventory, 4, Map.of("WSUS_LAB_PASSWORD", "not-the-password"));

        assertThat(result.report()).isNotNull();
        assertThat(result.report().hosts()).extracting(h -> h.getName()).containsExactly("good0", "good1", "good2");
        assertThat(result.report().hosts()).allSatisfy(h -> {
            assertThat(h.action()).isEqualTo(Action.UNREACHABLE);
            assertThat(h.errorCategory()).isEqualTo(ErrorCategory.AUTH_REFUSED);
        });
        JsonNode json = writtenReport(result);
        assertThat(json.get("hosts")).hasSize(3);
        assertThat(json.get("errors").get("AUTH_REFUSED").asInt()).isEqualTo(3);
    }

    @Test
    void theFirstHostToFinishFailingStillGivesAReport() throws Exception {
        // One host at a time, the refused one first: it is the first to finish, through the error handler.
        int closedPort = ScanLab.freePort("127.71.0.99");
        Inventory inventory = lab.inventory(dir, "{ connect: 2s, operation: 5s, receive: 3s }",
                List.of("{ name: refused, address: 127.71.0.99, port: " + closedPort + " }"));
        Remediator.ScanResult result = scan(inventory, 1, ScanLab.ENVIRONMENT);

        assertThat(result.report()).isNotNull();
        assertThat(result.report().hosts()).extracting(h -> h.getName()).containsExactly("refused", "good0", "good1", "good2");
        assertThat(result.report().hosts().get(0).errorCategory()).isEqualTo(ErrorCategory.UNREACHABLE);
        assertThat(result.report().hosts().subList(1, 4)).allSatisfy(h -> assertThat(h.action()).isEqualTo(Action.INSTALL_KB));
        assertThat(writtenReport(result).get("hosts")).hasSize(4);
    }

    private Remediator.ScanResult scan(Inventory inventory, int parallelism, Map<String, String> env) throws Exception {
        try (Remediator remediator = Remediator.start(new RunSettings(dir.resolve("reports"), parallelism, env))) {
            return remediator.scan(inventory, ScanProgress.silent(inventory.hosts().size()));
        }
    }

    private static JsonNode writtenReport(Remediator.ScanResult result) throws Exception {
        assertThat(result.reportFile()).as("the report file").isNotNull().isRegularFile();
        return new ObjectMapper().readTree(Files.readString(result.reportFile()));
    }
}
