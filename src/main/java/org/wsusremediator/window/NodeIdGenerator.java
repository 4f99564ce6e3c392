package org.wsusremediator.window;

import org.quartz.spi.InstanceIdGenerator;
import org.wsusremediator.store.NodeIdentity;

/**
 * Quartz's {@code instanceId: AUTO} for a clustered node: the {@link NodeIdentity} of this process. Quartz's own
 * generators give the host name alone (two nodes on one host would clash) or the host and a time (no process id).
 */
public final class NodeIdGenerator implements InstanceIdGenerator {

    @Override
    public String generateInstanceId() {
        return NodeIdentity.current().instanceId();
    }
}
