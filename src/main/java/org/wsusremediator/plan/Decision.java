package org.wsusremediator.plan;

/** An admin's word on a plan's hosts. */
public enum Decision {
    APPROVE, REJECT
}
