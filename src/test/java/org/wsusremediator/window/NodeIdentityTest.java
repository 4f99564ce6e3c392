package org.wsusremediator.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.wsusremediator.store.NodeIdentity;
import org.wsusremediator.store.SchedulerCheckin;

/** A node's Quartz instance id names its host, process and start, fits Quartz's columns, and reads back. */
class NodeIdentityTest {

    @Test
    void thisProcessReadsBackFromItsInstanceId() {
        NodeIdentity me = NodeIdentity.current();
        assertThat(me.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(NodeIdentity.parse(me.instanceId())).contains(me);
        assertThat(new NodeIdGenerator().generateInstanceId()).isEqualTo(me.instanceId());
        // QRTZ_FIRED_TRIGGERS.ENTRY_ID (95 characters) is the instance id and a 13-digit counter.
        assertThat(me.instanceId().length() + 13).isLessThanOrEqualTo(95);
    }

    @Test
    void idsNotOfOurFormHaveNoIdentity() {
        assertThat(NodeIdentity.parse("remediator")).isEmpty();
        assertThat(NodeIdentity.parse("host:12:34:56")).isEmpty();
        assertThat(NodeIdentity.parse("<b>x</b>:1:2")).isEmpty();
        assertThat(NodeIdentity.parse(null)).isEmpty();
        assertThat(NodeIdentity.parse("wsus-a.corp.local:4711:1765096429000")).contains(
                new NodeIdentity("wsus-a.corp.local", 4711, Instant.ofEpochMilli(1765096429000L)));
    }

    @Test
    void aNodeIsLiveWithinItsIntervalAndQuartzsGrace() {
        Instant checkin = Instant.parse("2026-12-07T09:00:00Z");
        ClusterNode node = ClusterNode.of(new SchedulerCheckin("h:1:2", checkin, Duration.ofSeconds(2)));
        assertThat(node.host()).isEqualTo("h");
        assertThat(node.pid()).isEqualTo(1L);
        assertThat(node.live(checkin.plusMillis(9500))).isTrue();
        assertThat(node.live(checkin.plusMillis(9501))).isFalse();
        ClusterNode foreign = ClusterNode.of(new SchedulerCheckin("remediator", checkin, Duration.ofSeconds(7)));
        assertThat(foreign.host()).isNull();
        assertThat(foreign.pid()).isNull();
        assertThat(foreign.thisProcess()).isFalse();
    }
}
