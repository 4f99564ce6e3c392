package org.wsusremediator.simulator;

/** A fleet file that cannot be used; the message names the file, the field and the problem. */
public class FleetFileException extends RuntimeException {

    private final String source;
    private final String field;

    public FleetFileException(String source, String field, String problem, Throwable cause) {
        super(source + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + problem, cause);
        this.source = source;
        this.field = field;
    }

    /** The file (or other source) that was read. */
    public String source() {
        return source;
    }

    /** Where in the file, e.g. {@code hosts[3].os.version}; empty for the whole file. */
    public String field() {
        return field;
    }
}
