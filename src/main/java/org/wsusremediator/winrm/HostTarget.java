package org.wsusremediator.winrm;

import java.time.Duration;
import org.wsusremediator.inventory.HostEntry;

/** An exchange body that says which host the WinRM endpoint must visit. */
public interface HostTarget {

    HostEntry host();

    /** How long the whole visit may take: the host's {@code timeouts.visit}, more for a visit that waits on purpose. */
    default Duration visitDeadline() {
        return host().timeouts().visit();
    }
}
