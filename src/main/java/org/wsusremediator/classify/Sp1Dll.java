package org.wsusremediator.classify;

import org.wsusremediator.probe.Version;

/**
 * What the client web service DLL of a WSUS 3.0 SP1 server says about KB954960: the one rule that both the
 * scan's classification and the verification after an install apply, so that one state has one name. (They
 * once disagreed: a DLL at 3.2.7600.226 was "verified" after an install and "a mixed installation" in a scan.)
 * Only a DLL of the SP1 build line at 3.1.6001.66 or later proves the fix; versions are compared by their
 * numbers, never as text.
 */
public enum Sp1Dll {
    /** No DLL where the Setup key's TargetDir says it is. */
    MISSING,
    /** A DLL of another build line than 3.1.6001 (e.g. an SP2 file): a mixed installation, the fix unproven. */
    MIXED_INSTALLATION,
    /** On the SP1 line, below 3.1.6001.66: KB954960 is not installed. */
    BELOW_FIX,
    /** On the SP1 line at 3.1.6001.66 or later: KB954960 is installed. */
    FIXED;

    static final Version SP1_LINE = Version.of(3, 1, 6001);
    /** The client web service DLL's version once KB954960 is installed (advisory). */
    public static final Version FIXED_DLL = Version.of(3, 1, 6001, 66);

    public static Sp1Dll of(Version dll) {
        if (dll == null) {
            return MISSING;
        }
        if (!dll.sameLine(SP1_LINE)) {
            return MIXED_INSTALLATION;
        }
        return dll.isAtLeast(FIXED_DLL) ? FIXED : BELOW_FIX;
    }

    /** The words both the scan and the verification use for a DLL of another line. */
    public static String mixedInstallation(Version dll) {
        return "the client web service DLL is " + dll + ", not of the 3.1.6001 line: a mixed installation; "
                + "KB954960 may not install and the fix cannot be confirmed";
    }
}
