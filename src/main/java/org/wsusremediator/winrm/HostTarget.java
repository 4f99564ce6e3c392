package org.wsusremediator.winrm;

import org.wsusremediator.inventory.HostEntry;

/** An exchange body that says which host the WinRM endpoint must visit. */
public interface HostTarget {

    HostEntry host();
}
