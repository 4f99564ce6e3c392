package org.wsusremediator.host;

/**
 * The body of a visit that is about to change its host (an install or a recipe), carrying the host's report.
 * A visit's error path settles any failed visit; through this it tells a failed acting visit (the host was not
 * changed, and its report says so) from a failed probe, without depending on how acting is done.
 */
public interface ActingVisit {

    HostReport report();
}
