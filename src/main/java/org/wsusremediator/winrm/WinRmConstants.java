package org.wsusremediator.winrm;

import org.apache.camel.spi.Metadata;

/**
 * The names the {@code winrm:} component reads and writes on an exchange, documented as Camel components document
 * their headers (camel-ssh's {@code SshConstants}): routes and beans use these constants, never the strings.
 */
public final class WinRmConstants {

    /**
     * Header set after every visit, also one that failed: how many commands the visit ran in its shell (0 when
     * no shell could be opened). A scan reports it per host.
     */
    @Metadata(label = "producer", description = "How many commands the visit ran in its shell (0 when none"
            + " could be opened); set after every visit, also one that failed.", javaType = "int")
    public static final String COMMANDS = "WinRmCommands";

    /** Header set after every visit, also one that failed: how long the visit took, in milliseconds. */
    @Metadata(label = "producer", description = "How long the visit took, in milliseconds; set after every visit,"
            + " also one that failed.", javaType = "long")
    public static final String ELAPSED_MILLIS = "WinRmElapsedMillis";

    /**
     * Exchange property the component reads: the run's credentials, resolved once per run before the first
     * visit, as a {@code Map<String, Credential>} from the inventory's credential name to its username and
     * password. A visit looks up its host's credential there, and fails when it is missing. An exchange property,
     * not a header: headers may be logged or sent on by other components, properties stay in the process.
     */
    @Metadata(label = "producer", description = "The run's resolved credentials by the inventory's credential"
            + " name (exchange property, never a header).", javaType = "java.util.Map<String, Credential>",
            secret = true)
    public static final String CREDENTIALS = "WinRmCredentials";

    private WinRmConstants() {
    }
}
