package org.wsusremediator.simulator;

/** Field checks shared by the fleet-file records; messages start with the field name so errors can be located. */
final class Checks {

    private Checks() {
    }

    static void required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException(field + ": required");
        }
    }

    static void port(String field, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(field + ": " + port + " is not a TCP port (1-65535)");
        }
    }

    static void notNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + ": must not be negative (was " + value + ")");
        }
    }

    /** Simulated output must stay ASCII: WinRM4J decodes it with the platform charset (winrm4j#133). */
    static void ascii(String field, String value) {
        if (value != null && !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(field + ": only printable ASCII is allowed ('" + value + "')");
        }
    }

    static void windowsPath(String field, String value) {
        ascii(field, value);
        if (!value.matches("[A-Za-z]:\\\\.*")) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not an absolute Windows path like C:\\Program Files\\Update Services\\");
        }
    }
}
