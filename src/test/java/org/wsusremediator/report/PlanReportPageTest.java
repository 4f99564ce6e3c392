package org.wsusremediator.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanReportPageTest {

    private static final String HOSTILE = "<script>alert(1)</script>\"'&\u202Egnp.exe";

    static Map<String, Object> report(boolean first) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("wsus_version", "3.1.6001.65");
        facts.put("dll_version", "3.1.6001.66");
        facts.put("os_caption", HOSTILE);
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("host", HOSTILE);
        host.put("action", "INSTALL_KB");
        host.put("reason", "SP1 without the fix " + HOSTILE);
        host.put("irreversible", true);
        host.put("approved", false);
        host.put("identity", Map.of("computer_name", "WSUS01", "machine_guid", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
        host.put("facts", facts);
        host.put("facts_match_fingerprint", false);
        host.put("change", "changed");
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("first_plan", first);
        changes.put("previous_plan", first ? null : Map.of("id", "plan-old", "created_at", "2026-12-01T10:00:00Z",
                "requester", "alice"));
        changes.put("counts", Map.of("added", 0, "removed", 1, "changed", 1, "unchanged", 0));
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("fact", "dll_version");
        fact.put("from", "3.1.6001.65");
        fact.put("to", HOSTILE);
        fact.put("deciding", true);
        Map<String, Object> changed = new HashMap<>();
        changed.put("host", HOSTILE);
        changed.put("change", "changed");
        changed.put("action", Map.of("from", "INSTALL_KB", "to", "COMPLIANT"));
        changed.put("identity_changed", true);
        changed.put("facts_compared", true);
        changed.put("facts", List.of(fact));
        changes.put("hosts", first ? List.of() : List.of(changed));
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("id", "plan-1");
        plan.put("status", "pending");
        plan.put("requester", HOSTILE);
        plan.put("inventory", "inventory.yaml");
        plan.put("consent", Map.of("verified", true));
        plan.put("hosts", List.of(host));
        plan.put("decisions", List.of(Map.of("admin", "bob", "decision", "REJECT", "hosts", List.of(HOSTILE),
                "reason", HOSTILE, "at", "2026-12-01T11:00:00Z")));
        plan.put("changes", changes);
        return Map.of("plan", plan, "runs", List.of(), "host_states", List.of(Map.of("host", HOSTILE, "state",
                "DRIFTED", "detail", HOSTILE, "recorded_at", "2026-12-01T12:00:00Z")));
    }

    @Test
    void everyValueIsEscapedAndNothingIsFetched() {
        String page = PlanReportPage.render(report(false));
        assertThat(page).doesNotContain("<script").doesNotContain("\u202E").doesNotContain("src=").doesNotContain("href=")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;")
                .contains("IRREVERSIBLE").contains("INSTALL_KB &rarr; COMPLIANT")
                .contains("<strong>dll_version</strong>: 3.1.6001.65 &rarr; &lt;script&gt;")
                .contains("Previous plan of this inventory: plan-old").contains("no: edited after the plan was made");
    }

    @Test
    void theFirstPlanOfAnInventorySaysThereIsNoPreviousPlan() {
        assertThat(PlanReportPage.render(report(true)))
                .contains("This is the first plan of inventory inventory.yaml: there is no previous plan");
    }

    @Test
    void theStyleSourceIsTheHashOfThePagesOneStyleElement() throws Exception {
        for (String page : List.of(PlanReportPage.render(report(false)), RunReportPage.render(RunReportPageTest.abortedRun()))) {
            assertThat(page.split("<style>", -1)).hasSize(2);
            String style = page.substring(page.indexOf("<style>") + "<style>".length(), page.indexOf("</style>"));
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(style.getBytes(StandardCharsets.UTF_8));
            assertThat(RunReportPage.styleSource()).isEqualTo("'sha256-" + Base64.getEncoder().encodeToString(hash) + "'");
        }
    }
}
