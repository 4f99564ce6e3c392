package org.wsusremediator.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.plan.AdminDirectory;

/** The endpoint list, and that no word about an endpoint ever carries its URI. */
class NotifySettingsTest {

    static final String HOOK = "https://hooks.example:8443/services/T0/B0/s3cret?token=s3cret2";

    @TempDir
    Path dir;

    @Test
    void theAdminFilesListIsReadAndTheRestOfTheFileStillIs() throws IOException {
        Path admins = dir.resolve("admins.yaml");
        Files.writeString(admins, """
                approvals:
                  planValidityHours: 24
                  notify:
                    - file:notifications
                    - %s
                admins:
                  - name: alice
                    roles: [requester]
                    osUsers: [alice]
                """.formatted(HOOK));
        NotifySettings settings = NotifySettings.fromAdminFile(admins);
        assertThat(settings.endpoints()).extracting(NotifyEndpoint::uri).containsExactly("file:notifications", HOOK);
        assertThat(AdminDirectory.read(admins).policy().planValidity()).hasHours(24);

        Files.writeString(admins, "admins:\n  - name: alice\n    roles: [requester]\n");
        assertThat(NotifySettings.fromAdminFile(admins).any()).isFalse();
    }

    @Test
    void onlyFileHttpAndMailEndpointsAreAccepted() {
        assertThatThrownBy(() -> NotifySettings.of(List.of("exec:/bin/sh?args=s3cret", "bean:store?method=close",
                " ", "smtp://mail.example?password=s3cret", "file:x", "file:x")))
                .hasMessageContaining("approvals.notify[0]: scheme 'exec'")
                .hasMessageContaining("approvals.notify[1]: scheme 'bean'")
                .hasMessageContaining("approvals.notify[2]: an endpoint URI is required")
                .satisfies(refused -> assertThat(refused.getMessage()).doesNotContain("approvals.notify[3]")) // mail
                .hasMessageContaining("approvals.notify[5]: the same endpoint is listed twice")
                .message().doesNotContain("s3cret");
    }

    @Test
    void anEndpointIsDescribedAndKeyedWithoutItsSecret() {
        NotifyEndpoint hook = NotifySettings.of(List.of("file:n", HOOK)).endpoints().get(1);
        assertThat(hook.describe()).isEqualTo("approvals.notify[1] (https://hooks.example:8443/…)");
        assertThat(hook.toString()).doesNotContain("s3cret");
        assertThat(hook.key()).hasSize(64).doesNotContain("s3cret");
        assertThat(hook.deliveryUri()).isEqualTo(HOOK + "&httpClientConfigurer=#planEventsHttp");
        assertThat(new NotifyEndpoint(0, "file:n").deliveryUri()).isEqualTo("file:n?chmod=600&chmodDirectory=700");

        Delivery d = new Delivery(1, 1, hook, "PLAN_APPROVED", "../../etc/cron.d/x", 7, "{}");
        assertThat(d.fileName()).isEqualTo("plan-event-000000000007-PLAN_APPROVED-__.._etc_cron.d_x.json");
        assertThat(d.toString()).doesNotContain("s3cret");
    }

    @Test
    void whyAnAttemptFailedNeverHoldsTheUrl() {
        assertThat(PlanEvents.why(new HttpOperationFailedException(HOOK, 500, "Server Error", null, null, "oops")))
                .isEqualTo("HTTP 500");
        assertThat(PlanEvents.why(new RuntimeException(new ConnectException("Connect to " + HOOK + " failed: refused"))))
                .isEqualTo("ConnectException: Connect to <endpoint> failed: refused");
    }

    @Test
    void retriesAreBoundedInNumberAndWait() {
        PlanEvents.Tuning t = PlanEvents.Tuning.DEFAULT;
        assertThat(t.retryWait(1)).hasSeconds(10);
        assertThat(t.retryWait(2)).hasSeconds(20);
        assertThat(t.retryWait(9)).hasMinutes(30);
        assertThat(t.retryWait(1000)).hasMinutes(30);
        long total = java.util.stream.IntStream.range(1, t.attempts()).mapToLong(a -> t.retryWait(a).toSeconds()).sum();
        assertThat(total).as("the docs say about 1 1/4 hours").isEqualTo(4350);
    }
}
