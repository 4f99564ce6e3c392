package org.wsusremediator.input;

import java.nio.file.Path;

/**
 * Where a value was written in a file an admin names, so that a {@link Problem} with it can say
 * {@code file:line: field}. The YAML reader's values and a CSV host list's rows have one.
 */
public interface Location {

    /** The file the value was written in. */
    Path file();

    /** 1-based; 0 when the value stands for the whole file. */
    int line();

    /** The field path, e.g. {@code groups.lab.hosts[1].port}; "" for the top level and for a CSV row. */
    String path();
}
