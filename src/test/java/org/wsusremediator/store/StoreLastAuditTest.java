package org.wsusremediator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Store#lastAudit}: the latest record of a subject among some actions (a window's pause), on H2 and PostgreSQL. */
class StoreLastAuditTest {

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    void theLatestRecordOfTheSubjectAmongTheActionsWins(TestDatabases.Target target) throws Exception {
        try (Store store = target.create(dir, cleanups).open()) {
            List<String> actions = List.of("WINDOW_PAUSED", "WINDOW_RESUMED");
            assertThat(store.lastAudit("window w", actions)).isEmpty();
            store.audit("carol", "WINDOW_PAUSED", "window w", Store.jsonObject(java.util.Map.of("reason", "one")));
            store.audit("carol", "WINDOW_PAUSED", "window other", "{}");
            store.audit(Store.SYSTEM_ACTOR, "WINDOW_OPENED", "window w", "{}");
            assertThat(store.lastAudit("window w", actions)).get().extracting(AuditRecord::action, AuditRecord::actor)
                    .containsExactly("WINDOW_PAUSED", "carol");
            AuditRecord resumed = store.audit("erin", "WINDOW_RESUMED", "window w", "{}");
            assertThat(store.lastAudit("window w", actions)).get().extracting(AuditRecord::seq).isEqualTo(resumed.seq());
            assertThat(store.lastAudit("window other", actions)).get().extracting(AuditRecord::action)
                    .isEqualTo("WINDOW_PAUSED");
            assertThat(store.lastAudit("window w", List.of())).isEmpty();
        }
    }
}
