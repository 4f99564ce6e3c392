package org.wsusremediator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsusremediator.classify.Action;

/** The one "may this plan run" rule, with the words apply --now refuses in. */
class RunPermissionTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    final Plan plan = new Plan("plan-1", "alice", NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)), "lab.yaml", List.of(
            new PlannedHost("wsus1", Action.INSTALL_KB, "below .66", "f1", true),
            new PlannedHost("wsus2", Action.COMPLIANT, "fixed", "f2", false)));
    final Approval byBob = new Approval("plan-1", "bob", Decision.APPROVE, List.of(), "ok", NOW);

    @Test
    void aPlanWithAnApprovedHostMayRunUntilItExpires() {
        RunPermission now = RunPermission.of(plan, ApprovalPolicy.DEFAULT, List.of(byBob), NOW);
        assertThat(now.granted()).isTrue();
        assertThat(now.approvedHosts()).containsExactly("wsus1");
        assertThat(now.orRefuse()).isSameAs(now);

        RunPermission later = RunPermission.of(plan, ApprovalPolicy.DEFAULT, List.of(byBob), plan.expiresAt());
        assertThat(later.granted()).isFalse();
        assertThat(later.expired()).isTrue();
        assertThat(later.approvedHosts()).isEmpty();
        assertThatThrownBy(later::orRefuse).isInstanceOf(ApprovalRefused.class)
                .hasMessage("plan plan-1 expired at " + plan.expiresAt() + "; make a new plan");
    }

    @Test
    void aPlanWithNoApprovedHostMayNotRun() {
        RunPermission none = RunPermission.of(plan, ApprovalPolicy.DEFAULT, List.of(), NOW);
        assertThat(none.expired()).isFalse();
        assertThat(none.granted()).isFalse();
        assertThatThrownBy(none::orRefuse).isInstanceOf(ApprovalRefused.class)
                .hasMessage("no host of plan plan-1 is approved; nothing to run");
    }
}
