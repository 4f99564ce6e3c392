package org.wsusremediator.yaml;

import java.io.IOException;

/**
 * How {@link YamlNodeReader} words what is wrong with a file as a whole and with its keys. The words differ
 * between files only because the inventory's were written first and admins (and tests) know them; the
 * change-window file and recipes share {@link #PLAIN}. What is checked is the same for every file.
 */
public interface YamlWording {

    /** The change-window file's and recipes' words. */
    YamlWording PLAIN = new YamlWording() {
    };

    /** A key written a second time in one mapping, at the second key's line. */
    default String duplicateKey(int firstLine) {
        return "written twice; already set at line " + firstLine;
    }

    /** What follows a first document. */
    default String secondDocument() {
        return "a second YAML document ('---') is not allowed; the file is one document";
    }

    /**
     * A file that is not read, or not to its end: {@code reason} is an
     * {@link org.wsusremediator.input.InputFileException#reason()} ("not found", "is not a regular file (…)") or
     * a parser limit hit ({@link org.wsusremediator.input.ParserLimits#limitHit}).
     */
    default String unreadable(String reason) {
        return reason.equals("not found") ? "cannot be read: no such file" : reason;
    }

    /** Bytes that are not YAML text at all (not UTF-8, say). */
    default String notYamlText(IOException e) {
        return "cannot be read (" + e.getClass().getSimpleName() + ")";
    }

    /** What follows SnakeYAML's problem in a syntax error: the construct it was reading, e.g. " (while scanning a quoted scalar)". */
    default String syntaxContext(String context, int contextLine, int problemLine) {
        return " (" + context + ")";
    }

    /** The field an over-long key is reported at, inside the mapping at {@code mappingPath}. */
    default String oversizedKeyPath(String mappingPath) {
        return mappingPath;
    }
}
