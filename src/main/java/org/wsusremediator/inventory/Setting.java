package org.wsusremediator.inventory;

/**
 * One host setting that can be written in defaults, a group or a host, and is inherited in that order.
 *
 * @param key       the YAML key; a dotted key ({@code timeouts.connect}) is written nested
 * @param parser    how its text is read
 * @param builtIn   the value when no level sets it; null when it has none (required, or computed)
 * @param csvColumn whether it may also be a column of a CSV host list
 */
record Setting<T>(String key, ValueParser<T> parser, T builtIn, boolean csvColumn) {

    /** The key as written at a level: {@code timeouts} for {@code timeouts.connect}. */
    String topKey() {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    /** The key inside its nested mapping: {@code connect} for {@code timeouts.connect}. */
    String subKey() {
        return key.substring(key.indexOf('.') + 1);
    }

    boolean nested() {
        return key.indexOf('.') >= 0;
    }
}
