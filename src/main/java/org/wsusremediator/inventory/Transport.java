package org.wsusremediator.inventory;

/** How WinRM is reached. The default port follows the transport when no level of the inventory sets one. */
public enum Transport {
    HTTP("http", 5985),
    HTTPS("https", 5986);

    private final String scheme;
    private final int defaultPort;

    Transport(String scheme, int defaultPort) {
        this.scheme = scheme;
        this.defaultPort = defaultPort;
    }

    /** The URL scheme, also the spelling used in inventory files. */
    public String scheme() {
        return scheme;
    }

    /** WinRM 2.0's listener port for this transport (WinRM 1.1 used 80/443: set port explicitly there). */
    public int defaultPort() {
        return defaultPort;
    }
}
