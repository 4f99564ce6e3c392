package org.wsusremediator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.FactSheet;
import org.wsusremediator.plan.PlanChanges.FactChange;
import org.wsusremediator.plan.PlanChanges.HostChange;
import org.wsusremediator.plan.PlanChanges.Kind;

class PlanChangesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theFirstPlanOfAnInventoryHasNoPreviousPlanAndEveryHostIsAdded() {
        Plan first = plan("p1", "inv.yaml", T0, host("a", Action.INSTALL_KB, "fp-a", facts("A", "3.1.6001.65")));
        PlanChanges changes = PlanChanges.between(null, first);
        assertThat(changes.previous()).isNull();
        assertThat(changes.hosts()).extracting(HostChange::kind).containsExactly(Kind.ADDED);
        assertThat(changes.hosts().get(0).identityChanged()).isEmpty();
    }

    @Test
    void addedRemovedChangedAndUnchangedHostsWithEachFactThatChanged() {
        Plan before = plan("p1", "inv.yaml", T0,
                host("a", Action.INSTALL_KB, "fp-a1", facts("A", "3.1.6001.65")),
                host("b", Action.COMPLIANT, "fp-b", facts("B", "3.1.6001.66")),
                host("gone", Action.INSTALL_KB, "fp-g", facts("GONE", "3.1.6001.65")));
        Plan after = plan("p2", "inv.yaml", T0.plusSeconds(60),
                host("A", Action.COMPLIANT, "fp-a2", facts("A", "3.1.6001.66")),
                host("b", Action.COMPLIANT, "fp-b", facts("B", "3.1.6001.66")),
                host("new", Action.INSTALL_KB, "fp-n", facts("NEW", "3.1.6001.65")));

        PlanChanges changes = PlanChanges.between(before, after);

        assertThat(changes.previous().id()).isEqualTo("p1");
        assertThat(changes.hosts()).extracting(HostChange::host, HostChange::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("A", Kind.CHANGED), org.assertj.core.groups.Tuple.tuple("b", Kind.UNCHANGED),
                org.assertj.core.groups.Tuple.tuple("new", Kind.ADDED), org.assertj.core.groups.Tuple.tuple("gone", Kind.REMOVED));
        HostChange a = changes.hosts().get(0);
        assertThat(a.actionChanged()).isTrue();
        assertThat(a.actionBefore()).isEqualTo(Action.INSTALL_KB);
        assertThat(a.actionAfter()).isEqualTo(Action.COMPLIANT);
        assertThat(a.fingerprintChanged()).isTrue();
        assertThat(a.factsCompared()).isTrue();
        assertThat(a.facts()).containsExactly(new FactChange("dll_version", "3.1.6001.65", "3.1.6001.66", true));
        assertThat(a.identityChanged()).contains(false);
        HostChange gone = changes.hosts().get(3);
        assertThat(gone.before().action()).isEqualTo(Action.INSTALL_KB);
        assertThat(gone.after()).isNull();
        assertThat(changes.count(Kind.CHANGED)).isEqualTo(1);
    }

    @Test
    void anotherMachineAtTheHostsAddressIsAnIdentityChangeAndALogCountIsNotADecidingFact() {
        Map<String, Object> other = new HashMap<>(facts("A", "3.1.6001.65").values());
        other.put("machine_guid", "22222222-2222-2222-2222-222222222222");
        other.put("signature_count", 7);
        Plan before = plan("p1", "inv.yaml", T0, host("a", Action.INSTALL_KB, "fp-1", facts("A", "3.1.6001.65")));
        Plan after = plan("p2", "inv.yaml", T0.plusSeconds(1), host("a", Action.INSTALL_KB, "fp-2", new FactSheet(other)));
        HostChange a = PlanChanges.between(before, after).hosts().get(0);
        assertThat(a.kind()).isEqualTo(Kind.CHANGED);
        assertThat(a.actionChanged()).isFalse();
        assertThat(a.identityChanged()).contains(true);
        assertThat(a.facts()).containsExactly(
                new FactChange("machine_guid", "11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222", true),
                new FactChange("signature_count", 0, 7, false));
    }

    @Test
    void factsAreNotComparedWhereAPlanKeptNoneOnlyTheFingerprintsTell() {
        Plan before = plan("p1", "inv.yaml", T0, host("a", Action.INSTALL_KB, "fp-1", null));
        Plan after = plan("p2", "inv.yaml", T0.plusSeconds(1), host("a", Action.UNREACHABLE, "no-facts", null));
        HostChange a = PlanChanges.between(before, after).hosts().get(0);
        assertThat(a.kind()).isEqualTo(Kind.CHANGED);
        assertThat(a.factsCompared()).isFalse();
        assertThat(a.facts()).isEmpty();
        assertThat(a.identityChanged()).isEmpty();
        assertThat(a.fingerprintChanged()).isTrue();
    }

    @Test
    void thePreviousPlanIsTheNewestOlderPlanOfTheSameInventory() {
        Plan old = plan("p1", "inv.yaml", T0);
        Plan otherInventory = plan("p2", "other.yaml", T0.plusSeconds(10));
        Plan middle = plan("p3", "inv.yaml", T0.plusSeconds(20));
        Plan current = plan("p4", "inv.yaml", T0.plusSeconds(30));
        Plan newer = plan("p5", "inv.yaml", T0.plusSeconds(40));
        List<Plan> newestFirst = List.of(newer, current, middle, otherInventory, old);
        assertThat(PlanChanges.previousOf(current, newestFirst)).contains(middle);
        assertThat(PlanChanges.previousOf(middle, newestFirst)).contains(old);
        assertThat(PlanChanges.previousOf(old, newestFirst)).isEmpty();
        assertThat(PlanChanges.previousOf(otherInventory, newestFirst)).isEmpty();
    }

    private static Plan plan(String id, String inventory, Instant at, PlannedHost... hosts) {
        return new Plan(id, "alice", at, at.plusSeconds(3600), inventory, List.of(hosts));
    }

    private static PlannedHost host(String name, Action action, String fingerprint, FactSheet facts) {
        return new PlannedHost(name, action, "because " + action, fingerprint, action == Action.INSTALL_KB, null, facts);
    }

    private static FactSheet facts(String computer, String dll) {
        Map<String, Object> v = new HashMap<>();
        v.put("computer_name", computer);
        v.put("machine_guid", "11111111-1111-1111-1111-111111111111");
        v.put("os_version", "6.0.6001");
        v.put("wsus_version", "3.1.6001.65");
        v.put("dll_version", dll);
        v.put("powershell_version", "2.0");
        v.put("signature_count", 0);
        return new FactSheet(v);
    }
}
