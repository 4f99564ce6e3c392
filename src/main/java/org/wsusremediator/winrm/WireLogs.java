package org.wsusremediator.winrm;

import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Apache HttpClient (under CXF, under WinRM4J) logs every request header, {@code Authorization} included, on
 * its {@code org.apache.http.headers} logger, and every byte on {@code org.apache.http.wire}, at DEBUG: turning
 * debug logging on would print the Basic password (base64) and the NTLM tokens of every host. These two loggers
 * are switched off here, over any configuration (slf4j-simple reads a logger's level from system properties
 * first, when the logger is created, which is after this). And since another binding or an earlier logger could
 * still have them on, the component checks, and refuses to start rather than log a credential.
 */
final class WireLogs {

    static final List<String> CREDENTIAL_LOGGERS = List.of("org.apache.http.headers", "org.apache.http.wire");

    private WireLogs() {
    }

    static void silence() {
        for (String logger : CREDENTIAL_LOGGERS) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger, "off");
        }
    }

    /** Throws if any of the loggers that print credentials would print at DEBUG, the only level HttpClient uses for them. */
    static void requireSilent() {
        for (String logger : CREDENTIAL_LOGGERS) {
            if (LoggerFactory.getLogger(logger).isDebugEnabled()) {
                throw new IllegalStateException("logger " + logger + " is enabled and would print the credentials sent"
                        + " to every host; the winrm component does not start with it on (turn it off in the logging"
                        + " configuration)");
            }
        }
    }
}
