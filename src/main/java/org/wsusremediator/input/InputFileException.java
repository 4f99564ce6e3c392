package org.wsusremediator.input;

import java.io.IOException;

/**
 * A named file that is not read, and why, as a sentence fragment that follows the file's name ("is not a
 * regular file (…)", "is 31457280 bytes; at most …"). It never holds any of the file's content.
 */
public final class InputFileException extends IOException {

    private final String reason;

    InputFileException(String reason) {
        super(reason);
        this.reason = reason;
    }

    /** What is wrong with the file, to be written after its name. */
    public String reason() {
        return reason;
    }
}
